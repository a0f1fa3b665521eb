import Foundation
import RTKQLStorage
import RTKQLSyntax
import Testing

/// The printer against SQLite itself: the printed text of a SELECT means what the original means.
@Suite struct PrinterSQLiteTests {
    /// A database with a `recordings` table (the resource's fields, and its parameters as columns) of a few rows,
    /// and `t`, `u`, `v` tables for the grammar's examples.
    static func database() throws -> Database {
        let database = try Database()
        try database.execute("""
            CREATE TABLE recordings(id, session_id, output_file_name, audio_download_url, download_url, download_url_expiry,
              file_size, invoked_time, meeting, recording_duration, started_time, status, stopped_time, storage_config,
              account_id, app_id);
            INSERT INTO recordings VALUES
              ('r1', 's1', 'a_standup.mp4', NULL, 'https://d/1', '2026-07-01', 1000, '2026-05-01T10:00:00Z',
               '{"id": "m1", "title": "standup", "status": "ACTIVE", "recording_config": {"max_seconds": 60}}', 1900,
               '2026-05-01T10:00:05Z', 'UPLOADED', '2026-05-01T10:30:00Z', '{"type": "aws", "bucket": "b", "region": "r"}', 'acc', 'app'),
              ('r2', 's1', 'b.mp4', 'https://a/2', NULL, '2026-05-01', 0, '2026-03-02T09:00:00Z',
               '{"id": "m1", "title": "standup", "status": "INACTIVE"}', 30, NULL, 'ERRORED', NULL, NULL, 'acc', 'app'),
              ('r3', 's2', 'c_x.mp4', NULL, NULL, NULL, 500000, '2026-06-11T08:00:00Z',
               '{"id": "m2", "title": "review"}', 700, '2026-06-11T08:00:01Z', 'PAUSED', NULL, NULL, 'acc', 'app');
            CREATE TABLE t(a, b, c, id, status, file_size, recording_duration, invoked_time, meeting, stopped_time, x);
            INSERT INTO t VALUES (1, 2, 3, 'i', 'PAUSED', 10, 2000, '2026-01-01', '{"title": "standup"}', NULL, 4);
            CREATE TABLE u(b); INSERT INTO u VALUES (2), (5);
            CREATE TABLE v(c); INSERT INTO v VALUES (5);
            """)
        return database
    }

    /// The SELECTs of the grammar's examples and the differential queries (over the plain table, as the
    /// reference side of that test runs them).
    static func selects() throws -> [String] {
        let differential = try String(contentsOf: repositoryRoot.appendingPathComponent("Tests/Fixtures/differential-queries.txt"), encoding: .utf8)
            .split(separator: "\n").map(String.init).filter { !$0.isEmpty && !$0.hasPrefix("--") }
            .map { template -> String in
                var query = template.replacingOccurrences(of: "{R}", with: "recordings").replacingOccurrences(of: "{P}", with: "1")
                for alias in ["A", "B", "X"] { query = query.replacingOccurrences(of: "{P\(alias)}", with: "1") }
                return query.replacingOccurrences(of: "{ACCOUNT}", with: "acc").replacingOccurrences(of: "{APP}", with: "app")
            }
        let examples = try GrammarExamplesTests.examples().filter { $0.hasPrefix("SELECT") || $0.hasPrefix("WITH") || $0.hasPrefix("VALUES") }
        return differential + examples
    }

    /// Each SELECT that SQLite runs runs the same printed: same column count, same rows.
    @Test func printedSelectsReturnWhatTheOriginalsReturn() throws {
        let database = try PrinterSQLiteTests.database()
        var compared = 0
        for original in try PrinterSQLiteTests.selects() {
            guard let expected = try? database.rows(original) else { continue }
            let printed = try #require(try SQLParser.parse(original).first).statement.description
            let statement = try database.prepare(printed)
            #expect(statement.columnCount == (try database.prepare(original)).columnCount, "\(printed)")
            #expect(try database.rows(printed) == expected, "\(original)\n\(printed)")
            compared += 1
        }
        // Every differential query runs over the plain table.
        #expect(compared >= 110)
    }

    /// Expressions whose grouping a printer could get wrong, evaluated by SQLite as written and as printed.
    @Test func precedenceCasesEvaluateTheSame() throws {
        let database = try PrinterSQLiteTests.database()
        let expressions = [
            "-(1+2)", "NOT (1 = 2)", "NOT 1 = 2", "1 - (2 - 3)", "1 - 2 - 3", "(0 OR 1) AND 0", "0 OR 1 AND 0",
            "2 IN (SELECT 2)", "3 NOT IN (SELECT b FROM u)", "CASE WHEN 1 THEN 2 END BETWEEN 1 AND 3",
            "5 BETWEEN 1 AND 2 = 0", "'a' = 'A' COLLATE NOCASE", "('a' || 'b') COLLATE NOCASE = 'AB'",
            "'a_c' LIKE 'a!_c' ESCAPE '!'", "'abc' NOT LIKE 'a%' = 0", "- -1", "-(-1)", "- 1 - -1", "~-1 + +2",
            "'{\"a\": {\"b\": 7}}' -> '$.a' ->> '$.b'", "'x' || 1 + 2", "2 * 3 || 4", "1 << 2 | 1 & 3", "7 % 4 * 2 / 3",
            "NULL IS NOT DISTINCT FROM NULL", "1 IS NOT NULL = 1", "NULL ISNULL", "1 NOTNULL", "1 NOT NULL",
            "(1, 2) = (1, 2)", "EXISTS (SELECT 1) + 1", "NOT EXISTS (SELECT 1 WHERE 0)", "1 IS NOT EXISTS (SELECT 1)",
            "CAST('12abc' AS INTEGER) + 1", "CASE 1 WHEN 1 THEN 'one' ELSE 'other' END", "X'41' = CAST('A' AS BLOB)",
            "'it''s'", "\"status\" FROM t", "[a] + `b` FROM t", "iif(1 > 2, 'a', 'b')", "coalesce(NULL, 2) * 3",
            "sum(x) OVER (ORDER BY a ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM t",
            "count(*) FILTER (WHERE b > 2) FROM u", "group_concat(b, '-') FROM (SELECT b FROM u ORDER BY b DESC)",
        ]
        for expression in expressions {
            let original = "SELECT " + expression
            let printed = try #require(try SQLParser.parse(original).first).statement.description
            #expect(try database.rows(printed) == (try database.rows(original)), "\(original)\n\(printed)")
        }
    }

    /// Hand-built trees (no `.parenthesized` nodes) print with the parentheses their grouping needs.
    @Test func handBuiltTreesEvaluateAsBuilt() throws {
        let database = try PrinterSQLiteTests.database()
        func number(_ text: String) -> RTKQLSyntax.Expression { RTKQLSyntax.Expression(.literal(.integer(text)), range: .zero) }
        func binary(_ left: RTKQLSyntax.Expression, _ op: BinaryOperator, _ right: RTKQLSyntax.Expression) -> RTKQLSyntax.Expression {
            RTKQLSyntax.Expression(.binary(left, op, right), range: .zero)
        }
        let one = number("1"), two = number("2"), three = number("3")
        let cases: [(RTKQLSyntax.Expression, SQLValue)] = [
            (binary(one, .minus, binary(two, .minus, three)), .integer(2)),
            (binary(binary(two, .multiply, three), .concat, one), .text("61")),
            (binary(two, .multiply, binary(three, .plus, one)), .integer(8)),
            (RTKQLSyntax.Expression(.unary(.minus, binary(one, .plus, two)), range: .zero), .integer(-3)),
            (RTKQLSyntax.Expression(.unary(.minus, RTKQLSyntax.Expression(.unary(.minus, one), range: .zero)), range: .zero), .integer(1)),
            (binary(binary(one, .or, number("0")), .and, number("0")), .integer(0)),
            (binary(RTKQLSyntax.Expression(.unary(.not, number("0")), range: .zero), .equal, number("0")), .integer(0)),
            (RTKQLSyntax.Expression(.unary(.not, binary(number("0"), .equal, number("1"))), range: .zero), .integer(1)),
            (RTKQLSyntax.Expression(.between(two, negated: false, low: binary(one, .and, one), high: three), range: .zero), .integer(1)),
            (binary(RTKQLSyntax.Expression(.literal(.null), range: .zero), .is,
                    RTKQLSyntax.Expression(.exists(negated: true, try #require(try SQLParser.parse("SELECT 1 WHERE 0").first).statement.selectQuery),
                               range: .zero)), .integer(0)),
        ]
        for (expression, value) in cases {
            #expect(try database.rows("SELECT " + expression.description) == [[value]], "\(expression)")
        }
    }
}

extension RTKQLSyntax.Statement {
    /// The query of a SELECT statement (a test helper: traps for others).
    var selectQuery: Query {
        guard case .select(let query) = self else { preconditionFailure("not a SELECT: \(self)") }
        return query
    }
}
