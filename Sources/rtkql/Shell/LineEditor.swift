import CEditLine
import Foundation
import RTKQL

/// Reads input lines: through libedit (line editing, history, completion) on a terminal,
/// plainly otherwise.
final class LineEditor {
    let interactive: Bool
    private let historyPath: String?

    init(historyPath: String?) {
        interactive = isatty(STDIN_FILENO) != 0
        self.historyPath = historyPath
        guard interactive else { return }
        stifle_history(2_000)
        if let historyPath { _ = read_history(historyPath) }
        rtkql_editline_set_completion { text, state in
            if state == 0, let text {
                ShellCompletion.prepare(prefix: String(cString: text), line: rtkql_editline_line_buffer().map { String(cString: $0) } ?? "")
            }
            return ShellCompletion.next(state: state)
        }
    }

    /// The next line without its newline, or nil at end of input (Ctrl-D).
    func readLine(prompt: String) -> String? {
        guard interactive else { return Swift.readLine(strippingNewline: true) }
        guard let raw = readline(prompt) else { return nil }
        defer { free(raw) }
        return String(cString: raw)
    }

    /// Adds a statement or command to the history (and saves it).
    func remember(_ entry: String) {
        guard interactive, !entry.trimmingCharacters(in: .whitespaces).isEmpty else { return }
        add_history(entry)
        if let historyPath { _ = write_history(historyPath) }
    }
}

/// Tab completion for libedit, over the shell's `CompletionVocabulary`.
enum ShellCompletion {
    nonisolated(unsafe) static var vocabulary: CompletionVocabulary?
    nonisolated(unsafe) private static var matches: [String] = []

    static func prepare(prefix: String, line: String) {
        matches = vocabulary?.candidates(for: prefix) ?? []
    }

    static func next(state: Int32) -> UnsafeMutablePointer<CChar>? {
        let index = Int(state)
        guard index < matches.count else { return nil }
        return strdup(matches[index])
    }
}
