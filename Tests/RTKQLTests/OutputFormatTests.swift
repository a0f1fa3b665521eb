import Foundation
import RTKQL
import Testing

/// Every format pinned byte for byte on one fixed result with NULLs, unicode, quotes, commas and newlines.
@Suite struct OutputFormatTests {
    let result = QueryResult(
        columns: ["id", "title", "size", "meeting"],
        jsonColumns: [false, false, false, true],
        rows: [
            [.text("r1"), .text("Café, \"daily\""), .integer(1024), .text(#"{"id":"m1","n":[1,2]}"#)],
            [.text("r2"), .text("two\nlines"), .real(2.5), .null],
            [.text("日本"), .null, .integer(-3), .text("not json")],
        ])

    @Test func table() {
        #expect(OutputFormat.table.render(result) == """
        +------+---------------+------+-----------------------+
        | id   | title         | size | meeting               |
        +------+---------------+------+-----------------------+
        | r1   | Café, "daily" | 1024 | {"id":"m1","n":[1,2]} |
        | r2   | two\\nlines    |  2.5 | NULL                  |
        | 日本 | NULL          |   -3 | not json              |
        +------+---------------+------+-----------------------+

        """)
    }

    @Test func tableCutToAWidthAndColoured() {
        var options = OutputFormat.Options()
        options.maximumWidth = 40
        options.colour = true
        #expect(OutputFormat.table.render(result, options: options) == """
        +------+-----------+------+------------+
        | \u{1B}[1mid  \u{1B}[0m | \u{1B}[1mtitle    \u{1B}[0m | \u{1B}[1msize\u{1B}[0m | \u{1B}[1mmeeting   \u{1B}[0m |
        +------+-----------+------+------------+
        | r1   | Café, "d… | 1024 | {"id":"m1… |
        | r2   | two\\nlin… |  2.5 | \u{1B}[2mNULL      \u{1B}[0m |
        | 日本 | \u{1B}[2mNULL     \u{1B}[0m |   -3 | not json   |
        +------+-----------+------+------------+

        """)
    }

    @Test func json() {
        #expect(OutputFormat.json.render(result) == """
        [
          {"id": "r1", "title": "Café, \\"daily\\"", "size": 1024, "meeting": {"id":"m1","n":[1,2]}},
          {"id": "r2", "title": "two\\nlines", "size": 2.5, "meeting": null},
          {"id": "日本", "title": null, "size": -3, "meeting": "not json"}
        ]

        """)
    }

    @Test func emptyJSONIsAnEmptyArray() {
        #expect(OutputFormat.json.render(QueryResult(columns: ["a"], rows: [])) == "[]\n")
    }

    @Test func jsonl() {
        #expect(OutputFormat.jsonl.render(result) == """
        {"id": "r1", "title": "Café, \\"daily\\"", "size": 1024, "meeting": {"id":"m1","n":[1,2]}}
        {"id": "r2", "title": "two\\nlines", "size": 2.5, "meeting": null}
        {"id": "日本", "title": null, "size": -3, "meeting": "not json"}

        """)
    }

    @Test func csvFollowsRFC4180() {
        #expect(OutputFormat.csv.render(result) ==
            "id,title,size,meeting\r\n"
            + "r1,\"Café, \"\"daily\"\"\",1024,\"{\"\"id\"\":\"\"m1\"\",\"\"n\"\":[1,2]}\"\r\n"
            + "r2,\"two\nlines\",2.5,\r\n"
            + "日本,,-3,not json\r\n")
    }

    @Test func csvWithoutHeaderAndOtherDelimiter() {
        var options = OutputFormat.Options()
        options.header = false
        options.delimiter = ";"
        #expect(OutputFormat.csv.render(result, options: options) ==
            #"r1;"Café, ""daily""";1024;"{""id"":""m1"",""n"":[1,2]}""# + "\r\n"
            + "r2;\"two\nlines\";2.5;\r\n"
            + "日本;;-3;not json\r\n")
    }

    @Test func tsv() {
        #expect(OutputFormat.tsv.render(result) ==
            "id\ttitle\tsize\tmeeting\n"
            + "r1\tCafé, \"daily\"\t1024\t{\"id\":\"m1\",\"n\":[1,2]}\n"
            + "r2\ttwo\\nlines\t2.5\t\n"
            + "日本\t\t-3\tnot json\n")
    }

    @Test func markdown() {
        #expect(OutputFormat.markdown.render(result) == """
        | id | title | size | meeting |
        | --- | --- | --- | --- |
        | r1 | Café, "daily" | 1024 | {"id":"m1","n":[1,2]} |
        | r2 | two<br>lines | 2.5 | NULL |
        | 日本 | NULL | -3 | not json |

        """)
    }

    @Test func text() {
        #expect(OutputFormat.text.render(result) == """
        id  title  size  meeting
        r1  Café, "daily"  1024  {"id":"m1","n":[1,2]}
        r2  two\\nlines  2.5  
        日本    -3  not json

        """)
    }
}

/// Streaming writes exactly what rendering the whole result writes.
@Suite struct StreamWriterTests {
    @Test func everyStreamableFormatMatchesTheWholeRendering() {
        let result = OutputFormatTests().result
        for format in OutputFormat.allCases where StreamWriter.canStream(format) {
            for rows in [result.rows, []] {
                var whole = result
                whole.rows = rows
                var writer = StreamWriter(format: format, options: OutputFormat.Options(), columns: result.columns, jsonColumns: result.jsonColumns)
                var streamed = writer.begin()
                for row in rows { streamed += writer.row(row) }
                streamed += writer.end()
                #expect(streamed == format.render(whole), "\(format) with \(rows.count) rows")
            }
        }
    }
}
