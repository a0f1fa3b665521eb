import RTKQLJSON
import Testing
@testable import RTKQLSandbox

/// The small pure pieces: dates, query strings, JSON, PRNG.
@Suite struct UnitTests {
    @Test func timestampRoundTrip() {
        #expect(Timestamp.format(0) == "1970-01-01T00:00:00.000Z")
        let millis = Timestamp.parse("2026-03-04T10:11:12.345Z")
        #expect(millis.map(Timestamp.format) == "2026-03-04T10:11:12.345Z")
        #expect(Timestamp.parse("2026-03-04T12:11:12+02:00") == Timestamp.parse("2026-03-04T10:11:12Z"))
        #expect(Timestamp.parse("2026-03-04") == Timestamp.parse("2026-03-04T00:00:00.000Z"))
        #expect(Timestamp.parse("2024-02-29T00:00:00Z") != nil)
        for bad in ["2025-02-29", "2026-3-4", "2026-03-04T25:00:00Z", "2026-03-04T10:11:12Zjunk", "", "now"] {
            #expect(Timestamp.parse(bad) == nil, "\(bad)")
        }
    }

    @Test func queryStringKeepsRepeatsAndDecodes() {
        let query = QueryString("status=A&status=B%2CC&search=a+b%20c&empty=&flag")
        #expect(query.values("status") == ["A", "B,C"])
        #expect(query.last("search") == "a b c")
        #expect(query.last("empty") == "")
        #expect(query.last("flag") == "")
        #expect(query.last("missing") == nil)
    }

    @Test func jsonParserAndWriter() throws {
        let text = "{\"b\":1,\"a\":[true,null,\"x\\n\\u00e9\"],\"c\":-2.5e3}"
        let value = try JSONValue.parseRequest(Array(text.utf8))
        #expect(value.keys == ["b", "a", "c"])
        #expect(value.serialized == "{\"b\":1,\"a\":[true,null,\"x\\né\"],\"c\":-2.5e3}")
        for bad in ["{", "[1,]", "{\"a\" 1}", "01", "\"\\x\"", "tru"] {
            #expect(throws: (any Error).self) { try JSONValue.parseRequest(Array(bad.utf8)) }
        }
    }

    @Test func prngIsStable() {
        var first = SplitMix64(seed: 42)
        var second = SplitMix64(seed: 42)
        #expect((0..<5).map { _ in first.next() } == (0..<5).map { _ in second.next() })
        var generator = SplitMix64(seed: 1)
        let uuid = generator.uuid()
        #expect(UUIDText.isValid(uuid))
        #expect(Array(uuid)[14] == "4")
        #expect(["8", "9", "a", "b"].contains(Array(uuid)[19]))
    }
}
