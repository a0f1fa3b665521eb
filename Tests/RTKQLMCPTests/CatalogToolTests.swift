import Foundation
import MCP
import RTKQLMCP
import Testing

/// `list_resources`, `describe_resource`, `explain`, `execute` and the tool list.
@Suite struct CatalogToolTests {
    @Test func toolsListExecuteOnlyWithMutations() async throws {
        try await MCPFixture.with { fixture in
            #expect(fixture.toolbox().tools.map(\.name) == ["query", "list_resources", "describe_resource", "explain"])
            let tools = fixture.toolbox(allowMutations: true).tools
            #expect(tools.map(\.name) == ["query", "list_resources", "describe_resource", "explain", "execute"])
            #expect(tools.last?.description?.contains("CHANGES REAL CLOUDFLARE RESOURCES") == true)
            #expect(tools.last?.annotations.destructiveHint == true)
            #expect(tools.first?.annotations.readOnlyHint == true)
            let refused = await fixture.toolbox().call("execute", arguments: ["sql": .string("SELECT 1")])
            #expect(refused.texts == ["error: the execute tool is off: start the server with rtkql mcp --allow-mutations to run "
                                      + "REPLACE, INSERT, UPDATE, DELETE and EXEC"])
        }
    }

    @Test func listResources() async throws {
        try await MCPFixture.with { fixture in
            let result = await fixture.toolbox().call("list_resources", arguments: nil)
            let rows = result.rows ?? []
            #expect(rows.compactMap { $0.objectValue?["id"]?.stringValue } == fixture.engine.registry.allResources.map(\.fullName))
            #expect(result.structuredContent?.objectValue?["total_rows"] == .int(fixture.engine.registry.allResources.count))
            #expect(rows.first { $0.objectValue?["id"] == .string("cloudflare.realtime_kit.recordings") } == .object([
                "id": .string("cloudflare.realtime_kit.recordings"), "provider": .string("cloudflare"),
                "service": .string("realtime_kit"), "name": .string("recordings"),
                "description": .string("Creates, updates, deletes, gets or lists a recordings resource."),
                "sql_verbs": .string("SELECT, REPLACE, EXEC"),
            ]))
            #expect(rows.first { $0.objectValue?["id"] == .string("cloudflare.realtime_kit.webhooks") }?.objectValue?["sql_verbs"]
                    == .string("SELECT, INSERT, UPDATE, REPLACE, DELETE"))
        }
    }

    @Test func describeResourceListsColumnsAndMethods() async throws {
        try await MCPFixture.with { fixture in
            let result = await fixture.toolbox().call("describe_resource", arguments: ["resource": .string("realtime_kit.recordings")])
            #expect(result.isError == false, "\(result.texts)")
            let methods = result.structuredContent?.objectValue?["methods"]?.arrayValue ?? []
            #expect(methods.compactMap { $0.objectValue?["MethodName"]?.stringValue }
                    == ["list", "get_one_recording", "pause_resume_stop_recording", "create_track", "start", "get_active_recording"])
            let columns = result.structuredContent?.objectValue?["columns"]?.arrayValue ?? []
            #expect(columns.first?.objectValue?["name"] == .string("id"))
            #expect(columns.compactMap { $0.objectValue?["type"]?.stringValue }.filter { $0.hasSuffix("parameter") }.isEmpty == false)
            let unknown = await fixture.toolbox().call("describe_resource", arguments: ["resource": .string("x'; DROP")])
            #expect(unknown.texts == ["error: x'; DROP is not a resource name: give provider.service.resource (or service.resource), "
                                      + "e.g. cloudflare.realtime_kit.recordings"])
        }
    }

    @Test func explainSendsNothing() async throws {
        try await MCPFixture.with { fixture in
            let sql = "SELECT id FROM cloudflare.realtime_kit.recordings WHERE account_id = 'a' AND app_id = 'b'"
            let result = await fixture.toolbox().call("explain", arguments: ["sql": .string(sql)])
            let steps = result.rows ?? []
            #expect(steps.count == 2)
            #expect(steps.first?.objectValue?["url"] == .string("http://127.0.0.1:\(fixture.sandbox.port)/client/v4/accounts/a/realtime/kit/b/recordings?page_no=1&per_page=100"))
            #expect(steps.last?.objectValue?["note"] == .string("SELECT id FROM rtkql_ref_1 AS recordings WHERE account_id = 'a' AND app_id = 'b'"))
            #expect(await fixture.sandbox.requests().isEmpty)
        }
    }

    @Test func executeChangesAResource() async throws {
        try await MCPFixture.with { fixture in
            let sql = "REPLACE cloudflare.realtime_kit.recordings SET action = 'pause' WHERE account_id = '{{ account_id }}' "
                + "AND app_id = '{{ app_id }}' AND id = '405865c8-21ff-4ffa-b3cf-e0d0a0733825' RETURNING id, status"
            let toolbox = fixture.toolbox(allowMutations: true)
            let result = await toolbox.call("execute", arguments: ["sql": .string(sql)])
            #expect(result.rows == [.object(["id": .string("405865c8-21ff-4ffa-b3cf-e0d0a0733825"), "status": .string("PAUSED")])],
                    "\(result.texts)")
            #expect(await toolbox.call("execute", arguments: ["sql": .string("SELECT 1")]).texts
                    == ["error: the execute tool runs REPLACE, INSERT, UPDATE, DELETE and EXEC; send reads to the query tool"])
        }
    }
}
