@testable import RTKQL
import RTKQLJSON
import Testing

@Suite struct JSONValueTests {
    @Test func keepsKeyOrderAndRoundTrips() throws {
        let value = try JSONValue.parse(#" {"b": 1, "a": [true, null, "x\"y"], "c": {"d": -1.5e2}} "#)
        #expect(value.serialized == #"{"b":1,"a":[true,null,"x\"y"],"c":{"d":-1.5e2}}"#)
        #expect(value.value(at: "c.d") == .number("-1.5e2"))
    }

    @Test func rejectsMalformedInput() {
        for bad in ["", "{", "[1,]", "{\"a\" 1}", "tru", "\"\u{01}\"", "01x", "{} {}", "01", "1.", "-", "1e", ".5", "1.5e+"] {
            #expect(throws: JSONError.self, "\(bad)") { try JSONValue.parse(bad) }
        }
    }

    @Test func rejectsHostileNesting() {
        let deep = String(repeating: "[", count: 5_000) + String(repeating: "]", count: 5_000)
        let error = #expect(throws: JSONError.self) { try JSONValue.parse(deep) }
        #expect(error?.message == "JSON nested too deeply")
    }
}
