import Foundation
import Testing

/// The Python MCP SDK's client (PyPI `mcp`, pinned in the Makefile) against the built `rtkql mcp`, over stdio
/// and streamable HTTP: Tests/clients/mcp_client_test.py checks every answer and exits non-zero on the first mismatch.
@Suite struct MCPClientTests {
    @Test func pythonClient() async throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let available = try await runProgram("/bin/sh", ["-c", "python3 -c 'import mcp' >/dev/null 2>&1"], environment: [:], in: root)
        try #require(available.status == 0, "mcp_client_test.py needs the Python MCP SDK: run `make test-deps` (as root) first")
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("rtkql")
        let binary = FileManager.default.isExecutableFile(atPath: beside.path) ? beside : root.appendingPathComponent(".build/debug/rtkql")
        let groups = #"[{"status": "ERRORED", "recordings": 30}, {"status": "INVOKED", "recordings": 2}, "#
            + #"{"status": "PAUSED", "recordings": 2}, {"status": "RECORDING", "recordings": 2}, "#
            + #"{"status": "UPLOADED", "recordings": 199}, {"status": "UPLOADING", "recordings": 5}]"#
        let outcome = try await runProgram("/usr/bin/env", ["python3", root.appendingPathComponent("Tests/clients/mcp_client_test.py").path],
                                           environment: ["RTKQL_BINARY": binary.path, "EXPECTED_GROUPS": groups], in: root)
        #expect(outcome.status == 0, "mcp_client_test.py failed:\n\(outcome.output)")
        #expect(outcome.output.contains("ok: stdio --allow-mutations: execute is listed"), "\(outcome.output)")
        #expect(outcome.output.contains("ok: http: the dialect document reads"), "\(outcome.output)")
    }

    @Test func httpListensOnLoopbackOnly() async throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("rtkql")
        let binary = FileManager.default.isExecutableFile(atPath: beside.path) ? beside : root.appendingPathComponent(".build/debug/rtkql")
        let outcome = try await runProgram(binary.path, ["mcp", "--http", "0.0.0.0:8765"], environment: [:], in: root)
        #expect(outcome.status == 2)
        #expect(outcome.output.hasPrefix("Error: --http serves without authentication, so it listens on loopback only "
                                         + "(127.0.0.1, ::1 or localhost), not 0.0.0.0\n"), "\(outcome.output)")
    }
}

/// Runs a program to completion on a Dispatch thread (not the cooperative pool): its exit status and its
/// standard output and error together.
func runProgram(_ executable: String, _ arguments: [String], environment: [String: String],
                in directory: URL) async throws -> (status: Int32, output: String) {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async {
            continuation.resume(with: Result {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: executable)
                process.arguments = arguments
                process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
                process.currentDirectoryURL = directory
                let output = FileManager.default.temporaryDirectory.appendingPathComponent("rtkql-mcp-\(UUID().uuidString).log")
                _ = FileManager.default.createFile(atPath: output.path, contents: nil)
                defer { try? FileManager.default.removeItem(at: output) }
                let handle = try FileHandle(forWritingTo: output)
                process.standardOutput = handle
                process.standardError = handle
                try process.run()
                process.waitUntilExit()
                try handle.close()
                return (process.terminationStatus, (try? String(contentsOf: output, encoding: .utf8)) ?? "")
            })
        }
    }
}
