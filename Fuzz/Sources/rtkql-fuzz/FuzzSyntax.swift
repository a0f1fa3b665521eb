import RTKQLSyntax

/// libFuzzer entry point: any bytes through the template expander, the splitter, the lexer and the
/// parser (and the error renderer), and every statement that parses through the printer and back.
/// Errors are fine; crashes, hangs and round-trip mismatches are bugs.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSyntax(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let expanded = (try? TemplateExpander.expand(text, variables: ["a": "x'y", "b": "{\"k\": [1]}", "c": "42"])) ?? text
    _ = TemplateExpander.placeholders(in: text)
    _ = StatementSplitter.split(expanded)
    _ = StatementSplitter.isComplete(expanded)
    _ = ParameterNumbering.numberAnonymous(expanded)
    do {
        for parsed in try SQLParser.parse(expanded) { checkRoundTrip(parsed.statement) }
    } catch {
        _ = error.rendered()
    }
    return 0
}

/// parse → print → parse must give the same tree (ranges aside), and printing it again the same text;
/// traps with both texts otherwise.
func checkRoundTrip(_ statement: Statement) {
    let printed = statement.description
    let reparsed: [ParsedStatement]
    do {
        reparsed = try SQLParser.parse(printed)
    } catch {
        fatalError("the printed statement does not parse: \(error.rendered())\nprinted: \(printed)")
    }
    guard reparsed.count == 1 else { fatalError("the printed statement is \(reparsed.count) statements: \(printed)") }
    guard reparsed[0].statement.withoutSourceRanges() == statement.withoutSourceRanges() else {
        fatalError("the printed statement parses to another tree: \(printed)\nreprinted: \(reparsed[0].statement)")
    }
    let reprinted = reparsed[0].statement.description
    guard reprinted == printed else { fatalError("printing twice differs:\n\(printed)\n\(reprinted)") }
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

/// SwiftPM links an executable's entry point as `<module>_main`; hand control to libFuzzer's driver.
@_cdecl("rtkql_fuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in fuzzSyntax(data, size) }
}
