import Foundation
import NIOSSL
import RTKQLSandbox
import RTKQLServer
import Testing

/// psql and psycopg 3, the real clients, against the server with SCRAM-SHA-256: the scripts in Tests/clients
/// check their output and exit non-zero on the first mismatch. `make test` installs both clients.
@Suite struct RealClientTests {
    static let password = "s3cret-for-tests"

    @Test func psql() async throws {
        try await runClientScript("psql_client_test.py", needs: "psql --version")
    }

    @Test func psycopg() async throws {
        try await runClientScript("psycopg_client_test.py", needs: "python3 -c 'import psycopg'")
    }

    @Test func psqlOverTLS() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rtkql-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let certificate = directory.appendingPathComponent("server.crt").path
        let key = directory.appendingPathComponent("server.key").path
        let made = try run("/usr/bin/env", ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key,
                                            "-out", certificate, "-days", "1", "-subj", "/CN=localhost"], environment: [:])
        try #require(made.status == 0, "openssl could not make a certificate: \(made.output)")
        let tls = try NIOSSLContext(configuration: .makeServerConfiguration(
            certificateChain: try NIOSSLCertificate.fromPEMFile(certificate).map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(file: key, format: .pem))))
        let outcome = try await ServerFixture.with(authentication: .scram(try SCRAMVerifier(password: Self.password)), tls: tls) { fixture in
            try await runOffThePool {
                try run("/usr/bin/env", ["psql", "-X", "-c", "SELECT 'over tls' AS how", "-c", "\\conninfo",
                                         "host=127.0.0.1 port=\(fixture.port) user=rtkql sslmode=require"],
                        environment: ["PGPASSWORD": Self.password])
            }
        }
        #expect(outcome.status == 0)
        #expect(outcome.output.contains(" over tls\n(1 row)"), "\(outcome.output)")
        #expect(outcome.output.contains("SSL connection (protocol: TLSv1.3"), "\(outcome.output)")
    }

    private func runClientScript(_ script: String, needs check: String) async throws {
        let available = try run("/bin/sh", ["-c", "command -v psql >/dev/null && \(check) >/dev/null 2>&1"], environment: [:])
        try #require(available.status == 0, "\(script) needs psql and psycopg 3: run `make test-deps` (as root) first")
        let verifier = try SCRAMVerifier(password: Self.password)
        let variables = ["account_id": SandboxConfiguration.demoAccountID, "app_id": SandboxConfiguration.demoAppIDs[0]]
        let outcome = try await ServerFixture.with(authentication: .scram(verifier), sessionVariables: variables) { fixture in
            try await runOffThePool {
                try run("/usr/bin/env", ["python3", Self.clientsDirectory.appendingPathComponent(script).path], environment: [
                    "PGHOST": "127.0.0.1", "PGPORT": String(fixture.port), "PGUSER": "rtkql", "PGPASSWORD": Self.password,
                    "PGDATABASE": "cloudflare", "PGSSLMODE": "prefer", "PGCONNECT_TIMEOUT": "60",
                ])
            }
        }
        #expect(outcome.status == 0, "\(script) failed:\n\(outcome.output)")
    }

    static var clientsDirectory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("clients")
    }
}

/// Runs blocking work (waiting for a client program) on a Dispatch thread, so the server under test keeps
/// the concurrency pool's threads.
func runOffThePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
    }
}

/// Runs a program to completion; its exit status and its standard output and error together.
@Sendable func run(_ executable: String, _ arguments: [String], environment: [String: String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
    process.currentDirectoryURL = RealClientTests.clientsDirectory.deletingLastPathComponent().deletingLastPathComponent()
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}
