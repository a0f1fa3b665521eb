import Foundation
import RTKQL

/// The shell's commands that are not SQL: dot-commands, and the words StackQL users type.
enum MetaCommand: Equatable {
    case help
    case quit
    case clear
    case output(String?)
    /// `\x` (toggle), `\x on`, `\x off`, `\x auto`: the expanded display.
    case expanded(String?)
    case timer(String?)
    /// `.cache` (show it), `.cache on|off|clear`.
    case cache(String?)
    case vars
    case set(String, String)
    case read(String)
    case unknown(String)

    static let names = [".help", ".quit", ".exit", ".output", ".mode", ".timer", ".cache", ".vars", ".set", ".read", ".clear", "\\x"]

    /// Recognises a meta-command line; nil for SQL.
    init?(_ line: String) {
        let trimmed = line.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: ";"))
        let words = trimmed.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true).map(String.init)
        guard let first = words.first else { return nil }
        switch first.lowercased() {
        case ".help", "help", "\\?", "\\h": self = .help
        case ".quit", ".exit", "exit", "quit", "\\q": self = .quit
        case ".clear", "clear": self = .clear
        case ".output", ".mode", ".format": self = .output(words.count > 1 ? words[1] : nil)
        case "\\x": self = .expanded(words.count > 1 ? words[1] : nil)
        case ".timer": self = .timer(words.count > 1 ? words[1] : nil)
        case ".cache": self = .cache(words.count > 1 ? words[1] : nil)
        case ".vars": self = .vars
        case ".set":
            guard words.count == 3 else { self = .unknown(".set needs NAME VALUE"); return }
            self = .set(words[1], words[2])
        case ".read":
            guard words.count >= 2 else { self = .unknown(".read needs a FILE"); return }
            self = .read(words.dropFirst().joined(separator: " "))
        default:
            guard first.hasPrefix(".") else { return nil }
            self = .unknown("unknown command \(first); type .help")
        }
    }

    static let helpText = """
    Statements end with ';' and may span several lines.
      SELECT ... FROM cloudflare.realtime_kit.recordings WHERE account_id = '...' AND app_id = '...';
      REPLACE cloudflare.realtime_kit.recordings SET action = 'pause' WHERE ... AND recording_id = '...';
      EXEC cloudflare.realtime_kit.recordings.create_track @account_id='...', @app_id='...' @@json='{...}';
      SHOW METHODS IN cloudflare.realtime_kit.recordings;   DESCRIBE cloudflare.realtime_kit.recordings;
    Meta-commands:
      .help                 this text (also: help, \\?)
      .output FORMAT        table, line, json, jsonl, csv, tsv, markdown or text (also .mode;
                            line, or expanded, shows one column per line per row)
      \\x [on|off|auto]      the expanded display: toggle it, turn it on or off, or auto (a table
                            too wide for the terminal is shown expanded; the default)
      .timer on|off         print how long each statement took
      .cache [on|off|clear] show what the session's cache holds; turn it on or off; empty it
                            (also: PURGE [resource];)
      .vars                 template variables and their values
      .set NAME VALUE       set a template variable used by {{ NAME }}
      .read FILE            run the statements in FILE
      .clear                clear the screen (also: clear)
      .quit                 leave (also: .exit, exit, quit, \\q, Ctrl-D)
    Tab completes keywords, resource names, columns, parameters and resource.method (after the dot).
    Ctrl-C cancels a running query.

    """
}

extension InteractiveShell {
    /// `\x`: on shows every result expanded, off shows tables cut to the terminal, auto expands
    /// only tables too wide for it; with no word, toggles between on and off.
    func setExpanded(_ setting: String?) {
        let on = output.output == .line
        switch setting?.lowercased() {
        case nil: setExpanded(on ? "off" : "on")
        case "on"?:
            output.output = .line
            StandardOutput.write("Expanded display is on.\n")
        case "off"?:
            output.output = .table
            autoExpand = false
            StandardOutput.write("Expanded display is off.\n")
        case "auto"?:
            output.output = .table
            autoExpand = true
            StandardOutput.write("Expanded display is used automatically.\n")
        default:
            StandardError.write("error: \\x takes on, off or auto\n")
        }
    }
}

extension InteractiveShell {
    /// `.cache`: shows what the session's cache holds; `on`, `off` and `clear` change it.
    func cache(_ setting: String?) {
        switch setting?.lowercased() {
        case nil:
            StandardOutput.write(InteractiveShell.describe(session.cache.summary, ttl: session.cacheTTL))
        case "on"?:
            let configured = session.engine.configuration.cacheTTL
            session.update { $0.settings.cacheTTL = configured > .zero ? configured : .seconds(60) }
            StandardOutput.write("The cache is on (time to live \(InteractiveShell.seconds(session.cacheTTL))).\n")
        case "off"?:
            session.update { $0.settings.cacheTTL = .zero }
            StandardOutput.write("The cache is off: each statement fetches afresh.\n")
        case "clear"?:
            let dropped = session.cache.clear()
            StandardOutput.write("Cleared \(dropped) cached page\(dropped == 1 ? "" : "s").\n")
        default:
            StandardError.write("error: .cache takes on, off or clear\n")
        }
    }

    /// `.cache`'s report.
    static func describe(_ summary: ResponseCache.Summary, ttl: Duration) -> String {
        var text = ttl > .zero ? "cache: on, time to live \(seconds(ttl))\n" : "cache: off\n"
        guard summary.pages > 0 else { return text + "holds nothing; \(summary.hits) pages answered from it so far\n" }
        let kilobytes = (summary.bytes + 1023) / 1024
        text += "holds \(summary.pages) page\(summary.pages == 1 ? "" : "s") (\(kilobytes) KiB)"
        if let oldest = summary.oldest { text += ", the oldest \(seconds(oldest)) old" }
        text += "; \(summary.hits) pages answered from it so far\n"
        for (resource, pages) in summary.pagesByResource.sorted(by: { $0.key < $1.key }) {
            text += "  \(resource): \(pages) page\(pages == 1 ? "" : "s")\n"
        }
        return text
    }

    /// `60 s`, `12.5 s`.
    static func seconds(_ duration: Duration) -> String {
        let value = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        return value == value.rounded() ? "\(Int(value)) s" : "\((value * 10).rounded() / 10) s"
    }
}

/// What to do after a meta-command.
enum ShellFlow {
    case proceed, quit
}

extension InteractiveShell {
    func perform(_ command: MetaCommand) async -> ShellFlow {
        switch command {
        case .help:
            StandardOutput.write(MetaCommand.helpText)
        case .quit:
            return .quit
        case .clear:
            StandardOutput.write("\u{1B}[H\u{1B}[2J")
        case .output(let name):
            guard let name else {
                StandardOutput.write("output: \(output.output.rawValue)\n")
                break
            }
            guard let format = OutputFormat(name: name) else {
                StandardError.write("error: unknown format \(name); choose one of \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", "))\n")
                break
            }
            output.output = format
        case .expanded(let setting):
            setExpanded(setting)
        case .timer(let setting):
            switch setting?.lowercased() {
            case "on": timer = true
            case "off": timer = false
            default: StandardError.write("error: .timer takes on or off\n")
            }
        case .cache(let setting):
            cache(setting)
        case .vars:
            let variables = session.current.variables
            let names = Set(variables.keys)
            if names.isEmpty { StandardOutput.write("no template variables set; use .set NAME VALUE\n") }
            for name in names.sorted() { StandardOutput.write("\(name) = \(variables[name] ?? "")\n") }
        case .set(let name, let value):
            session.update { $0.variables[name] = value }
        case .read(let path):
            guard let data = FileManager.default.contents(atPath: path) else {
                StandardError.write("error: cannot read file \(path)\n")
                break
            }
            await runCancellable(String(decoding: data, as: UTF8.self))
        case .unknown(let message):
            StandardError.write("error: \(message)\n")
        }
        return .proceed
    }
}
