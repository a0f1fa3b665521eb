import Foundation
import RTKQL
import RTKQLSandbox
import Testing

/// The library API: bound parameters, rows by name, Decodable rows.
@Suite struct EmbeddedAPITests {
    struct Recording: Decodable, Equatable {
        let id: String
        let status: String
        let file_size: Int64?
        let meeting: Meeting
        struct Meeting: Decodable, Equatable {
            let id: String
            let title: String?
        }
    }

    @Test func positionalAndNamedParametersBindMethodParametersAndFilters() async throws {
        try await SandboxFixture.with() { fixture in
            let literal = try await fixture.engine.query("""
                SELECT id FROM cloudflare.realtime_kit.recordings WHERE \(fixture.scope) AND file_size > 500000000 AND status = 'UPLOADED' ORDER BY id
                """)
            let positional = try await fixture.engine.query("""
                SELECT id FROM cloudflare.realtime_kit.recordings WHERE account_id = ? AND app_id = ? AND file_size > ? AND status = ? ORDER BY id
                """, arguments: [.text(fixture.account), .text(fixture.app), .integer(500_000_000), .text("UPLOADED")])
            let named = try await fixture.engine.query("""
                SELECT id FROM cloudflare.realtime_kit.recordings WHERE account_id = :a AND app_id = @b AND file_size > $size AND status = :s ORDER BY id
                """, arguments: ["a": .text(fixture.account), "b": .text(fixture.app), "size": .integer(500_000_000), "s": .text("UPLOADED")])
            #expect(!literal.rows.isEmpty)
            #expect(positional.rows == literal.rows)
            #expect(named.rows == literal.rows)
        }
    }

    @Test func quotesInBoundValuesNeedNoEscaping() async throws {
        try await SandboxFixture.with() { fixture in
            let result = try await fixture.engine.query("""
                SELECT count(*) FROM cloudflare.realtime_kit.recordings WHERE \(fixture.scope) AND output_file_name = ?
                """, arguments: [.text("it's' OR '1'='1")])
            #expect(result.rows == [[.integer(0)]])
        }
    }

    @Test func rowsDecodeIntoUserStructs() async throws {
        try await SandboxFixture.with() { fixture in
            let result = try await fixture.engine.query("""
                SELECT id, status, file_size, meeting FROM cloudflare.realtime_kit.recordings WHERE \(fixture.scope) ORDER BY id LIMIT 3
                """)
            let recordings = try result.decode(Recording.self)
            #expect(recordings.map(\.id) == result.rows.map { $0[0].textValue! })
            #expect(recordings.allSatisfy { $0.meeting.title != nil })
            let row = try #require(result.rowsByName.first)
            #expect(try row.decode("status", as: String.self) == recordings[0].status)
            #expect(row["FILE_SIZE"] == result.rows[0][2])
        }
    }

    @Test func templateVariablesAndExecute() async throws {
        try await SandboxFixture.with() { fixture in
            let variables = ["account_id": fixture.account, "app_id": fixture.app]
            let paused = try await fixture.engine.query("""
                SELECT id FROM cloudflare.realtime_kit.recordings WHERE account_id = '{{ account_id }}' AND app_id = '{{ app_id }}' AND status = 'PAUSED' ORDER BY id
                """, variables: variables)
            let id = try #require(paused.rows.first?.first?.textValue)
            let resumed = try await fixture.engine.execute("""
                REPLACE cloudflare.realtime_kit.recordings SET action = 'resume'
                WHERE account_id = '{{ account_id }}' AND app_id = '{{ app_id }}' AND recording_id = :id RETURNING status
                """, variables: variables, arguments: ["id": .text(id)])
            #expect(resumed.rows == [[.text("RECORDING")]])
            let error = await #expect(throws: RTKQLError.self) { try await fixture.engine.query("SELECT '{{ nope }}'", variables: variables) }
            #expect(error?.description == "template variable {{ nope }} at 1:9 has no value (pass --var nope=VALUE)")
        }
    }

    @Test func missingNamedValueIsAnError() async throws {
        try await SandboxFixture.with() { fixture in
            let error = await #expect(throws: RTKQLError.self) {
                try await fixture.engine.query("SELECT id FROM cloudflare.realtime_kit.recordings WHERE \(fixture.scope) AND status = :s")
            }
            #expect(error?.description == "no value for bound parameter :s")
        }
    }
}

@Suite struct RowStreamTests {
    @Test func rowsStreamInOrderAndMatchTheQuery() async throws {
        try await SandboxFixture.with() { fixture in
            let sql = "SELECT id, status FROM cloudflare.realtime_kit.recordings WHERE \(fixture.scope) ORDER BY id"
            let expected = try await fixture.engine.query(sql)
            var streamed: [[SQLValue]] = []
            for try await row in fixture.engine.rows(sql) {
                #expect(row.columns == ["id", "status"])
                streamed.append(row.values)
            }
            #expect(streamed == expected.rows)
            #expect(streamed.count == 240)
        }
    }

    @Test func errorsEndTheStream() async throws {
        try await SandboxFixture.with() { fixture in
            await #expect(throws: RTKQLError.self) {
                for try await _ in fixture.engine.rows("SELECT id FROM cloudflare.realtime_kit.recordings WHERE account_id = 'a'") {}
            }
        }
    }
}
