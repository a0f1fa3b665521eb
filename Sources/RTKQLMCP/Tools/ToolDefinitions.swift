import MCP

/// The tools an rtkql MCP server lists: their names, descriptions and argument schemas.
enum ToolDefinitions {
    static let query = "query"
    static let listResources = "list_resources"
    static let describeResource = "describe_resource"
    static let explain = "explain"
    static let execute = "execute"

    /// The tools, with `execute` only when mutations are allowed.
    static func tools(allowMutations: Bool, maximumRows: Int) -> [Tool] {
        var tools = [
            Tool(name: query, title: "Run a read-only rtkql statement",
                 description: """
                 Runs one rtkql statement that only reads: SELECT (SQLite's SQL over API resources, e.g. \
                 SELECT id, status FROM cloudflare.realtime_kit.recordings WHERE account_id = '…' AND app_id = '…'), \
                 SHOW PROVIDERS|SERVICES|RESOURCES|METHODS, DESCRIBE resource, or EXPLAIN statement. Returns the rows \
                 as JSON (structured content and a JSON text block) and a text table, at most \(maximumRows) rows \
                 (the note says how many there were). Required API parameters (account_id, app_id…) go in WHERE. \
                 The dialect is the resource rtkql://docs/sql-dialect.
                 """,
                 inputSchema: sqlSchema("One rtkql statement: SELECT, SHOW, DESCRIBE or EXPLAIN."),
                 annotations: .init(title: "rtkql query", readOnlyHint: true, openWorldHint: true)),
            Tool(name: listResources, title: "List the queryable resources",
                 description: "Lists every resource rtkql can query (provider.service.resource), with its description "
                    + "and the SQL verbs it supports. The full catalogue, with fields and methods, is the resource rtkql://catalog.",
                 inputSchema: .object(["type": .string("object"), "properties": .object([:])]),
                 annotations: .init(title: "rtkql resources", readOnlyHint: true, openWorldHint: false)),
            Tool(name: describeResource, title: "Describe a resource",
                 description: "The columns of a resource (its fields, then the parameter columns that bind API "
                    + "parameters), with types and descriptions, and its methods with their required parameters.",
                 inputSchema: .object([
                    "type": .string("object"),
                    "properties": .object(["resource": .object([
                        "type": .string("string"),
                        "description": .string("The resource, e.g. cloudflare.realtime_kit.recordings or realtime_kit.recordings"),
                    ])]),
                    "required": .array([.string("resource")]),
                 ]),
                 annotations: .init(title: "rtkql describe", readOnlyHint: true, openWorldHint: false)),
            Tool(name: explain, title: "Explain a statement's plan",
                 description: "Shows what a statement would do without doing it: the API requests a SELECT would send "
                    + "(and which WHERE terms become API parameters), or the requests REPLACE/INSERT/UPDATE/DELETE/EXEC "
                    + "would send. Nothing is sent.",
                 inputSchema: sqlSchema("One rtkql statement to explain (with or without a leading EXPLAIN)."),
                 annotations: .init(title: "rtkql explain", readOnlyHint: true, openWorldHint: false)),
        ]
        if allowMutations {
            tools.append(Tool(
                name: execute, title: "Change Cloudflare resources",
                description: """
                Runs one REPLACE, INSERT, UPDATE, DELETE or EXEC statement. This CHANGES REAL CLOUDFLARE \
                RESOURCES through the API (for example starting or stopping a RealtimeKit recording, or changing \
                an app's settings) with the server's credentials; the changes cannot be undone by rtkql. Check \
                what it will send with the explain tool first. Returns the API's answer rows (RETURNING) as JSON \
                and a text table.
                """,
                inputSchema: sqlSchema("One rtkql statement: REPLACE, INSERT, UPDATE, DELETE or EXEC."),
                annotations: .init(title: "rtkql execute (changes resources)", readOnlyHint: false,
                                   destructiveHint: true, idempotentHint: false, openWorldHint: true)))
        }
        return tools
    }

    private static func sqlSchema(_ description: String) -> Value {
        .object([
            "type": .string("object"),
            "properties": .object(["sql": .object(["type": .string("string"), "description": .string(description)])]),
            "required": .array([.string("sql")]),
        ])
    }
}
