import ArgumentParser
import Foundation
import RTKQL
import RTKQLSandbox

/// `rtkql exec`: run SQL from an argument, a file, or standard input.
struct ExecCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exec",
        abstract: "Run SQL statements and print their results.",
        discussion: """
        The query comes from the QUERY argument, else from --infile, else from standard input.
        Several ';'-separated statements run in order; the first failing statement stops the run.

        Examples:
          rtkql exec --sandbox "SELECT * FROM cloudflare.realtime_kit.recordings \\
              WHERE account_id = 'c0ffee00c0ffee00c0ffee00c0ffee00' \\
              AND app_id = 'a11ce000-0000-4000-8000-000000000001' LIMIT 5"
          rtkql exec -f examples/quickstart.iql --var account_id=... --var app_id=... -o json
          echo "SHOW METHODS IN cloudflare.realtime_kit.recordings;" | rtkql exec
        """
    )

    @Argument(help: "SQL to run (omit to read --infile or standard input).")
    var query: String?

    @Option(name: [.customShort("f"), .customShort("i"), .customLong("infile")], help: "Read SQL from this file.")
    var infile: String?

    @OptionGroup var output: OutputOptions
    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var templates: TemplateOptions

    func run() async throws {
        let script = try readScript()
        let variables = connection.defaultVariables.merging(try templates.variables()) { _, given in given }
        try await connection.withEngine { engine in
            let sink = try ResultSink(outfile: output.outfile)
            let session = Session(engine: engine, state: SessionState(variables: variables))
            let runner = ScriptRunner(session: session, output: output, sink: sink)
            let sourceName = infile ?? (query == nil ? "<stdin>" : "<query>")
            let (outcome, signalled) = await Interruption.run { await runner.run(script: script, sourceName: sourceName) }
            let interrupted = signalled || outcome == .interrupted
            sink.finish(success: outcome == .succeeded && !interrupted)
            if interrupted {
                StandardError.write("interrupted\n")
                throw QueryFailure(exitCode: 130)
            }
            if outcome != .succeeded { throw QueryFailure(exitCode: 1) }
        }
    }

    private func readScript() throws -> String {
        if let query { return query }
        if let infile {
            guard let data = FileManager.default.contents(atPath: infile) else {
                throw ValidationError("cannot read file \(infile)")
            }
            return String(decoding: data, as: UTF8.self)
        }
        let data = FileHandle.standardInput.readDataToEndOfFile()
        return String(decoding: data, as: UTF8.self)
    }
}
