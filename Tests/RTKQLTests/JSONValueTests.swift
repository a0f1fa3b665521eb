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

    @Test func nestingLimitIsTheCallersToSet() throws {
        let nested = { (depth: Int) in Array((String(repeating: "[", count: depth) + String(repeating: "]", count: depth)).utf8) }
        #expect(try JSONValue.parse(nested(65), maximumDepth: 64) != .null)
        let error = #expect(throws: JSONError.self) { try JSONValue.parse(nested(66), maximumDepth: 64) }
        #expect(error?.message == "JSON nested too deeply")
        #expect(try JSONValue.parse(nested(400)) != .null)
    }

    @Test func repeatedKeyReadsAsTheLastOne() throws {
        let value = try JSONValue.parse(#"{"a": 1, "b": 2, "a": 3}"#)
        #expect(value["a"] == .number("3"))
        #expect(value.serialized == #"{"a":1,"b":2,"a":3}"#)
    }

    @Test func writerBuildsTextPieceByPiece() {
        var writer = JSONWriter()
        writer.raw("{\"id\":")
        writer.string("a\"b\n")
        writer.raw(",\"x\":")
        writer.optionalString(nil)
        writer.raw(",\"v\":")
        writer.value(.array([.number("1.50"), .bool(true)]))
        writer.raw("}")
        #expect(writer.text == #"{"id":"a\"b\n","x":null,"v":[1.50,true]}"#)
        #expect(JSONWriter.quote("é\u{01}") == "\"é\\u0001\"")
    }

    /// Skipping (iterative, used for fields copied as JSON text) must accept exactly what reading a tree
    /// accepts, and end at the same byte: checked on well-formed documents and on thousands of mutations.
    @Test func skippingAgreesWithReading() {
        let seeds = [
            #"{"id":"a","meeting":{"id":"m","cfg":{"a":[1,2,{"b":null}],"c":"x\"y"},"e":[]},"n":-1.5e3,"t":true}"#,
            #"[[], {}, [{}], {"a": {}}, "s", 0, -0.5, 1E+2, false, null]"#,
            #"  {"k" : [ 1 , [ 2 , [ 3 ] ] ] , "l" : { } }  "#,
            #""plain \u00e9 \n string""#, "12345", "null",
        ]
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array(#"{}[],:"\ 0123456789-+.eEtrufalsn"#.utf8)
        var cases: [[UInt8]] = seeds.map { Array($0.utf8) }
        for seed in seeds {
            for _ in 0..<800 {
                var bytes = Array(seed.utf8)
                for _ in 0..<Int.random(in: 1...3, using: &generator) {
                    let index = Int.random(in: 0..<bytes.count, using: &generator)
                    switch Int.random(in: 0..<3, using: &generator) {
                    case 0: bytes.remove(at: index)
                    case 1: bytes.insert(alphabet.randomElement(using: &generator)!, at: index)
                    default: bytes[index] = alphabet.randomElement(using: &generator)!
                    }
                    if bytes.isEmpty { bytes = [0x30] }
                }
                cases.append(bytes)
            }
        }
        var accepted = 0
        for bytes in cases {
            bytes.withUnsafeBufferPointer { buffer in
                var reader = JSONScanner(buffer)
                var skipper = JSONScanner(buffer)
                let read = Result { () throws(JSONError) in try reader.readValue() }
                let skipped = Result { () throws(JSONError) in try skipper.skipValue() }
                switch (read, skipped) {
                case (.success, .success(let range)):
                    accepted += 1
                    #expect(range.upperBound == reader.position, "\(String(decoding: bytes, as: UTF8.self))")
                case (.failure, .failure): break
                default:
                    Issue.record("read and skip disagree on \(String(decoding: bytes, as: UTF8.self)): \(read) / \(skipped)")
                }
            }
        }
        #expect(accepted > seeds.count)
    }
}
