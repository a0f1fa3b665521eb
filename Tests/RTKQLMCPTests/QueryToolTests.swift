import Foundation
import MCP
import RTKQL
import RTKQLMCP
import Testing

/// The `query` tool against the sandbox: exact rows, the row cap, and the CLI's messages for failures.
@Suite struct QueryToolTests {
    static let grouped = "SELECT status, COUNT(*) AS n FROM realtime_kit.recordings "
        + "WHERE account_id = '{{ account_id }}' AND app_id = '{{ app_id }}' GROUP BY status ORDER BY status"

    @Test func rowsAsStructuredContentJSONAndATable() async throws {
        try await MCPFixture.with { fixture in
            let result = await fixture.toolbox().call("query", arguments: ["sql": .string(Self.grouped)])
            #expect(result.isError == false)
            let expected: [(String, Int)] = [("ERRORED", 30), ("INVOKED", 2), ("PAUSED", 2), ("RECORDING", 2),
                                             ("UPLOADED", 199), ("UPLOADING", 5)]
            #expect(result.rows == expected.map { .object(["status": .string($0.0), "n": .int($0.1)]) })
            #expect(result.structuredContent?.objectValue?["columns"] == .array([.string("status"), .string("n")]))
            #expect(result.structuredContent?.objectValue?["total_rows"] == .int(6))
            #expect(result.structuredContent?.objectValue?["truncated"] == .bool(false))
            #expect(result.texts.count == 2)
            #expect(result.texts.first?.hasPrefix("+-----------+-----+\n| status    | n   |\n+-----------+-----+\n| ERRORED   |  30 |\n") == true,
                    "\(result.texts)")
            #expect(result.texts.first?.hasSuffix("+-----------+-----+\n6 rows") == true, "\(result.texts)")
            #expect(result.texts.last == "[\n" + expected.map { "  {\"status\": \"\($0.0)\", \"n\": \($0.1)}" }.joined(separator: ",\n") + "\n]\n")
        }
    }

    @Test func rowCapSaysHowManyThereWere() async throws {
        try await MCPFixture.with { fixture in
            let result = await fixture.toolbox(maximumRows: 2).call("query", arguments: ["sql": .string(Self.grouped)])
            #expect(result.rows == [.object(["status": .string("ERRORED"), "n": .int(30)]),
                                    .object(["status": .string("INVOKED"), "n": .int(2)])])
            #expect(result.structuredContent?.objectValue?["row_count"] == .int(2))
            #expect(result.structuredContent?.objectValue?["total_rows"] == .int(6))
            #expect(result.structuredContent?.objectValue?["truncated"] == .bool(true))
            #expect(result.texts.first == """
                +---------+----+
                | status  | n  |
                +---------+----+
                | ERRORED | 30 |
                | INVOKED |  2 |
                +---------+----+
                showing 2 of 6 rows (the row cap is 2; narrow the query with WHERE or LIMIT)
                """)
        }
    }

    @Test func textTableIsShortJSONHasEveryRow() async throws {
        try await MCPFixture.with { fixture in
            let sql = "SELECT id FROM realtime_kit.recordings WHERE account_id = '{{ account_id }}' AND app_id = '{{ app_id }}' "
                + "ORDER BY id LIMIT 25"
            let result = await fixture.toolbox().call("query", arguments: ["sql": .string(sql)])
            #expect(result.rows?.count == 25)
            let table = try #require(result.texts.first)
            #expect(table.split(separator: "\n").filter { $0.hasPrefix("| ") }.count == 21)  // the header and 20 rows
            #expect(table.hasSuffix("+\n25 rows\n(the table shows the first 20; the JSON has all 25)"), "\(table)")
        }
    }

    @Test func concurrentCallsOfOneClientEachGetTheirRows() async throws {
        try await MCPFixture.with { fixture in
            let toolbox = fixture.toolbox()
            let results = await withTaskGroup(of: (Int, CallTool.Result).self) { group in
                for limit in 1...4 {
                    group.addTask {
                        let sql = "SELECT id FROM realtime_kit.recordings WHERE account_id = '{{ account_id }}' "
                            + "AND app_id = '{{ app_id }}' ORDER BY id LIMIT \(limit)"
                        return (limit, await toolbox.call("query", arguments: ["sql": .string(sql)]))
                    }
                }
                var results: [Int: CallTool.Result] = [:]
                for await (limit, result) in group { results[limit] = result }
                return results
            }
            for limit in 1...4 {
                #expect(results[limit]?.isError == false, "\(results[limit]?.texts ?? [])")
                #expect(results[limit]?.rows?.count == limit)
            }
        }
    }

    @Test(.timeLimit(.minutes(1))) func cancellingACallStopsOnlyIt() async throws {
        try await MCPFixture.with { fixture in
            let toolbox = fixture.toolbox()
            let runaway = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c"
            let running = Task { await toolbox.call("query", arguments: ["sql": .string(runaway)]) }
            let next = Task { await toolbox.call("query", arguments: ["sql": .string("SELECT 41 + 1 AS answer")]) }
            running.cancel()
            #expect(await running.value.texts == ["error: cancelled"])
            #expect(await next.value.rows == [.object(["answer": .int(42)])])
        }
    }

    @Test func syntaxErrorCarriesLineAndColumn() async throws {
        try await MCPFixture.with { fixture in
            let result = await fixture.toolbox().call("query", arguments: ["sql": .string("SELEC 1")])
            #expect(result.isError == true)
            #expect(result.structuredContent == nil)
            #expect(result.texts == ["error: syntax error at 1:1: Expected: a statement (SELECT, INSERT, UPDATE, REPLACE, DELETE, "
                                     + "EXEC, SHOW, DESCRIBE, EXPLAIN, USE, REGISTRY, PURGE), found: SELEC\n  SELEC 1\n  ^"])
        }
    }

    @Test func missingParameterIsNamed() async throws {
        try await MCPFixture.with { fixture in
            let result = await fixture.toolbox().call("query", arguments: ["sql": .string("SELECT id FROM cloudflare.realtime_kit.recordings")])
            #expect(result.isError == true)
            #expect(result.texts == ["error: missing required parameter account_id for cloudflare.realtime_kit.recordings.list "
                + "(add `AND account_id = '...'` to the WHERE clause, or take it from another table with `account_id = other.column` "
                + "or `account_id IN (SELECT ...)`; see SHOW METHODS IN cloudflare.realtime_kit.recordings)"])
        }
    }

    @Test func apiErrorCarriesTheHTTPStatus() async throws {
        try await MCPFixture.with { fixture in
            let sql = "SELECT id FROM cloudflare.realtime_kit.recordings WHERE account_id = 'nope' AND app_id = 'x'"
            let result = await fixture.toolbox().call("query", arguments: ["sql": .string(sql)])
            #expect(result.isError == true)
            #expect(result.texts == ["error: API error: HTTP 404 Not Found from GET http://127.0.0.1:\(fixture.sandbox.port)"
                + "/client/v4/accounts/nope/realtime/kit/x/recordings?page_no=1&per_page=100: NOT_FOUND: account nope not found"])
        }
    }

    @Test func mutationsAreRefusedNamingTheFlag() async throws {
        try await MCPFixture.with { fixture in
            let sql = "DELETE FROM cloudflare.realtime_kit.recordings WHERE account_id = 'a'"
            let result = await fixture.toolbox().call("query", arguments: ["sql": .string(sql)])
            #expect(result.isError == true)
            #expect(result.texts == ["error: DELETE changes Cloudflare resources and this server is read-only: the query tool runs "
                + "SELECT, SHOW, DESCRIBE and EXPLAIN; start the server with rtkql mcp --allow-mutations to get the execute tool"])
            let withMutations = await fixture.toolbox(allowMutations: true).call("query", arguments: ["sql": .string(sql)])
            #expect(withMutations.texts == ["error: DELETE changes Cloudflare resources: the query tool only reads (SELECT, SHOW, "
                + "DESCRIBE, EXPLAIN); send it to the execute tool"])
            #expect(await fixture.sandbox.requests().isEmpty)
        }
    }

    @Test func statementTimeoutStopsARunawayQuery() async throws {
        try await MCPFixture.with(statementTimeout: .milliseconds(150)) { fixture in
            let runaway = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c"
            let result = await fixture.toolbox().call("query", arguments: ["sql": .string(runaway)])
            #expect(result.isError == true)
            #expect(result.texts == ["error: " + RTKQLError.statementTimeout(seconds: 0.15).description])
        }
    }

    @Test func oneStatementAtATimeAndNoSessionStatements() async throws {
        try await MCPFixture.with { fixture in
            let toolbox = fixture.toolbox()
            #expect(await toolbox.call("query", arguments: ["sql": .string("SELECT 1; SELECT 2")]).texts
                    == ["error: expected exactly one statement, got 2"])
            #expect(await toolbox.call("query", arguments: ["sql": .string("USE cloudflare")]).texts
                    == ["error: USE is not available here: the query tool runs SELECT, SHOW, DESCRIBE and EXPLAIN"])
            #expect(await toolbox.call("query", arguments: [:]).texts == ["error: this tool needs the argument sql (one rtkql statement)"])
        }
    }
}
