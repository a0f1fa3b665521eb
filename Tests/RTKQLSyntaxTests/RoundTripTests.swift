import Foundation
import RTKQLSyntax
import Testing

/// parse → print → parse gives the same tree, and printing twice the same text, over every SQL text the
/// repository holds: the grammar's examples, the differential queries, the fuzz corpus and the examples.
@Suite struct RoundTripTests {
    static func read(_ relativePath: String) throws -> String {
        try String(contentsOf: repositoryRoot.appendingPathComponent(relativePath), encoding: .utf8)
    }

    /// The files under `folder` (relative to the root) whose names end with one of `extensions`.
    static func files(under folder: String, extensions: Set<String>) -> [URL] {
        let root = repositoryRoot.appendingPathComponent(folder)
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return [] }
        return enumerator.compactMap { $0 as? URL }.filter { extensions.contains($0.pathExtension) }
            .sorted { $0.path < $1.path }
    }

    @Test func grammarExamples() throws {
        let examples = try GrammarExamplesTests.examples()
        #expect(examples.count >= 20)
        for example in examples { expectRoundTrip(example) }
    }

    /// The differential queries with their placeholders filled as the rtkql side of that test fills them.
    @Test func differentialQueries() throws {
        let queries = try RoundTripTests.read("Tests/Fixtures/differential-queries.txt").split(separator: "\n")
            .map(String.init).filter { !$0.isEmpty && !$0.hasPrefix("--") }
        #expect(queries.count >= 100)
        for template in queries {
            var query = template.replacingOccurrences(of: "{RP}", with: "cloudflare.realtime_kit.recordings")
                .replacingOccurrences(of: "{R}", with: "cloudflare.realtime_kit.recordings")
                .replacingOccurrences(of: "{P}", with: "account_id = 'acc' AND app_id = 'app'")
                .replacingOccurrences(of: "{ACCOUNT}", with: "acc").replacingOccurrences(of: "{APP}", with: "app")
            for alias in ["a", "b", "x"] {
                query = query.replacingOccurrences(of: "{P\(alias.uppercased())}", with: "\(alias).account_id = 'acc' AND \(alias).app_id = 'app'")
            }
            expectRoundTrip(query)
        }
    }

    @Test func fuzzCorpus() throws {
        let files = RoundTripTests.files(under: "Fuzz/Corpus", extensions: ["sql", "iql"])
        #expect(files.count >= 20)
        for file in files {
            // A corpus entry need not parse (some are there to exercise errors); those that do must round-trip.
            let text = try String(contentsOf: file, encoding: .utf8)
            guard (try? SQLParser.parse(text)) != nil else { continue }
            expectRoundTrip(text)
        }
    }

    @Test func exampleScripts() throws {
        let files = RoundTripTests.files(under: "examples", extensions: ["iql"])
        #expect(files.count >= 4)
        for file in files {
            let printed = expectRoundTrip(try String(contentsOf: file, encoding: .utf8))
            #expect(!printed.isEmpty, "\(file.lastPathComponent)")
        }
    }
}
