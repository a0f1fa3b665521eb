import RTKQLSyntax
import Testing

@Suite struct ParserTests {
    func query(_ text: String) throws -> Query {
        let statements = try SQLParser.parse(text)
        guard statements.count == 1, case .select(let query) = statements[0].statement else {
            Issue.record("not one SELECT: \(text)")
            throw UnexpectedTree(text: text)
        }
        return query
    }

    func core(_ text: String) throws -> SelectCore {
        guard case .select(let core) = try query(text).body else { throw UnexpectedTree(text: text) }
        return core
    }

    @Test func selectWithAliasesStarFromResourceWhereGroupOrderLimit() throws {
        let text = "select status, count(*) AS n, r.* from cloudflare.realtime_kit.recordings r where app_id = 'a' group by status having n > 1 order by n desc limit 5 offset 2"
        let parsed = try query(text)
        guard case .select(let core) = parsed.body else { Issue.record("no core"); return }
        #expect(core.columns.count == 3)
        guard case .expression(let first, nil) = core.columns[0], case .column(let name) = first.kind else { Issue.record("col"); return }
        #expect(name.dotted == "status")
        guard case .expression(let second, let alias) = core.columns[1], case .function(let call) = second.kind else { Issue.record("fn"); return }
        #expect(call.star && call.name.value == "count" && alias?.value == "n")
        guard case .allOf(let table, _) = core.columns[2] else { Issue.record("r.*"); return }
        #expect(table.value == "r")
        guard case .table(let reference) = core.from else { Issue.record("from"); return }
        #expect(reference.name.dotted == "cloudflare.realtime_kit.recordings")
        #expect(reference.alias?.value == "r")
        #expect(text.utf8Slice(reference.range) == "cloudflare.realtime_kit.recordings r")
        #expect(core.groupBy.count == 1 && core.having != nil)
        #expect(parsed.orderBy.first?.descending == true)
        #expect(parsed.limit?.kind == .literal(.integer("5")))
        #expect(parsed.offset?.kind == .literal(.integer("2")))
    }

    @Test func limitCommaFormIsOffsetThenCount() throws {
        let parsed = try query("SELECT 1 LIMIT 10, 20")
        #expect(parsed.offset?.kind == .literal(.integer("10")))
        #expect(parsed.limit?.kind == .literal(.integer("20")))
    }

    @Test func precedenceFollowsSQLite() throws {
        let core = try core("SELECT 1 WHERE a = 1 OR b = 2 AND NOT c = 3")
        guard case .binary(_, .or, let right) = core.whereClause?.kind, case .binary(_, .and, let notC) = right.kind,
              case .unary(.not, _) = notC.kind else {
            Issue.record("wrong tree: \(String(describing: core.whereClause))")
            return
        }
        let arithmetic = try self.core("SELECT 1 + 2 * 3 || 'x'")
        guard case .expression(let sum, _) = arithmetic.columns[0], case .binary(_, .plus, let product) = sum.kind,
              case .binary(_, .multiply, let concat) = product.kind, case .binary(_, .concat, _) = concat.kind else {
            Issue.record("wrong arithmetic tree")
            return
        }
    }

    @Test func postfixAndTernaryForms() throws {
        let core = try core("""
            SELECT 1 WHERE a IN (1, 2) AND b NOT IN (SELECT x FROM t) AND c IS NOT NULL AND d ISNULL AND e NOT NULL
            AND f LIKE 'x%' ESCAPE '\\' AND g NOT GLOB '*' AND h BETWEEN 1 AND 2 AND i IS DISTINCT FROM j AND k COLLATE NOCASE = 'a'
            AND meeting->>'title' = 'x' AND meeting -> '$.id' IS NOT NULL
            """)
        var parts: [Expression] = []
        var pending = [core.whereClause!]
        while let next = pending.popLast() {
            if case .binary(let left, .and, let right) = next.kind { pending += [right, left] } else { parts.append(next) }
        }
        #expect(parts.count == 12)
        guard case .inList(_, false, let items) = parts[0].kind else { Issue.record("in"); return }
        #expect(items.count == 2)
        guard case .inSubquery(_, true, _) = parts[1].kind else { Issue.record("not in select"); return }
        guard case .binary(_, .isNot, _) = parts[2].kind else { Issue.record("is not"); return }
        guard case .nullTest(_, false) = parts[3].kind, case .nullTest(_, true) = parts[4].kind else { Issue.record("nulltests"); return }
        guard case .pattern(_, false, .like, _, let escape) = parts[5].kind, escape != nil else { Issue.record("like"); return }
        guard case .pattern(_, true, .glob, _, nil) = parts[6].kind else { Issue.record("glob"); return }
        guard case .between(_, false, _, _) = parts[7].kind else { Issue.record("between"); return }
        guard case .binary(_, .isDistinctFrom, _) = parts[8].kind else { Issue.record("distinct"); return }
        guard case .binary(let collated, .equal, _) = parts[9].kind, case .collate(_, "NOCASE") = collated.kind else { Issue.record("collate"); return }
        guard case .binary(let extract, .equal, _) = parts[10].kind, case .binary(_, .jsonExtractText, _) = extract.kind else { Issue.record("->>"); return }
    }

    @Test func everyKindOfSQLiteSelect() throws {
        let statements = [
            "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 5) SELECT x FROM c",
            "WITH a AS MATERIALIZED (SELECT 1), b AS NOT MATERIALIZED (SELECT 2) SELECT * FROM a, b",
            "SELECT DISTINCT a FROM t1 LEFT OUTER JOIN t2 USING (id) NATURAL JOIN t3 CROSS JOIN t4 INNER JOIN t5 ON t5.x = t1.x",
            "SELECT * FROM (SELECT 1 AS x) AS s RIGHT JOIN (t1 JOIN t2 ON 1) ON 1 FULL JOIN t3 ON 1",
            "SELECT * FROM json_each('[1,2]') AS j WHERE j.value > 1",
            "SELECT (SELECT max(x) FROM t), EXISTS (SELECT 1), NOT EXISTS (SELECT 2) FROM t",
            "SELECT a FROM t UNION SELECT b FROM u INTERSECT SELECT c FROM v EXCEPT SELECT d FROM w ORDER BY 1",
            "VALUES (1, 'a'), (2, 'b')",
            "SELECT CASE WHEN a > 1 THEN 'big' WHEN a = 1 THEN 'one' ELSE 'small' END, CASE a WHEN 1 THEN 2 END FROM t",
            "SELECT CAST(a AS INTEGER), CAST(b AS VARCHAR(10)), CAST(c AS DECIMAL(10, 2)) FROM t",
            "SELECT sum(x) FILTER (WHERE x > 0) OVER (PARTITION BY g ORDER BY t ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM t",
            "SELECT rank() OVER w, avg(x) OVER (w RANGE UNBOUNDED PRECEDING EXCLUDE TIES) FROM t WINDOW w AS (ORDER BY x)",
            "SELECT count(DISTINCT a), group_concat(b, ',' ORDER BY b DESC NULLS LAST) FROM t",
            "SELECT ?, ?3, :name, @name, $name, X'CAFE', -1.5e-3, +2, ~3, TRUE, NULL, CURRENT_TIMESTAMP",
            "SELECT a FROM t WHERE a IN t2 AND b IN json_each('[1]') AND x REGEXP 'y' AND y MATCH 'z'",
            "SELECT \"select\", [from], `where` FROM \"my table\"",
            "SELECT status, data, action, key, replace(a, 'b', 'c') FROM t",
            "SELECT a FROM t INDEXED BY i, u NOT INDEXED",
            "SELECT a FROM t WHERE a = 1 -- trailing comment",
        ]
        for text in statements {
            #expect(throws: Never.self, "\(text)") { _ = try SQLParser.parse(text) }
        }
    }

    @Test func otherStatements() throws {
        let parsed = try SQLParser.parse("""
            SHOW PROVIDERS; show extended methods in cloudflare.realtime_kit.recordings like 'l%';
            DESCRIBE EXTENDED cloudflare.realtime_kit.recordings; DESC realtime_kit.recordings;
            EXPLAIN SELECT 1; USE cloudflare; REGISTRY LIST;
            """).map(\.statement)
        #expect(parsed.count == 7)
        #expect(parsed[0] == .show(ShowStatement(kind: .providers)))
        guard case .show(let methods) = parsed[1] else { Issue.record("show"); return }
        #expect(methods.kind == .methods && methods.extended && methods.like == "l%" && methods.target?.dotted == "cloudflare.realtime_kit.recordings")
        guard case .describe(let describe) = parsed[2], describe.extended else { Issue.record("describe"); return }
        guard case .explain(.select) = parsed[4] else { Issue.record("explain"); return }
        guard case .use(let provider) = parsed[5], provider.value == "cloudflare" else { Issue.record("use"); return }
        #expect(parsed[6] == .registryList(nil))
    }

    @Test func execArgumentsBySpaceOrCommaWithComments() throws {
        let text = """
            EXEC cloudflare.realtime_kit.recordings.create_track
            @account_id='acc' --required,
            @app_id='app' --required
            @@json=
            '{
            "layers": {"default": {}},
            "max_seconds": 60,
            "meeting_id": "m"
            }'
            ;
            """
        let parsed = try SQLParser.parse(text)
        guard case .exec(let exec) = parsed.first?.statement else { Issue.record("exec"); return }
        #expect(exec.method.dotted == "cloudflare.realtime_kit.recordings.create_track")
        #expect(exec.arguments.map(\.name.value) == ["account_id", "app_id"])
        #expect(exec.arguments.map(\.value.kind) == [.literal(.string("acc")), .literal(.string("app"))])
        #expect(exec.jsonBody?.hasPrefix("{\n\"layers\"") == true)
        let commas = try SQLParser.parse("EXEC a.b.c.d @x = 1, @y = 'two', @z = true")
        guard case .exec(let second) = commas.first?.statement else { Issue.record("exec"); return }
        #expect(second.arguments.count == 3 && second.jsonBody == nil)
    }

    @Test func replaceWithActionInSetAndWhereAndReturning() throws {
        let text = """
            REPLACE cloudflare.realtime_kit.recordings
            SET
            action = 'pause'
            WHERE
            account_id = 'a' --required
            AND app_id = 'b' --required
            AND recording_id = 'r' --required
            AND action = 'pause' --required
            RETURNING
            data,
            success;
            """
        guard case .replace(let replace) = try SQLParser.parse(text).first?.statement else { Issue.record("replace"); return }
        #expect(replace.assignments.map(\.column.value) == ["action"])
        #expect(replace.returning?.count == 2)
        #expect(replace.resource.name.dotted == "cloudflare.realtime_kit.recordings")
    }

    @Test func statementRangesExcludeTheSemicolon() throws {
        let text = "SELECT 1;  SELECT 2 ;\n;"
        let parsed = try SQLParser.parse(text)
        #expect(parsed.map { text.utf8Slice($0.range) } == ["SELECT 1", "SELECT 2"])
    }

    @Test func errorsSayWhatWasExpectedWhereWithACaret() {
        let error = #expect(throws: ParseError.self) { try SQLParser.parse("SELECT id\nFORM recordings") }
        // As in SQLite, `FORM` reads as an alias of `id`: the error is at the next word, with a hint.
        #expect(error?.message == "Expected: ';' or end of statement, found: recordings (did you mean FROM instead of FORM?)")
        #expect(error?.location == SourceLocation(line: 2, column: 6))
        #expect(error?.rendered() == "2:6: Expected: ';' or end of statement, found: recordings (did you mean FROM instead of FORM?)\nFORM recordings\n     ^")

        let incomplete = #expect(throws: ParseError.self) { try SQLParser.parse("SELECT a FROM t WHERE") }
        #expect(incomplete?.message == "incomplete input: expected an expression")

        let missing = #expect(throws: ParseError.self) { try SQLParser.parse("SELECT a, FROM t") }
        #expect(missing?.message == "Expected: an expression, found: FROM")
        #expect(missing?.location == SourceLocation(line: 1, column: 11))
    }

    @Test func hostileNestingIsAnErrorNotACrash() {
        let deep = "SELECT " + String(repeating: "(", count: 5_000) + "1" + String(repeating: ")", count: 5_000)
        let error = #expect(throws: ParseError.self) { try SQLParser.parse(deep) }
        #expect(error?.message == "expression nested too deeply (more than 200 levels)")
        let deepNot = "SELECT " + String(repeating: "NOT ", count: 5_000) + "1"
        #expect(throws: ParseError.self) { try SQLParser.parse(deepNot) }
    }
}

/// A parse that succeeded with a tree other than the test expected.
struct UnexpectedTree: Error {
    var text: String
}

extension String {
    func utf8Slice(_ range: SourceRange) -> String {
        String(decoding: Array(utf8)[range.start..<range.end], as: UTF8.self)
    }
}
