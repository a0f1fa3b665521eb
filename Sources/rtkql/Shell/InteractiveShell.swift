import Dispatch
import Foundation
import RTKQL
import RTKQLProvider
import RTKQLSyntax

/// The read-eval-print loop: multi-line statements, meta-commands, Ctrl-C to cancel a query.
final class InteractiveShell {
    let engine: Engine
    var output: OutputOptions
    let editor: LineEditor
    /// USE, template variables and settings, kept across the statements typed.
    let session: Session
    var timer = false
    /// Whether a table too wide for the terminal is shown expanded (`\x auto`, the default).
    var autoExpand = true
    private var buffer = ""

    init(engine: Engine, output: OutputOptions, variables: [String: String], editor: LineEditor) {
        self.engine = engine
        self.output = output
        self.editor = editor
        session = Session(engine: engine, state: SessionState(variables: variables))
        ShellCompletion.vocabulary = CompletionVocabulary(registry: engine.registry, extraWords: MetaCommand.names)
    }

    func run() async {
        if editor.interactive {
            StandardOutput.write("rtkql \(RTKQLCommand.version) — SQL over Cloudflare RealtimeKit recordings. Type .help for help, .quit to leave.\n")
        }
        while true {
            let prompt = buffer.isEmpty ? "rtkql> " : "   ...> "
            guard let line = editor.readLine(prompt: prompt) else {
                if editor.interactive { StandardOutput.write("\n") }
                return
            }
            if buffer.isEmpty, let command = MetaCommand(line) {
                editor.remember(line)
                if await perform(command) == .quit { return }
                continue
            }
            buffer += buffer.isEmpty ? line : "\n" + line
            guard StatementSplitter.isComplete(buffer) else { continue }
            let script = buffer
            buffer = ""
            editor.remember(script)
            await runCancellable(script)
        }
    }

    /// Runs a script; Ctrl-C cancels it (aborting in-flight requests) and returns to the prompt.
    func runCancellable(_ script: String) async {
        var runner = ScriptRunner(session: session, output: output)
        runner.autoExpand = autoExpand
        let started = Date()
        let task = Task { await runner.run(script: script, sourceName: "<shell>") }
        signal(SIGINT, SIG_IGN)
        let interrupt = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        interrupt.setEventHandler {
            task.cancel()
            StandardError.write("\ncancelled\n")
        }
        interrupt.resume()
        _ = await task.value
        interrupt.cancel()
        if timer { StandardError.write(String(format: "Run Time: %.3fs\n", Date().timeIntervalSince(started))) }
    }
}
