@testable import RTKQL
import RTKQLStorage
import Testing

@Suite struct PageDecoderTests {
    let decoder = PageDecoder(fields: ["id", "file_size", "meeting", "status", "stopped_time"], rowsPath: "data",
                              totalPath: "paging.total_count")

    func decode(_ text: String) throws -> ([[SQLValue]], PageSummary) {
        var rows: [[SQLValue]] = []
        let summary = try decoder.decode(Array(text.utf8)) { rows.append($0) }
        return (rows, summary)
    }

    @Test func readsRowsInFieldOrderWithNestedObjectsAsExactJSONText() throws {
        let (rows, summary) = try decode("""
        {"success": true, "data": [
          {"status": "UPLOADED", "id": "r1", "file_size": 1024, "meeting": {"id": "m1", "title": "Stand\\"up"}, "extra": [1, 2]},
          {"id": "r2", "file_size": 1.5e3, "meeting": null, "status": "PAUSED", "stopped_time": "2026-01-01T00:00:00.000Z"}
        ], "paging": {"total_count": 30, "start_offset": 1, "end_offset": 2}}
        """)
        #expect(rows == [
            [.text("r1"), .integer(1024), .text(#"{"id": "m1", "title": "Stand\"up"}"#), .text("UPLOADED"), .null],
            [.text("r2"), .real(1500), .null, .text("PAUSED"), .text("2026-01-01T00:00:00.000Z")],
        ])
        #expect(summary.rowCount == 2)
        #expect(summary.totalCount == 30)
    }

    @Test func decodesEscapesAndUnicode() throws {
        let (rows, _) = try decode(#"{"data": [{"id": "a\u00e9\ud83d\ude00\n\t\\/"}]}"#)
        #expect(rows.first?.first == .text("aé😀\n\t\\/"))
    }

    @Test func singleObjectIsOneRow() throws {
        let single = PageDecoder(fields: ["id"], rowsPath: "data.recording", totalPath: nil)
        var rows: [[SQLValue]] = []
        _ = try single.decode(Array(#"{"success": true, "data": {"recording": {"id": "x"}}}"#.utf8)) { rows.append($0) }
        #expect(rows == [[.text("x")]])
    }

    @Test func missingDataIsAnError() {
        let error = #expect(throws: MalformedResponse.self) { try decode(#"{"success": true}"#) }
        #expect(error?.message == "the response has no `data` field")
    }

    @Test func truncatedBodyIsAnError() {
        let error = #expect(throws: MalformedResponse.self) { try decode(#"{"success": true, "data": [{"id": "r1"}, {"id": "#) }
        #expect(error?.message.hasPrefix("malformed JSON (") == true)
    }

    @Test func trailingGarbageIsAnError() {
        #expect(throws: MalformedResponse.self) { try decode(#"{"data": []} x"#) }
    }

    @Test func negativeAndLargeNumbers() throws {
        let (rows, _) = try decode(#"{"data": [{"file_size": -7}, {"file_size": 123456789012345678901}]}"#)
        #expect(rows[0][1] == .integer(-7))
        #expect(rows[1][1] == .real(1.2345678901234568e20))
    }
}
