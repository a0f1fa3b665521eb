import RTKQLSyntax

/// libFuzzer entry point: any bytes through the template expander, the splitter, the lexer and the
/// parser (and the error renderer). Errors are fine; crashes and hangs are bugs.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSyntax(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let expanded = (try? TemplateExpander.expand(text, variables: ["a": "x'y", "b": "{\"k\": [1]}", "c": "42"])) ?? text
    _ = TemplateExpander.placeholders(in: text)
    _ = StatementSplitter.split(expanded)
    _ = StatementSplitter.isComplete(expanded)
    _ = ParameterNumbering.numberAnonymous(expanded)
    do {
        _ = try SQLParser.parse(expanded)
    } catch {
        _ = error.rendered()
    }
    return 0
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
