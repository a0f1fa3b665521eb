import Foundation
import RTKQLJSON
import RTKQLSandbox
import Testing

/// The command line, run as a subprocess against its in-process sandbox.
@Suite struct CLITests {
    let listVars = ["--var", "meeting_id=", "--var", "page_no=", "--var", "per_page=", "--var", "expired=", "--var", "search=",
                    "--var", "sort_by=invokedTime", "--var", "sort_order=ASC", "--var", "start_time=", "--var", "end_time=",
                    "--var", "status=UPLOADED"]

    func json(_ text: String) throws -> [JSONValue] {
        guard case .array(let rows) = try JSONValue.parse(text) else { throw JSONError(message: "not an array", offset: 0) }
        return rows
    }

    @Test func seedSelectRunsAsPrinted() async throws {
        let outcome = try await CLI.run(["exec", "--sandbox", "-f", "examples/seed/list.iql", "-o", "json"] + listVars)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let rows = try json(outcome.stdout)
        #expect(rows.count > 100)
        #expect(rows.allSatisfy { $0["status"] == .string("UPLOADED") })
        guard case .object(let first)? = rows.first else { Issue.record("no rows"); return }
        #expect(first.map(\.key) == ["id", "session_id", "output_file_name", "audio_download_url", "download_url", "download_url_expiry",
                                     "file_size", "invoked_time", "meeting", "recording_duration", "started_time", "status",
                                     "stopped_time", "storage_config"])
        guard case .object? = first.first(where: { $0.key == "meeting" })?.value else { Issue.record("meeting not nested"); return }
        let times = rows.compactMap { $0["invoked_time"]?.stringValue }
        #expect(times == times.sorted())
    }

    @Test func seedReplaceAndExecRunAsPrinted() async throws {
        let list = try await CLI.run(["exec", "--sandbox", "-o", "csv", "-H",
                                "SELECT id, meeting->>'id' FROM cloudflare.realtime_kit.recordings WHERE account_id = '{{ account_id }}' AND app_id = '{{ app_id }}' AND status = 'RECORDING' ORDER BY id LIMIT 1"])
        let fields = list.stdout.trimmingCharacters(in: .whitespacesAndNewlines).components(separatedBy: ",")
        try #require(fields.count == 2, "\(list.stderr)")
        let replace = try await CLI.run(["exec", "--sandbox", "-f", "examples/seed/pause_resume_stop_recording.iql", "-o", "json",
                                   "--var", "recording_id=\(fields[0])", "--var", "action=pause"])
        #expect(replace.status == 0, "\(replace.stderr)")
        let rows = try json(replace.stdout)
        #expect(rows.count == 1)
        #expect(rows.first?["success"] == .bool(true))
        #expect(rows.first?["data"]?["status"] == .string("PAUSED"))
        #expect(rows.first?["data"]?["id"] == .string(fields[0]))

        let exec = try await CLI.run(["exec", "--sandbox", "-f", "examples/seed/create_track.iql", "-o", "json",
                                "--var", "meeting_id=\(fields[1])", "--var", "max_seconds=3600",
                                "--var", #"layers={"default": {"outputs": [{"type": "REALTIMEKIT_BUCKET"}]}}"#])
        #expect(exec.status == 0, "\(exec.stderr)")
        let created = try json(exec.stdout)
        #expect(created.count == 1)
        #expect(created.first?["meeting"]?["id"] == .string(fields[1]))
    }

    @Test func invalidTransitionExitsOneWithTheAPIMessage() async throws {
        let list = try await CLI.run(["exec", "--sandbox", "-o", "csv", "-H",
                                "SELECT id FROM cloudflare.realtime_kit.recordings WHERE account_id = '{{ account_id }}' AND app_id = '{{ app_id }}' AND status = 'UPLOADED' ORDER BY id LIMIT 1"])
        let id = list.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let outcome = try await CLI.run(["exec", "--sandbox", "-f", "examples/seed/pause_resume_stop_recording.iql",
                                   "--var", "recording_id=\(id)", "--var", "action=pause"])
        #expect(outcome.status == 1)
        #expect(outcome.stdout.isEmpty)
        #expect(outcome.stderr.hasPrefix("error: API error: HTTP 400 Bad Request from PUT http://127.0.0.1:"))
        #expect(outcome.stderr.contains("/recordings/\(id): BAD_REQUEST: "))
    }

    @Test func varsFileAndCommaListsFillTemplates() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("rtkql-vars-\(UUID().uuidString).json")
        try Data(#"{"status": "ERRORED", "limit": 2}"#.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let outcome = try await CLI.run(["exec", "--sandbox", "-o", "csv", "--vars", file.path, "--var", "a=1,b=2",
                                   "SELECT status, {{ a }} + {{ b }} AS three FROM cloudflare.realtime_kit.recordings WHERE account_id = '{{ account_id }}' AND app_id = '{{ app_id }}' AND status = '{{ status }}' LIMIT {{ limit }}"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout == "status,three\r\nERRORED,3\r\nERRORED,3\r\n")
    }

    @Test func missingParameterExitsOneNamingIt() async throws {
        let outcome = try await CLI.run(["exec", "--sandbox", "SELECT id FROM cloudflare.realtime_kit.recordings WHERE account_id = 'x'"])
        #expect(outcome.status == 1)
        #expect(outcome.stdout.isEmpty)
        #expect(outcome.stderr == "error: missing required parameter app_id for cloudflare.realtime_kit.recordings.list "
                + "(add `AND app_id = '...'` to the WHERE clause, or take it from another table with `app_id = other.column` "
                + "or `app_id IN (SELECT ...)`; see SHOW METHODS IN cloudflare.realtime_kit.recordings)\n")
    }

    @Test func unfilledTemplateVariableIsNamed() async throws {
        let outcome = try await CLI.run(["exec", "-f", "examples/seed/list.iql"])
        #expect(outcome.status == 1)
        #expect(outcome.stderr == "error: template variable {{ account_id }} at 17:21 has no value (pass --var account_id=VALUE)\n")
    }

    @Test func syntaxErrorShowsLineColumnAndCaret() async throws {
        let outcome = try await CLI.run(["exec", "--sandbox", "SELECT id\nFROM cloudflare.realtime_kit.recordings\nWHERE account_id = 'a' AND AND app_id = 'b'"])
        #expect(outcome.status == 1)
        #expect(outcome.stderr == """
            error: syntax error at 3:28: Expected: an expression, found: AND
              WHERE account_id = 'a' AND AND app_id = 'b'
                                         ^

            """)
    }

    @Test func usageErrorsExitTwo() async throws {
        let outcome = try await CLI.run(["exec", "--no-such-flag", "SELECT 1"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("Unknown option '--no-such-flag'"))
        let badFormat = try await CLI.run(["exec", "-o", "yaml", "SELECT 1"])
        #expect(badFormat.status == 2)
    }

    @Test func aFailingStatementStopsTheFileAndIsNamed() async throws {
        let script = """
            SHOW PROVIDERS;
            SELECT id FROM cloudflare.realtime_kit.recordings WHERE account_id = 'a';
            SHOW SERVICES IN cloudflare;
            """
        let outcome = try await CLI.run(["exec", "--sandbox", "-o", "csv"], stdin: script)
        #expect(outcome.status == 1)
        #expect(outcome.stdout == "name,version\r\ncloudflare,v00.00.00000\r\n")
        #expect(outcome.stderr.hasPrefix("error in statement 2 (<stdin> line 2): missing required parameter app_id"))
    }

    @Test func theTokenIsNeverPrinted() async throws {
        let token = "secret-token-\(UUID().uuidString)"
        for arguments in [
            ["exec", "--dry-run", "--api-base-url", "https://api.example.invalid/client/v4",
             "REPLACE cloudflare.realtime_kit.recordings SET action = 'stop' WHERE account_id = 'a' AND app_id = 'b' AND recording_id = 'r'"],
            ["exec", "--http.log.enabled", "--retries", "0", "--api-base-url", "http://127.0.0.1:1/client/v4",
             "SELECT id FROM cloudflare.realtime_kit.recordings WHERE account_id = 'a' AND app_id = 'b'"],
            ["exec", "--api-base-url", "http://example.invalid/client/v4",
             "SELECT id FROM cloudflare.realtime_kit.recordings WHERE account_id = 'a' AND app_id = 'b'"],
        ] {
            let outcome = try await CLI.run(arguments, environment: ["CLOUDFLARE_API_TOKEN": token])
            #expect(!outcome.stdout.contains(token) && !outcome.stderr.contains(token), "\(arguments)")
            #expect(!(outcome.stdout + outcome.stderr).isEmpty)
        }
    }

    @Test func tokenIsNotSentOverPlainHTTPToARemoteHost() async throws {
        let outcome = try await CLI.run(["exec", "--api-base-url", "http://example.invalid/client/v4",
                                   "SELECT id FROM cloudflare.realtime_kit.recordings WHERE account_id = 'a' AND app_id = 'b'"],
                                  environment: ["CLOUDFLARE_API_TOKEN": "t"])
        #expect(outcome.status == 1)
        #expect(outcome.stderr == "error: refusing to send the API token over plain HTTP to example.invalid: use https, or pass --allow-insecure-http\n")
    }

    @Test func theEmbeddingExampleQueriesTheSandboxThroughTheLibrary() async throws {
        let outcome = try await CLI.run([], executable: "rtkql-embedding-example")
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains(" recordings are running\n"))
        #expect(outcome.stdout.contains("UPLOADED: "))
        #expect(outcome.stdout.contains("paused: PAUSED\n"))
        #expect(outcome.stdout.contains("as expected: missing required parameter app_id"))
    }

    @Test func interruptExitsWith130AndLeavesNoHalfWrittenFile() async throws {
        var configuration = SandboxConfiguration()
        configuration.latencyMs = 10_000
        try await withSandboxServer(configuration) { server in
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("rtkql-int-\(UUID().uuidString).csv")
            let process = Process()
            process.executableURL = CLI.product("rtkql")
            process.arguments = ["exec", "--api-base-url", server.baseURL, "--outfile", file.path, "-o", "csv",
                                 "SHOW PROVIDERS; SELECT count(*) FROM cloudflare.realtime_kit.recordings WHERE account_id = 'a' AND app_id = 'b'"]
            var environment = ProcessInfo.processInfo.environment
            environment["CLOUDFLARE_API_TOKEN"] = SandboxConfiguration.demoToken
            process.environment = environment
            let errors = Pipe()
            process.standardError = errors
            process.standardOutput = Pipe()
            try process.run()
            // Interrupt once the request is in flight (signal handling is set up by then), however slow the start.
            let deadline = Date().addingTimeInterval(30)
            while await server.peakConcurrentRequests() == 0 && Date() < deadline { try await Task.sleep(for: .milliseconds(50)) }
            let interrupted = Date()
            process.interrupt()
            while process.isRunning { try await Task.sleep(for: .milliseconds(20)) }
            #expect(process.terminationStatus == 130)
            #expect(Date().timeIntervalSince(interrupted) < 8)
            #expect(!FileManager.default.fileExists(atPath: file.path))
            let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(stderr.hasSuffix("interrupted\n"))
        }
    }

    @Test func insecureWarns() async throws {
        let outcome = try await CLI.run(["exec", "--sandbox", "--insecure", "-o", "csv", "SHOW PROVIDERS"])
        #expect(outcome.status == 0)
        #expect(outcome.stderr.hasPrefix("warning: --insecure: TLS certificates are not verified\n"))
    }

    @Test func versionAndHelp() async throws {
        let version = try await CLI.run(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout == "0.1.0\n")
        let help = try await CLI.run(["exec", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("Examples:"))
    }
}
