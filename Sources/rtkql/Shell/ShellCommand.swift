import ArgumentParser
import Foundation
import RTKQL
import RTKQLProvider

/// `rtkql shell`: the interactive SQL shell.
struct ShellCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shell",
        abstract: "Interactive SQL shell with line editing, history and tab completion.",
        discussion: """
        Statements end with ';' and may span lines. Type .help for the meta-commands.
        History is kept in ~/.rtkql_history.

        Examples:
          rtkql shell --sandbox
          CLOUDFLARE_API_TOKEN=... rtkql shell -o json
        """
    )

    @OptionGroup var output: OutputOptions
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var templates: TemplateOptions

    func run() async throws {
        let variables = connection.defaultVariables.merging(try templates.variables()) { _, given in given }
        try await connection.withEngine { engine in
            let home = ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()
            let shell = InteractiveShell(engine: engine, output: output, variables: variables,
                                         editor: LineEditor(historyPath: home + "/.rtkql_history"))
            await shell.run()
        }
    }
}
