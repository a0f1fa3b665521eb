import ArgumentParser
import Foundation
import RTKQL

extension OutputFormat: ExpressibleByArgument {
    /// A format named on the command line; `expanded` is `line`.
    public init?(argument: String) { self.init(name: argument) }
}

/// How results are printed.
struct OutputOptions: ParsableArguments {
    @Option(name: [.short, .long], help: "Output format: \(OutputFormat.allCases.map(\.rawValue).joined(separator: "|")).")
    var output: OutputFormat = .table

    @Flag(name: [.customLong("no-header"), .customShort("H"), .customLong("hideheaders")], help: "Leave out the header line.")
    var noHeader = false

    @Option(name: .customLong("outfile"), help: "Write results to this file (created only when every statement succeeds).")
    var outfile: String?

    @Flag(name: .customLong("wide"), help: "Neither cut table columns to the terminal's width nor switch a table too wide for it to the expanded (line) display.")
    var wide = false

    @Option(name: [.customShort("d"), .customLong("delimiter")], help: "Field separator for csv output.")
    var delimiter: String = ","

    func validate() throws {
        guard delimiter.count == 1 else { throw ValidationError("--delimiter must be one character") }
    }

    var formatOptions: OutputFormat.Options {
        var options = OutputFormat.Options()
        options.header = !noHeader
        options.delimiter = delimiter.first ?? ","
        let terminal = outfile == nil && isatty(STDOUT_FILENO) != 0
        if terminal, !wide {
            options.maximumWidth = Self.terminalWidth()
            options.expandWhenTooWide = true
        }
        options.colour = terminal && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        return options
    }

    /// The terminal's width: `COLUMNS` when set to a number, else what the terminal reports (nil: unknown or under 20).
    static func terminalWidth() -> Int? {
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap({ Int($0) }), columns > 20 { return columns }
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 20 { return Int(size.ws_col) }
        return nil
    }
}
