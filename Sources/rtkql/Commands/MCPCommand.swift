import ArgumentParser
import Foundation
import RTKQL
import RTKQLMCP

/// `rtkql mcp`: a Model Context Protocol server, so AI agents query RealtimeKit through rtkql.
struct MCPCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcp",
        abstract: "Serve rtkql to AI agents over the Model Context Protocol (stdio, or streamable HTTP).",
        discussion: """
        Tools: query (SELECT, SHOW, DESCRIBE, EXPLAIN), list_resources, describe_resource, explain, and with \
        --allow-mutations execute (REPLACE, INSERT, UPDATE, DELETE, EXEC: changes real Cloudflare resources). \
        Resources: rtkql://catalog and rtkql://docs/sql-dialect. Standard output is the protocol on stdio; \
        everything else goes to standard error. See docs/servers.md.

        Examples (an MCP host starts the first two over stdio; the third serves http://127.0.0.1:8765/mcp):
          rtkql mcp --sandbox
          CLOUDFLARE_API_TOKEN=... rtkql mcp --max-rows 200
          rtkql mcp --sandbox --http 127.0.0.1:8765
        """)

    @Option(help: ArgumentHelp("Serve streamable HTTP at http://HOST:PORT/mcp instead of stdio (loopback only: it has no authentication).",
                               valueName: "HOST:PORT"))
    var http: String?

    @Option(name: .customLong("max-sessions"), help: "With --http: refuse new client sessions beyond this many.")
    var maxSessions = 100

    @Option(name: .customLong("max-rows"), help: "The most rows a tool result carries (the note says how many there were).")
    var maxRows = 1000

    @Flag(name: .customLong("allow-mutations"), help: "Offer the execute tool: REPLACE, INSERT, UPDATE, DELETE and EXEC change real resources.")
    var allowMutations = false

    @Option(name: .customLong("max-value-bytes"), help: "The largest string or blob a statement may make.")
    var maxValueBytes = 64 << 20

    @Option(name: .customLong("max-statement-memory-bytes"), help: "The most one statement's loaded rows may take.")
    var maxStatementMemoryBytes = 1 << 30

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var templates: TemplateOptions

    func validate() throws {
        guard maxRows >= 1 else { throw ValidationError("--max-rows must be at least 1") }
        guard maxSessions >= 1 else { throw ValidationError("--max-sessions must be at least 1") }
        guard maxValueBytes >= 1024, maxStatementMemoryBytes >= 1 << 20 else {
            throw ValidationError("--max-value-bytes must be at least 1024 and --max-statement-memory-bytes at least 1048576")
        }
        _ = try address()
    }

    func run() async throws {
        let options = MCPOptions(maximumRows: maxRows, allowMutations: allowMutations,
                                 sessionVariables: connection.defaultVariables.merging(try templates.variables()) { _, given in given },
                                 serverVersion: RTKQLCommand.version)
        let address = try address()
        let limits = StorageLimits(maximumValueBytes: maxValueBytes, maximumDatabaseBytes: maxStatementMemoryBytes)
        try await connection.withEngine(storageLimits: limits) { engine in
            guard let (host, port) = address else {
                StandardError.write("rtkql mcp: serving over stdio" + (allowMutations ? " (mutations allowed)" : "") + "\n")
                _ = await Interruption.run {
                    do {
                        try await MCPSessionServer.runStdio(engine: engine, options: options)
                    } catch {
                        StandardError.write("rtkql mcp: \(error)\n")
                    }
                }
                return
            }
            let server: MCPHTTPServer
            do {
                server = try await MCPHTTPServer.start(engine: engine, options: options, host: host, port: port,
                                                       maximumSessions: maxSessions)
            } catch {
                StandardError.write("rtkql mcp: cannot listen on \(host):\(port): \(error)\n")
                throw QueryFailure(exitCode: 1)
            }
            StandardError.write("rtkql mcp: listening on http://\(host):\(server.port)\(MCPHTTPServer.path)"
                                + (allowMutations ? " (mutations allowed)" : "") + "\n")
            _ = await Interruption.run { try? await server.run() }
            await server.stop()
        }
    }

    private func address() throws -> (String, Int)? {
        guard let http else { return nil }
        let usage = ValidationError("--http expects HOST:PORT on loopback, for example 127.0.0.1:8765")
        guard let colon = http.lastIndex(of: ":"), let port = Int(http[http.index(after: colon)...]),
              (0...65535).contains(port) else { throw usage }
        var host = String(http[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { throw usage }
        guard ["127.0.0.1", "::1", "localhost"].contains(host) else {
            throw ValidationError("--http serves without authentication, so it listens on loopback only (127.0.0.1, ::1 or localhost), not \(host)")
        }
        return (host, port)
    }
}
