import MCP
import RTKQL
import RTKQLSyntax

/// The tools of one MCP client session, over one rtkql `Session` (its USE, variables and settings).
///
/// ```swift
/// let toolbox = MCPToolbox(session: Session(engine: engine), options: MCPOptions())
/// let result = await toolbox.call("query", arguments: ["sql": .string("SHOW SERVICES IN cloudflare")])
/// ```
public final class MCPToolbox: Sendable {
    /// The rtkql session every tool call of this client runs in.
    public let session: Session
    /// The server's options (row cap, mutations).
    public let options: MCPOptions
    private let rendering: ResultRendering
    private let queue = CallQueue()

    /// A toolbox over `session`.
    public init(session: Session, options: MCPOptions) {
        self.session = session
        self.options = options
        rendering = ResultRendering(maximumRows: options.maximumRows)
    }

    /// The tools this server offers (`execute` only with `allowMutations`).
    public var tools: [Tool] {
        ToolDefinitions.tools(allowMutations: options.allowMutations, maximumRows: options.maximumRows)
    }

    /// Runs the tool `name`; failures are results with `isError`, carrying the CLI's message. Calls run one
    /// at a time, in the order they arrive (the session runs one statement at a time).
    public func call(_ name: String, arguments: [String: Value]?) async -> CallTool.Result {
        await queue.run { await self.dispatch(name, arguments: arguments) }
    }

    private func dispatch(_ name: String, arguments: [String: Value]?) async -> CallTool.Result {
        switch name {
        case ToolDefinitions.query:
            return await withSQL(arguments) { try await self.query($0) }
        case ToolDefinitions.explain:
            return await withSQL(arguments) { try await self.explain($0) }
        case ToolDefinitions.execute where options.allowMutations:
            return await withSQL(arguments) { try await self.execute($0) }
        case ToolDefinitions.execute:
            return ResultRendering.failure("error: the execute tool is off: start the server with rtkql mcp --allow-mutations "
                                           + "to run REPLACE, INSERT, UPDATE, DELETE and EXEC")
        case ToolDefinitions.listResources:
            return listResources()
        case ToolDefinitions.describeResource:
            guard let resource = arguments?["resource"]?.stringValue else {
                return ResultRendering.failure("error: describe_resource needs the argument resource (e.g. cloudflare.realtime_kit.recordings)")
            }
            return await describe(resource)
        default:
            return ResultRendering.failure("error: unknown tool \(name); the tools are "
                                           + tools.map(\.name).joined(separator: ", "))
        }
    }

    // MARK: - Tools

    private func query(_ script: PreparedScript) async throws -> CallTool.Result {
        let statement = try single(script)
        if let refusal = StatementGate.queryRefusal(StatementGate.kind(of: statement.statement),
                                                    allowMutations: options.allowMutations) {
            return ResultRendering.failure("error: " + refusal)
        }
        return try await run(statement, in: script.text)
    }

    private func execute(_ script: PreparedScript) async throws -> CallTool.Result {
        let statement = try single(script)
        if let refusal = StatementGate.executeRefusal(StatementGate.kind(of: statement.statement)) {
            return ResultRendering.failure("error: " + refusal)
        }
        return try await run(statement, in: script.text)
    }

    private func explain(_ script: PreparedScript) async throws -> CallTool.Result {
        var statement = try single(script)
        if case .explain = statement.statement {} else { statement.statement = .explain(statement.statement) }
        return try await run(statement, in: script.text)
    }

    private func listResources() -> CallTool.Result {
        let columns = ["id", "provider", "service", "name", "description", "sql_verbs"]
        let rows: [[SQLValue]] = session.engine.registry.allResources.map { resolved in
            let present = Set(resolved.resource.methods.map { $0.sqlVerb.rawValue.uppercased() })
            let verbs = ["SELECT", "INSERT", "UPDATE", "REPLACE", "DELETE", "EXEC"].filter(present.contains)
                + present.subtracting(["SELECT", "INSERT", "UPDATE", "REPLACE", "DELETE", "EXEC"]).sorted()
            return [.text(resolved.fullName), .text(resolved.provider.name), .text(resolved.service.name),
                    .text(resolved.resource.name), .text(resolved.resource.description), .text(verbs.joined(separator: ", "))]
        }
        return rendering.toolResult(QueryResult(columns: columns, rows: rows), total: rows.count)
    }

    private func describe(_ resource: String) async -> CallTool.Result {
        guard ResourceName.isValid(resource) else {
            return ResultRendering.failure("error: \(resource) is not a resource name: give provider.service.resource "
                                           + "(or service.resource), e.g. cloudflare.realtime_kit.recordings")
        }
        let fieldsText = "DESCRIBE EXTENDED \(resource)"
        let methodsText = "SHOW EXTENDED METHODS IN \(resource)"
        do {
            let fields = try await session.execute(fieldsText)
            let methods = try await session.execute(methodsText)
            let fieldsResult = rendering.toolResult(fields, total: fields.rows.count)
            let methodsResult = rendering.toolResult(methods, total: methods.rows.count)
            let text = "\(resource) columns:\n" + (fieldsResult.content.first?.text ?? "")
                + "\n\nmethods:\n" + (methodsResult.content.first?.text ?? "")
            let structured: Value? = .object([
                "resource": .string(resource),
                "columns": fieldsResult.structuredContent?.objectValue?["rows"] ?? .array([]),
                "methods": methodsResult.structuredContent?.objectValue?["rows"] ?? .array([]),
            ])
            let json = "{\"columns\": " + (fieldsResult.content.last?.text ?? "[]")
                + ", \"methods\": " + (methodsResult.content.last?.text ?? "[]") + "}\n"
            return CallTool.Result(content: [.text(text: text, annotations: nil, _meta: nil),
                                             .text(text: json, annotations: nil, _meta: nil)],
                                   structuredContent: structured, isError: false)
        } catch {
            return ResultRendering.failure(ErrorText.render(error, script: fieldsText))
        }
    }

    // MARK: - Running

    private func withSQL(_ arguments: [String: Value]?,
                         _ body: (PreparedScript) async throws -> CallTool.Result) async -> CallTool.Result {
        guard let sql = arguments?["sql"]?.stringValue else {
            return ResultRendering.failure("error: this tool needs the argument sql (one rtkql statement)")
        }
        let script: PreparedScript
        do {
            script = try session.prepare(sql)
        } catch {
            return ResultRendering.failure(ErrorText.render(error, script: sql))
        }
        do {
            return try await body(script)
        } catch {
            return ResultRendering.failure(ErrorText.render(error, script: script.text))
        }
    }

    private func single(_ script: PreparedScript) throws(RTKQLError) -> ParsedStatement {
        guard script.statements.count == 1, let statement = script.statements.first else {
            throw .invalid(message: "expected exactly one statement, got \(script.statements.count)")
        }
        return statement
    }

    private func run(_ statement: ParsedStatement, in text: String) async throws -> CallTool.Result {
        let result = try await session.execute(statement, in: text)
        let (rows, total) = try await rendering.read(result)
        return rendering.toolResult(rows, total: total)
    }
}

/// `provider.service.resource` or `service.resource`: plain identifiers joined by dots, nothing to splice.
enum ResourceName {
    static func isValid(_ name: String) -> Bool {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count) else { return false }
        return parts.allSatisfy { part in
            guard let first = part.unicodeScalars.first, first == "_" || (first.properties.isAlphabetic && first.isASCII) else {
                return false
            }
            return part.unicodeScalars.allSatisfy { $0.isASCII && ($0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0)) }
        }
    }
}

extension Tool.Content {
    /// The text of a text block.
    var text: String? {
        if case .text(let text, _, _) = self { return text }
        return nil
    }
}
