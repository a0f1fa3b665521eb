import Foundation
import RTKQL
import Testing

/// The expanded (`line`) display, and the table's automatic switch to it when too wide.
@Suite struct ExpandedDisplayTests {
    let result = OutputFormatTests().result

    @Test func everyFieldOnALineOfItsOwn() {
        #expect(OutputFormat.line.render(result) == """
        -[ RECORD 1 ]------------------
        id      | r1
        title   | Café, "daily"
        size    | 1024
        meeting | {"id":"m1","n":[1,2]}
        -[ RECORD 2 ]--
        id      | r2
        title   | two
                | lines
        size    | 2.5
        meeting | NULL
        -[ RECORD 3 ]-----
        id      | 日本
        title   | NULL
        size    | -3
        meeting | not json

        """)
    }

    @Test func longValuesAreNeverCutAndTheRuleMarksTheColumnBoundary() {
        let long = String(repeating: "z", count: 100)
        let wide = QueryResult(columns: ["a_very_long_column_name", "x"], jsonColumns: [false, false],
                               rows: [[.text(long), .integer(1)]])
        var options = OutputFormat.Options()
        options.maximumWidth = 40
        #expect(OutputFormat.line.render(wide, options: options) == """
        -[ RECORD 1 ]-----------+\(String(repeating: "-", count: 101))
        a_very_long_column_name | \(long)
        x                       | 1

        """)
    }

    @Test func colourMakesNamesBoldAndNullDim() {
        let one = QueryResult(columns: ["a", "bb"], jsonColumns: [false, false], rows: [[.null, .text("v")]])
        var options = OutputFormat.Options()
        options.colour = true
        #expect(OutputFormat.line.render(one, options: options) == """
        -[ RECORD 1 ]
        \u{1B}[1ma \u{1B}[0m | \u{1B}[2mNULL\u{1B}[0m
        \u{1B}[1mbb\u{1B}[0m | v

        """)
    }

    @Test func noRowsNoRecords() {
        var empty = result
        empty.rows = []
        #expect(OutputFormat.line.render(empty) == "")
    }

    @Test func theNameExpandedMeansLine() {
        #expect(OutputFormat(name: "expanded") == .line)
        #expect(OutputFormat(name: "LINE") == .line)
        #expect(OutputFormat(name: "Table") == .table)
        #expect(OutputFormat(name: "wide") == nil)
    }

    /// The table of `result` is 55 columns wide at its natural width.
    @Test func aTableWiderThanTheTerminalIsExpanded() {
        var options = OutputFormat.Options()
        options.expandWhenTooWide = true
        options.maximumWidth = 55
        #expect(OutputFormat.table.chosen(for: result, options: options) == .table)
        #expect(OutputFormat.table.render(result, options: options) == OutputFormat.table.render(result))
        options.maximumWidth = 54
        #expect(OutputFormat.table.chosen(for: result, options: options) == .line)
        #expect(OutputFormat.table.render(result, options: options) == OutputFormat.line.render(result))
        // Other formats, an empty result, no known width, or the switch turned off: never expanded.
        #expect(OutputFormat.csv.chosen(for: result, options: options) == .csv)
        var empty = result
        empty.rows = []
        #expect(OutputFormat.table.chosen(for: empty, options: options) == .table)
        options.expandWhenTooWide = false
        #expect(OutputFormat.table.chosen(for: result, options: options) == .table)
        #expect(OutputFormat.table.render(result, options: options).hasPrefix("+------+-------"))
        options.expandWhenTooWide = true
        options.maximumWidth = nil
        #expect(OutputFormat.table.chosen(for: result, options: options) == .table)
    }

    @Test func theCLIFlagAndItsAlias() async throws {
        for name in ["line", "expanded"] {
            let outcome = try await CLI.run(["exec", "--sandbox", "-o", name, "SELECT 1 AS n, 'héllo' AS greeting, NULL AS missing UNION ALL SELECT 2, 'x', 'y'"])
            #expect(outcome.status == 0, "\(outcome.stderr)")
            #expect(outcome.stdout == """
            -[ RECORD 1 ]---
            n        | 1
            greeting | héllo
            missing  | NULL
            -[ RECORD 2 ]
            n        | 2
            greeting | x
            missing  | y

            """)
            #expect(outcome.stderr.hasPrefix("2 rows in "))
        }
    }

    @Test func neverExpandedWhenPiped() async throws {
        let outcome = try await CLI.run(["exec", "--sandbox", "SELECT '\(String(repeating: "w", count: 80))' AS wide"], environment: ["COLUMNS": "40"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.hasPrefix("+---"))
        #expect(outcome.stdout.contains("| \(String(repeating: "w", count: 80)) |"))
        #expect(!outcome.stderr.contains("expanded"))
    }
}
