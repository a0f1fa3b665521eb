import ArgumentParser
import Foundation

/// The `rtkql` command: SQL over the Cloudflare RealtimeKit recordings API.
@main
struct RTKQLCommand: AsyncParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "rtkql",
        abstract: "Query and operate Cloudflare RealtimeKit (meetings, sessions, participants, recordings, ...) with SQL.",
        discussion: """
        Examples:
          rtkql exec --sandbox "SELECT status, count(*) FROM cloudflare.realtime_kit.recordings \\
              WHERE account_id = 'c0ffee00c0ffee00c0ffee00c0ffee00' \\
              AND app_id = 'a11ce000-0000-4000-8000-000000000001' GROUP BY status"
          CLOUDFLARE_API_TOKEN=... rtkql exec -f inventory.iql -o json
          rtkql sandbox --port 8787
          rtkql serve --sandbox --trust-loopback    # then: psql -h 127.0.0.1 -p 5433 -U rtkql
          rtkql mcp --sandbox                       # a Model Context Protocol server for AI agents
        """,
        version: version,
        subcommands: [ExecCommand.self, ShellCommand.self, SandboxCommand.self, ServeCommand.self, MCPCommand.self]
    )

    /// Runs the command line, mapping errors to rtkql's exit codes: 0 ok, 1 query or API error, 2 usage.
    static func main() async {
        AllocatorTuning.apply()
        let arguments = Array(CommandLine.arguments.dropFirst())
        do {
            // No arguments: the shell on a terminal, else the statements on standard input.
            let defaulted = arguments.isEmpty ? [isatty(STDIN_FILENO) != 0 ? "shell" : "exec"] : arguments
            var command = try parseAsRoot(defaulted)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let failure as QueryFailure {
            Foundation.exit(failure.exitCode)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(code == .validationFailure || code.rawValue == 64 ? 2 : code.rawValue)
        }
    }
}

/// A failure already reported to the user; carries the exit status.
struct QueryFailure: Error {
    var exitCode: Int32
}
