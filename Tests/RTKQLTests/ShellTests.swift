import Foundation
import RTKQLSandbox
import Synchronization
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Drives `rtkql shell` in a pseudo-terminal, as a person would, and reads the screen.
final class TerminalSession: @unchecked Sendable {
    let process: Process
    private let master: Int32
    private let screen = ScreenBuffer()

    init(arguments: [String], environment: [String: String]) throws {
        var master: Int32 = 0
        var slave: Int32 = 0
        var size = winsize(ws_row: 50, ws_col: 200, ws_xpixel: 0, ws_ypixel: 0)
        guard openpty(&master, &slave, nil, nil, &size) == 0 else { throw POSIXError(.EIO) }
        self.master = master
        let terminal = FileHandle(fileDescriptor: slave, closeOnDealloc: true)
        process = Process()
        process.executableURL = CLI.product("rtkql")
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["TERM"] = "xterm"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        process.standardInput = terminal
        process.standardOutput = terminal
        process.standardError = terminal
        try process.run()
        let screen = self.screen
        let descriptor = master
        let reader = Thread {
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = read(descriptor, &buffer, buffer.count)
                if count <= 0 { return }
                let text = String(decoding: buffer[0..<count], as: UTF8.self)
                screen.text.withLock { $0 += text }
            }
        }
        reader.start()
    }

    var text: String { screen.text.withLock { $0 } }

    func type(_ keys: String) {
        let bytes = Array(keys.utf8)
        _ = bytes.withUnsafeBufferPointer { write(master, $0.baseAddress, $0.count) }
    }

    /// Waits until the screen shows `expected` after position `after`; returns where it ends.
    @discardableResult
    func waitFor(_ expected: String, after: String.Index? = nil, timeout: Double = 20) async -> String.Index? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let current = text
            let start = after.map { min($0, current.endIndex) } ?? current.startIndex
            if let range = current[start...].range(of: expected) { return range.upperBound }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return nil
    }

    func close() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        Glibc.close(master)
    }
}

/// What the terminal has shown so far.
final class ScreenBuffer: Sendable {
    let text = Mutex("")
}

@Suite(.serialized) struct ShellTests {
    func start(_ server: SandboxServer, home: URL) throws -> TerminalSession {
        try TerminalSession(arguments: ["shell", "--api-base-url", server.baseURL],
                            environment: ["HOME": home.path, "CLOUDFLARE_API_TOKEN": SandboxConfiguration.demoToken])
    }

    func temporaryHome() throws -> URL {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("rtkql-home-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        return home
    }

    @Test func multiLineQueryMetaCommandErrorAndHistory() async throws {
        try await withSandboxServer(SandboxConfiguration()) { server in
            let home = try temporaryHome()
            defer { try? FileManager.default.removeItem(at: home) }
            let shell = try start(server, home: home)
            defer { shell.close() }
            let account = SandboxConfiguration.demoAccountID, app = SandboxConfiguration.demoAppIDs[0]

            var cursor = await shell.waitFor("rtkql> ")
            #expect(cursor != nil, "no prompt: \(shell.text)")
            shell.type("SELECT status, count(*) AS n\r")
            cursor = await shell.waitFor("   ...> ", after: cursor)
            #expect(cursor != nil, "no continuation prompt: \(shell.text)")
            shell.type("FROM cloudflare.realtime_kit.recordings WHERE account_id = '\(account)' AND app_id = '\(app)' AND status = 'ERRORED' GROUP BY 1;\r")
            cursor = await shell.waitFor("| ERRORED |", after: cursor)
            #expect(cursor != nil, "no result table: \(shell.text)")
            cursor = await shell.waitFor("1 row in ", after: cursor)

            shell.type(".output csv\r")
            cursor = await shell.waitFor("rtkql> ", after: cursor)
            shell.type("SELECT nope FROM cloudflare.realtime_kit.recordings WHERE account_id = '\(account)' AND app_id = '\(app)';\r")
            cursor = await shell.waitFor("error: no such column: nope", after: cursor)
            #expect(cursor != nil, "no error shown: \(shell.text)")
            cursor = await shell.waitFor("rtkql> ", after: cursor)
            #expect(cursor != nil, "the error ended the session: \(shell.text)")

            // Up three times recalls the first statement; run it again, now as csv.
            shell.type("\u{1B}[A\u{1B}[A\u{1B}[A\r")
            cursor = await shell.waitFor("ERRORED,30", after: cursor)
            #expect(cursor != nil, "history recall did not rerun the query: \(shell.text)")

            // StackQL's shell words, and `--` inside a string is text, not a comment.
            shell.type("help\r")
            cursor = await shell.waitFor("Meta-commands:", after: cursor)
            #expect(cursor != nil, "help did not print: \(shell.text)")
            shell.type("SELECT 'a--b' AS x;\r")
            cursor = await shell.waitFor("\na--b\r", after: cursor)  // the csv row, not the echoed input
            #expect(cursor != nil, "the string was cut at --: \(shell.text)")
            shell.type("\\q\r")
            shell.process.waitUntilExit()
            #expect(shell.process.terminationStatus == 0)
            let history = try String(contentsOf: home.appendingPathComponent(".rtkql_history"), encoding: .utf8)
            #expect(history.contains(".output\\040csv"))
            #expect(history.contains("SELECT\\040'a--b'\\040AS\\040x;"))
        }
    }

    @Test func interruptCancelsASlowQueryAndReturnsToThePrompt() async throws {
        var configuration = SandboxConfiguration()
        configuration.latencyMs = 10_000
        try await withSandboxServer(configuration) { server in
            let home = try temporaryHome()
            defer { try? FileManager.default.removeItem(at: home) }
            let shell = try start(server, home: home)
            defer { shell.close() }
            var cursor = await shell.waitFor("rtkql> ")
            shell.type("SELECT count(*) FROM cloudflare.realtime_kit.recordings WHERE account_id = '\(SandboxConfiguration.demoAccountID)' AND app_id = '\(SandboxConfiguration.demoAppIDs[0])';\r")
            try await Task.sleep(for: .milliseconds(700))
            let interrupted = Date()
            shell.process.interrupt()
            cursor = await shell.waitFor("cancelled", after: cursor)
            #expect(cursor != nil, "no cancellation: \(shell.text)")
            cursor = await shell.waitFor("rtkql> ", after: cursor)
            #expect(cursor != nil, "no prompt after cancelling: \(shell.text)")
            #expect(Date().timeIntervalSince(interrupted) < 8, "the request was not aborted")
            shell.type("SELECT 41 + 1 AS answer;\r")
            #expect(await shell.waitFor("|     42 |", after: cursor) != nil, "the shell did not go on: \(shell.text)")
        }
    }

    @Test func expandedDisplayTogglesAndTheAutomaticSwitch() async throws {
        try await withSandboxServer(SandboxConfiguration()) { server in
            let home = try temporaryHome()
            defer { try? FileManager.default.removeItem(at: home) }
            let shell = try TerminalSession(arguments: ["shell", "--api-base-url", server.baseURL],
                                            environment: ["HOME": home.path, "COLUMNS": "60", "NO_COLOR": "1",
                                                          "CLOUDFLARE_API_TOKEN": SandboxConfiguration.demoToken])
            defer { shell.close() }
            let long = String(repeating: "a", count: 70)
            var cursor = await shell.waitFor("rtkql> ")
            // Wider than COLUMNS: shown expanded, and said so.
            shell.type("SELECT '\(long)' AS wide, 1 AS n;\r")
            cursor = await shell.waitFor("(expanded display: the table is wider than the terminal)", after: cursor)
            #expect(cursor != nil, "no notice: \(shell.text)")
            cursor = await shell.waitFor("-[ RECORD 1 ]", after: cursor)
            cursor = await shell.waitFor("wide | \(long)\r\nn    | 1\r\n", after: cursor)
            #expect(cursor != nil, "not expanded: \(shell.text)")

            // \x off: the table, cut to the terminal.
            shell.type("\\x off\r")
            cursor = await shell.waitFor("Expanded display is off.", after: cursor)
            #expect(cursor != nil, "\\x off not confirmed: \(shell.text)")
            shell.type("SELECT '\(long)' AS wide, 1 AS n;\r")
            cursor = await shell.waitFor("| \(String(repeating: "a", count: 51))… | 1 |", after: cursor)
            #expect(cursor != nil, "no cut table: \(shell.text)")

            // \x toggles it on: every result expanded, even narrow ones.
            shell.type("\\x\r")
            cursor = await shell.waitFor("Expanded display is on.", after: cursor)
            shell.type("SELECT 7 AS seven;\r")
            cursor = await shell.waitFor("-[ RECORD 1 ]\r\nseven | 7\r\n", after: cursor)
            #expect(cursor != nil, "\\x did not turn it on: \(shell.text)")

            // .mode table, then .mode line: the same as \x off and on.
            shell.type(".mode table\r")
            cursor = await shell.waitFor("rtkql> ", after: cursor)
            shell.type("SELECT 8 AS eight;\r")
            cursor = await shell.waitFor("| eight |", after: cursor)
            #expect(cursor != nil, ".mode table: \(shell.text)")
            shell.type(".mode line\r")
            cursor = await shell.waitFor("rtkql> ", after: cursor)
            shell.type("SELECT 9 AS nine;\r")
            cursor = await shell.waitFor("nine | 9\r\n", after: cursor)
            #expect(cursor != nil, ".mode line: \(shell.text)")

            // \x auto: the automatic switch again, announced only once per session.
            shell.type("\\x auto\r")
            cursor = await shell.waitFor("Expanded display is used automatically.", after: cursor)
            shell.type("SELECT '\(long)' AS wide, 1 AS n;\r")
            cursor = await shell.waitFor("wide | \(long)\r\n", after: cursor)
            #expect(cursor != nil, "\\x auto did not expand: \(shell.text)")
            shell.type("SELECT 10 AS ten;\r")
            cursor = await shell.waitFor("| ten |", after: cursor)
            #expect(cursor != nil, "a narrow table was not a table: \(shell.text)")
            #expect(shell.text.components(separatedBy: "(expanded display:").count == 2)
            shell.type("\\q\r")
            shell.process.waitUntilExit()
        }
    }
}
