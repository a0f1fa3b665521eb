import Foundation
import RTKQL
import RTKQLSandbox
import RTKQLStorage
import Testing

/// rtkql must return exactly what SQLite returns for the same SQL over the same rows.
/// `{R}` stands for the resource (rtkql) or the plain table (reference); `{RP}` for the resource or the
/// plain table with the parameter columns `account_id` and `app_id` beside the fields; `{P}` for the
/// parameter predicates (rtkql) or `1` (reference). The queries are in Tests/Fixtures/differential-queries.txt,
/// which the printer's round-trip test reads too.
@Suite(.serialized) struct DifferentialTests {
    /// The queries of Tests/Fixtures/differential-queries.txt (one a line; `--` lines are comments).
    static let queries: [String] = {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/differential-queries.txt").path
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").map(String.init).filter { !$0.isEmpty && !$0.hasPrefix("--") }
    }()

    /// What the whole run of the queries sends with the cache on: the listing's three pages once, and the
    /// few calls no earlier listing answers (measured: 8, against 321 with the cache off; the sandbox's data
    /// are fixed).
    static let requestsWithTheCache = 8

    @Test func thereAreAtLeastAHundredQueries() {
        #expect(DifferentialTests.queries.count >= 100)
    }

    /// With the cache on, every query runs in one session, answered from what earlier ones fetched (narrower
    /// listings included); with it off, each fetches afresh. Both must give SQLite's rows.
    @Test(arguments: [true, false]) func rtkqlMatchesSQLiteOverTheSameRows(cached: Bool) async throws {
        try await SandboxFixture.with(recordings: 240, configure: { if !cached { $0.cacheTTL = .zero } }) { fixture in
            let reference = try await ReferenceTable.load(baseURL: fixture.server.baseURL, token: SandboxConfiguration.demoToken,
                                                          account: fixture.account, app: fixture.app)
            let session = Session(engine: fixture.engine)
            let before = await fixture.server.requests().count
            var answeredFromCache = 0
            for template in DifferentialTests.queries {
                var rtkqlSQL = template.replacingOccurrences(of: "{RP}", with: "cloudflare.realtime_kit.recordings")
                    .replacingOccurrences(of: "{R}", with: "cloudflare.realtime_kit.recordings")
                    .replacingOccurrences(of: "{P}", with: fixture.scope)
                for alias in ["a", "b", "x"] {
                    rtkqlSQL = rtkqlSQL.replacingOccurrences(of: "{P\(alias.uppercased())}",
                                                             with: "\(alias).account_id = '\(fixture.account)' AND \(alias).app_id = '\(fixture.app)'")
                }
                rtkqlSQL = rtkqlSQL.replacingOccurrences(of: "{ACCOUNT}", with: fixture.account).replacingOccurrences(of: "{APP}", with: fixture.app)
                var referenceSQL = template.replacingOccurrences(of: "{RP}", with: "recordings_with_parameters")
                    .replacingOccurrences(of: "{R}", with: "recordings").replacingOccurrences(of: "{P}", with: "1")
                for alias in ["A", "B", "X"] { referenceSQL = referenceSQL.replacingOccurrences(of: "{P\(alias)}", with: "1") }
                referenceSQL = referenceSQL.replacingOccurrences(of: "r.account_id = '{ACCOUNT}' AND r.app_id = '{APP}'", with: "1")
                referenceSQL = referenceSQL.replacingOccurrences(of: "{ACCOUNT}", with: fixture.account).replacingOccurrences(of: "{APP}", with: fixture.app)
                let expected = try reference.rows(referenceSQL)
                let actual = try await session.execute(rtkqlSQL)
                answeredFromCache += actual.answeredFromCache
                #expect(actual.rows == expected, "\(template)")
                #expect(!expected.isEmpty, "query returns no rows, so it checks little: \(template)")
            }
            let sent = await fixture.server.requests().count - before
            if cached {
                #expect(sent == DifferentialTests.requestsWithTheCache, "requests sent with the cache on")
            } else {
                #expect(answeredFromCache == 0 || sent > DifferentialTests.requestsWithTheCache)
            }
        }
    }
}
