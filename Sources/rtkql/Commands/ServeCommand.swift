import ArgumentParser
import Foundation
import NIOSSL
import RTKQL
import RTKQLServer

/// `rtkql serve`: a PostgreSQL wire-protocol server, so psql, drivers and BI tools query rtkql.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve rtkql over the PostgreSQL wire protocol (psql, drivers, BI tools).",
        discussion: """
        Each connection is its own session (USE, variables, SET statement_timeout); all share the API rate \
        budget. Clients authenticate with SCRAM-SHA-256 as --user, with the password from \
        $RTKQL_SERVER_PASSWORD or --password-file; --trust-loopback lets them in without one, on a loopback \
        address only. See docs/servers.md.

        Examples:
          rtkql serve --sandbox --trust-loopback
          psql -h 127.0.0.1 -p 5433 -U rtkql
          RTKQL_SERVER_PASSWORD=... CLOUDFLARE_API_TOKEN=... rtkql serve --listen 0.0.0.0:5433 \\
              --tls-cert server.crt --tls-key server.key
        """)

    @Option(help: ArgumentHelp("Address and port to listen on.", valueName: "HOST:PORT"))
    var listen = "127.0.0.1:5433"

    @Option(help: "The user name clients connect as.")
    var user = "rtkql"

    @Option(name: .customLong("password-file"), help: "Read the password from this file (else $RTKQL_SERVER_PASSWORD).")
    var passwordFile: String?

    @Flag(name: .customLong("trust-loopback"), help: "Accept connections without a password (loopback --listen only).")
    var trustLoopback = false

    @Option(name: .customLong("tls-cert"), help: "PEM certificate chain: clients asking for TLS get it.")
    var tlsCert: String?

    @Option(name: .customLong("tls-key"), help: "PEM private key of --tls-cert.")
    var tlsKey: String?

    @Option(name: .customLong("max-connections"), help: "Refuse connections beyond this many.")
    var maxConnections = 100

    @Option(name: .customLong("max-message-bytes"), help: "Close connections that send a larger protocol message.")
    var maxMessageBytes = 16 << 20

    @Option(name: .customLong("max-value-bytes"), help: "The largest string or blob a statement may make.")
    var maxValueBytes = 64 << 20

    @Option(name: .customLong("max-statement-memory-bytes"), help: "The most one statement's loaded rows may take.")
    var maxStatementMemoryBytes = 1 << 30

    @Option(name: .customLong("authentication-timeout"),
            help: "Close connections that have not authenticated within this many seconds.")
    var authenticationTimeout = 60.0

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var templates: TemplateOptions

    func validate() throws {
        guard maxConnections >= 1 else { throw ValidationError("--max-connections must be at least 1") }
        guard authenticationTimeout > 0 else { throw ValidationError("--authentication-timeout must be more than 0 seconds") }
        guard maxMessageBytes >= 1024 else { throw ValidationError("--max-message-bytes must be at least 1024") }
        guard maxValueBytes >= 1024, maxStatementMemoryBytes >= 1 << 20 else {
            throw ValidationError("--max-value-bytes must be at least 1024 and --max-statement-memory-bytes at least 1048576")
        }
        guard (tlsCert == nil) == (tlsKey == nil) else { throw ValidationError("--tls-cert and --tls-key go together") }
        _ = try address()
    }

    func run() async throws {
        let (host, port) = try address()
        var serverConfiguration = ServerConfiguration(host: host, port: port, user: user, authentication: try authentication(host: host),
                                                      tls: try tlsContext(), maximumConnections: maxConnections,
                                                      maximumMessageSize: maxMessageBytes)
        serverConfiguration.authenticationTimeout = .milliseconds(Int64(authenticationTimeout * 1000))
        serverConfiguration.sessionVariables = connection.defaultVariables.merging(try templates.variables()) { _, given in given }
        let limits = StorageLimits(maximumValueBytes: maxValueBytes, maximumDatabaseBytes: maxStatementMemoryBytes)
        try await connection.withEngine(storageLimits: limits) { engine in
            let server: PostgresServer
            do {
                server = try await PostgresServer.start(engine: engine, configuration: serverConfiguration)
            } catch {
                StandardError.write("rtkql serve: cannot listen on \(host):\(port): \(error)\n")
                throw QueryFailure(exitCode: 1)
            }
            let mode = trustLoopback ? "trust (loopback)" : "SCRAM-SHA-256"
            StandardError.write("rtkql serve: listening on \(host):\(server.port) as user \(user) (\(mode)"
                                + (serverConfiguration.tls == nil ? "" : ", TLS") + "); connect with: "
                                + "psql -h \(host) -p \(server.port) -U \(user)\n")
            _ = await Interruption.run { try? await server.run() }
            await server.stop()
        }
    }

    private func address() throws -> (String, Int) {
        guard let colon = listen.lastIndex(of: ":"), let port = Int(listen[listen.index(after: colon)...]),
              (0...65535).contains(port) else {
            throw ValidationError("--listen expects HOST:PORT, for example 127.0.0.1:5433")
        }
        var host = String(listen[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { throw ValidationError("--listen expects HOST:PORT, for example 127.0.0.1:5433") }
        return (host, port)
    }

    private func authentication(host: String) throws -> ServerConfiguration.Authentication {
        if trustLoopback {
            guard ServerConfiguration.isLoopback(host) else {
                throw ValidationError("--trust-loopback needs a loopback --listen address (127.0.0.1, ::1 or localhost), not \(host)")
            }
            return .trust
        }
        let password: String
        if let passwordFile {
            guard let data = FileManager.default.contents(atPath: passwordFile) else {
                throw ValidationError("cannot read --password-file \(passwordFile)")
            }
            password = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .newlines)
        } else if let environment = ProcessInfo.processInfo.environment["RTKQL_SERVER_PASSWORD"] {
            password = environment
        } else {
            throw ValidationError("set a password for --user \(user): RTKQL_SERVER_PASSWORD or --password-file "
                                  + "(or, on a loopback address, --trust-loopback)")
        }
        guard !password.isEmpty else { throw ValidationError("the server password is empty") }
        return .scram(try SCRAMVerifier(password: password))
    }

    private func tlsContext() throws -> NIOSSLContext? {
        guard let tlsCert, let tlsKey else { return nil }
        do {
            let chain = try NIOSSLCertificate.fromPEMFile(tlsCert).map { NIOSSLCertificateSource.certificate($0) }
            let key = try NIOSSLPrivateKey(file: tlsKey, format: .pem)
            return try NIOSSLContext(configuration: .makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key)))
        } catch {
            throw ValidationError("cannot use --tls-cert \(tlsCert) / --tls-key \(tlsKey): \(error)")
        }
    }
}
