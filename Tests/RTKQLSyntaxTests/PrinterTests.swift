import RTKQLSyntax
import Testing

/// The printer's text, exactly: canonical style, the user's parentheses kept, and parentheses added to
/// hand-built trees only where SQLite's precedence needs them.
@Suite struct PrinterTests {
    /// The one statement of `text`, printed (after checking its round trip).
    func printed(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> String {
        let statements = expectRoundTrip(text, sourceLocation: sourceLocation)
        #expect(statements.count == 1, sourceLocation: sourceLocation)
        return statements.first ?? ""
    }

    @Test func canonicalStyle() {
        #expect(printed("select a , b   from t where x=1 and y<>'z' order by a desc nulls last, b asc limit 3 , 4")
            == "SELECT a, b FROM t WHERE x = 1 AND y <> 'z' ORDER BY a DESC NULLS LAST, b LIMIT 4 OFFSET 3")
        #expect(printed("select distinct count ( distinct x ) c from t as u group by 1 having c>1")
            == "SELECT DISTINCT count(DISTINCT x) AS c FROM t AS u GROUP BY 1 HAVING c > 1")
        #expect(printed("select x isnull, y notnull, z not null, w is not null from t")
            == "SELECT x ISNULL, y NOTNULL, z NOTNULL, w IS NOT NULL FROM t")
    }

    @Test func namesAreQuotedOnlyWhenWrittenQuotedOrNeeded() {
        // Written quoted stays quoted (quoting changes meaning in SQLite: case, and the string fallback).
        #expect(printed(#"SELECT "select", [from], `where`, "status", "a""b", "a b" FROM "my table""#)
            == #"SELECT "select", "from", "where", "status", "a""b", "a b" FROM "my table""#)
        // Non-reserved keywords are plain names; after a dot any word is a name.
        #expect(printed("SELECT status, data, action, key, value, insert, update, delete, purge, t.from FROM t")
            == "SELECT status, data, action, key, value, insert, update, delete, purge, t.from FROM t")
        // An alias written as a string is a quoted name.
        #expect(printed("SELECT 1 AS 'one', 2 two") == #"SELECT 1 AS "one", 2 AS two"#)
        // Names built by hand: reserved words and non-words are quoted, others not.
        #expect(Identifier("order").description == #""order""#)
        // Reserved words in any case; near misses and longer words are plain.
        #expect(["Select", "cUrReNt_TiMeStAmP", "in", "IS", "window"].map { Identifier($0).description }
            == [#""Select""#, #""cUrReNt_TiMeStAmP""#, #""in""#, #""IS""#, #""window""#])
        #expect(["selected", "sélect", "i", "current_timestamps", "_order", "ord"].map { Identifier($0).description }
            == ["selected", "sélect", "i", "current_timestamps", "_order", "ord"])
        #expect(Identifier("my col").description == #""my col""#)
        #expect(Identifier("été").description == "été")
        #expect(Identifier("").description == #""""#)
        #expect(QualifiedName([Identifier("select"), Identifier("from"), Identifier("x y")]).description == #""select".from."x y""#)
    }

    @Test func literalsAreReescapedAndNumbersKeptAsWritten() {
        #expect(printed("SELECT 'it''s', '', x'cafe', 0x1F, 1_000, 1.50, .5, 1e3, 1.5E-3, true, False, null, current_date")
            == "SELECT 'it''s', '', X'cafe', 0x1F, 1_000, 1.50, .5, 1e3, 1.5E-3, TRUE, FALSE, NULL, CURRENT_DATE")
        #expect(printed("SELECT ?, ?3, :name, @name, $name") == "SELECT ?, ?3, :name, @name, $name")
        #expect(Literal.string("a'b''c").description == "'a''b''''c'")
        // A quote followed by a combining mark is one Character, but still a quote to the lexer.
        #expect(printed("SELECT 'x''\u{301}y' AS 'a\"\u{5AC}b'") == "SELECT 'x''\u{301}y' AS \"a\"\"\u{5AC}b\"")
    }

    /// The user's parentheses are in the tree, so they are printed as written; no others are added.
    @Test func precedenceCasesKeepTheirGrouping() {
        let cases: [(String, String)] = [
            ("select -(a+b)", "SELECT -(a + b)"),
            ("select not (a = b)", "SELECT NOT (a = b)"),
            ("select not a = b", "SELECT NOT a = b"),
            ("select a - (b - c), a - b - c", "SELECT a - (b - c), a - b - c"),
            ("select (a or b) and c, a or b and c", "SELECT (a OR b) AND c, a OR b AND c"),
            ("select x in (select y from t), x not in (1, 2), x in ()", "SELECT x IN (SELECT y FROM t), x NOT IN (1, 2), x IN ()"),
            ("select x in ((select 1)), x in t, x in json_each('[1]')", "SELECT x IN ((SELECT 1)), x IN t, x IN json_each('[1]')"),
            ("select x between case when a then 1 else 2 end and 3", "SELECT x BETWEEN CASE WHEN a THEN 1 ELSE 2 END AND 3"),
            ("select x not between 1 + 1 and 2 * 3 = y", "SELECT x NOT BETWEEN 1 + 1 AND 2 * 3 = y"),
            ("select a collate nocase = b, (a || b) collate \"binary\"", "SELECT a COLLATE nocase = b, (a || b) COLLATE binary"),
            ("select a like 'x!%' escape '!', a not glob 'b*', a regexp 'c', a match 'd'",
             "SELECT a LIKE 'x!%' ESCAPE '!', a NOT GLOB 'b*', a REGEXP 'c', a MATCH 'd'"),
            ("select -1, - -1, -(-1), - 1, +-~1", "SELECT -1, - -1, -(-1), -1, +-~1"),
            ("select m->'a'->>'b', m -> '$.c' ->> 0", "SELECT m -> 'a' ->> 'b', m -> '$.c' ->> 0"),
            ("select a is distinct from b, a is not distinct from b, a is not b, a == b, a != b",
             "SELECT a IS DISTINCT FROM b, a IS NOT DISTINCT FROM b, a IS NOT b, a == b, a != b"),
            ("select (a, b) = (1, 2), ((1))", "SELECT (a, b) = (1, 2), ((1))"),
            ("select not exists (select 1), exists (select 2), a is not exists (select 3)",
             "SELECT NOT EXISTS (SELECT 1), EXISTS (SELECT 2), a IS NOT EXISTS (SELECT 3)"),
            ("select 1 & 2 | 3 << 4 >> 5, 6 % 7 / 8 * 9", "SELECT 1 & 2 | 3 << 4 >> 5, 6 % 7 / 8 * 9"),
            ("select cast(a as varchar(10)), cast(b as decimal(10,-2)), cast(c as unsigned big int)",
             "SELECT CAST(a AS varchar(10)), CAST(b AS decimal(10, -2)), CAST(c AS unsigned big int)"),
            ("select case a when 1 then 'x' end, raise(ignore), raise(abort, 'no')",
             "SELECT CASE a WHEN 1 THEN 'x' END, RAISE(IGNORE), RAISE(ABORT, 'no')"),
            ("select like('a', 'b'), glob('*', 'c'), replace(x, 'a', 'b'), count(), count(all x)",
             "SELECT like('a', 'b'), glob('*', 'c'), replace(x, 'a', 'b'), count(), count(x)"),
            ("select 1, distinct(2), count(1, distinct(3))", "SELECT 1, distinct(2), count(1, distinct(3))"),
            ("select all distinct(2), count(all distinct(3)), count(all all(4))",
             "SELECT ALL distinct(2), count(ALL distinct(3)), count(ALL all(4))"),
            ("select a = not(1)", "SELECT a = not(1)"),
        ]
        for (text, expected) in cases {
            #expect(printed(text) == expected)
        }
    }

    @Test func windowsAndFrames() {
        let cases: [(String, String)] = [
            ("select sum(x) over w, sum(x) over (w), rank() over () from t window w as (partition by a order by b)",
             "SELECT sum(x) OVER w, sum(x) OVER (w), rank() OVER () FROM t WINDOW w AS (PARTITION BY a ORDER BY b)"),
            ("select sum(x) filter (where x > 0) over (w rows between unbounded preceding and current row exclude no others) from t",
             "SELECT sum(x) FILTER (WHERE x > 0) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW EXCLUDE NO OTHERS) FROM t"),
            ("select avg(x) over (range 2 preceding exclude current row), avg(x) over (groups between 1 following and unbounded following exclude ties) from t",
             "SELECT avg(x) OVER (RANGE 2 PRECEDING EXCLUDE CURRENT ROW), avg(x) OVER (GROUPS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING EXCLUDE TIES) FROM t"),
            ("select avg(x) over (order by y rows a and b preceding exclude group) from t",
             "SELECT avg(x) OVER (ORDER BY y ROWS a AND b PRECEDING EXCLUDE GROUP) FROM t"),
            ("select group_concat(b, ',' order by b desc nulls first) from t",
             "SELECT group_concat(b, ',' ORDER BY b DESC NULLS FIRST) FROM t"),
        ]
        for (text, expected) in cases {
            #expect(printed(text) == expected)
        }
    }

    @Test func queriesAndTables() {
        let cases: [(String, String)] = [
            ("with recursive c(x) as materialized (select 1 union all select x+1 from c), d as not materialized (values (2)) select * from c, d",
             "WITH RECURSIVE c(x) AS MATERIALIZED (SELECT 1 UNION ALL SELECT x + 1 FROM c), d AS NOT MATERIALIZED (VALUES (2)) SELECT * FROM c, d"),
            ("select a from t union select b from u intersect select c from v except values (1) order by 1 limit 2",
             "SELECT a FROM t UNION SELECT b FROM u INTERSECT SELECT c FROM v EXCEPT VALUES (1) ORDER BY 1 LIMIT 2"),
            ("select t.*, * from t1 natural left outer join t2 using (id) cross join t3 inner join t4 on t4.x = t1.x, t5 right join t6 full join t7",
             "SELECT t.*, * FROM t1 NATURAL LEFT JOIN t2 USING (id) CROSS JOIN t3 JOIN t4 ON t4.x = t1.x, t5 RIGHT JOIN t6 FULL JOIN t7"),
            ("select * from (select 1) s join (t1 join t2 on 1) on 1, json_each('[1]') j, main.t indexed by i, u not indexed",
             "SELECT * FROM (SELECT 1) AS s JOIN (t1 JOIN t2 ON 1) ON 1, json_each('[1]') AS j, main.t INDEXED BY i, u NOT INDEXED"),
            ("select x from t where a in (select 1 limit 1 offset 2)", "SELECT x FROM t WHERE a IN (SELECT 1 LIMIT 1 OFFSET 2)"),
        ]
        for (text, expected) in cases {
            #expect(printed(text) == expected)
        }
    }

    @Test func everyOtherStatement() {
        let cases: [(String, String)] = [
            ("replace into cloudflare.realtime_kit.recordings r set action='pause' where recording_id='x' returning data, success",
             "REPLACE cloudflare.realtime_kit.recordings AS r SET action = 'pause' WHERE recording_id = 'x' RETURNING data, success"),
            ("update p.s.r set a = 1, b = 'two'", "UPDATE p.s.r SET a = 1, b = 'two'"),
            ("replace into into set a = 1", "REPLACE INTO into SET a = 1"),
            ("replace into \"into\" set a = 1", #"REPLACE "into" SET a = 1"#),
            ("insert into p.s.r as x (a, \"b\") values (1, 2), (3, 4) returning *",
             #"INSERT INTO p.s.r AS x (a, "b") VALUES (1, 2), (3, 4) RETURNING *"#),
            ("insert into p.s.r select 1 union select 2 order by 1 limit 1", "INSERT INTO p.s.r SELECT 1 UNION SELECT 2 ORDER BY 1 LIMIT 1"),
            ("insert into r (a) with c as (select 1) select * from c", "INSERT INTO r (a) WITH c AS (SELECT 1) SELECT * FROM c"),
            ("delete from p.s.r where id = 1 returning id, status as s", "DELETE FROM p.s.r WHERE id = 1 RETURNING id, status AS s"),
            ("delete from r", "DELETE FROM r"),
            ("execute a.b.c.d @x = 1 @y='it''s', @@JSON='{\"k\": \"v''s\"}' returning data",
             #"EXEC a.b.c.d @x = 1, @y = 'it''s', @@json = '{"k": "v''s"}' RETURNING data"#),
            ("exec a.b.c.d", "EXEC a.b.c.d"),
            ("exec a.b.c.d @@json = '{}'", "EXEC a.b.c.d @@json = '{}'"),
            ("show extended methods from a.b.c like 'get%'", "SHOW EXTENDED METHODS IN a.b.c LIKE 'get%'"),
            ("show providers", "SHOW PROVIDERS"),
            ("desc extended a.b.c", "DESCRIBE EXTENDED a.b.c"),
            ("describe extended extended", "DESCRIBE EXTENDED extended"),
            ("explain query plan select 1", "EXPLAIN SELECT 1"),
            ("explain update r set a = 1", "EXPLAIN UPDATE r SET a = 1"),
            ("use cloudflare", "USE cloudflare"),
            ("registry list cloudflare", "REGISTRY LIST cloudflare"),
            ("purge", "PURGE"),
            ("purge cloudflare.realtime_kit.recordings", "PURGE cloudflare.realtime_kit.recordings"),
        ]
        for (text, expected) in cases {
            #expect(printed(text) == expected)
        }
    }

    // MARK: - Trees built by hand

    static func column(_ name: String) -> Expression { Expression(.column(QualifiedName([Identifier(name)])), range: .zero) }
    static func integer(_ text: String) -> Expression { Expression(.literal(.integer(text)), range: .zero) }
    static func binary(_ left: Expression, _ op: BinaryOperator, _ right: Expression) -> Expression {
        Expression(.binary(left, op, right), range: .zero)
    }
    static func unary(_ op: UnaryOperator, _ operand: Expression) -> Expression { Expression(.unary(op, operand), range: .zero) }
    static let selectOne = Query(body: .select(SelectCore(columns: [.expression(integer("1"), alias: nil)], range: .zero)), range: .zero)

    /// Parentheses go in where a hand-built tree's grouping differs from the parser's default.
    @Test func handBuiltTreesGetTheParenthesesTheirGroupingNeeds() {
        let (a, b, c) = (PrinterTests.column("a"), PrinterTests.column("b"), PrinterTests.column("c"))
        let binary = PrinterTests.binary, unary = PrinterTests.unary
        let cases: [(Expression, String)] = [
            (binary(a, .minus, binary(b, .minus, c)), "a - (b - c)"),
            (binary(binary(a, .minus, b), .minus, c), "a - b - c"),
            (unary(.minus, binary(a, .plus, b)), "-(a + b)"),
            (unary(.not, binary(a, .equal, b)), "NOT a = b"),
            (binary(unary(.not, a), .equal, b), "(NOT a) = b"),
            (binary(binary(a, .or, b), .and, c), "(a OR b) AND c"),
            (binary(a, .or, binary(b, .and, c)), "a OR b AND c"),
            (binary(binary(a, .concat, b), .multiply, c), "a || b * c"),
            (binary(a, .concat, binary(b, .multiply, c)), "a || (b * c)"),
            (unary(.minus, unary(.minus, PrinterTests.integer("1"))), "- -1"),
            (unary(.minus, unary(.plus, PrinterTests.integer("1"))), "-+1"),
            (Expression(.collate(binary(a, .concat, b), collation: "NOCASE"), range: .zero), "(a || b) COLLATE NOCASE"),
            (Expression(.collate(unary(.minus, a), collation: "my coll"), range: .zero), #"-a COLLATE "my coll""#),
            (Expression(.between(a, negated: false, low: binary(b, .and, c), high: c), range: .zero), "a BETWEEN (b AND c) AND c"),
            (Expression(.between(binary(a, .equal, b), negated: true, low: b, high: c), range: .zero), "a = b NOT BETWEEN b AND c"),
            (Expression(.pattern(a, negated: false, .like, binary(b, .equal, c), escape: binary(b, .or, c)), range: .zero),
             "a LIKE (b = c) ESCAPE (b OR c)"),
            (Expression(.nullTest(binary(a, .and, b), negated: false), range: .zero), "(a AND b) ISNULL"),
            (Expression(.inList(binary(a, .or, b), negated: true, [c]), range: .zero), "(a OR b) NOT IN (c)"),
            // `a IS NOT EXISTS (...)` would read as IS NOT, `NOT EXISTS (...) + 1` as (NOT EXISTS ...) + 1.
            (binary(a, .is, Expression(.exists(negated: true, PrinterTests.selectOne), range: .zero)), "a IS (NOT EXISTS (SELECT 1))"),
            (unary(.not, binary(Expression(.exists(negated: false, PrinterTests.selectOne), range: .zero), .plus, PrinterTests.integer("1"))),
             "NOT (EXISTS (SELECT 1) + 1)"),
            (Expression(.caseWhen(operand: Expression(.function(FunctionCall(name: Identifier("when"))), range: .zero),
                                  branches: [CaseBranch(condition: a, result: b)], otherwise: nil), range: .zero),
             "CASE (when()) WHEN a THEN b END"),
            (Expression(.column(QualifiedName([Identifier("order"), Identifier("by")])), range: .zero), #""order".by"#),
        ]
        for (expression, expected) in cases {
            #expect(expression.description == expected)
            // What is printed parses, and prints the same again.
            if let parsed = try? SQLParser.parse("SELECT " + expected).first, case .select(let query) = parsed.statement,
               case .select(let core) = query.body, case .expression(let reparsed, _) = core.columns.first {
                #expect(reparsed.description == expected)
            } else {
                Issue.record("does not parse back: \(expected)")
            }
        }
    }

    @Test func handBuiltQueriesAndTables() {
        let one = PrinterTests.selectOne.body
        // A compound's right side cannot be bracketed in SQLite: it becomes a subquery.
        let rightNested = Query(body: .compound(one, .except, .compound(one, .union, one)), range: .zero)
        #expect(rightNested.description == "SELECT 1 EXCEPT SELECT * FROM (SELECT 1 UNION SELECT 1)")
        // A join's right side is one table: a right-nested join is bracketed.
        func table(_ name: String) -> TableExpression { .table(TableReference(name: QualifiedName([Identifier(name)]), range: .zero)) }
        let join = TableExpression.join(table("a"), JoinOperator(kind: .left), .join(table("b"), JoinOperator(kind: .comma), table("c"), nil),
                                        .on(PrinterTests.column("x")))
        #expect(join.description == "a LEFT JOIN (b, c) ON x")
        #expect(Query(body: one, offset: PrinterTests.integer("5"), range: .zero).description == "SELECT 1 LIMIT -1 OFFSET 5")
        // A CTE named `recursive` right after WITH, a window based on `rows`, a resource named `into` after REPLACE,
        // a resource named `extended` after DESCRIBE.
        let cte = WithClause(recursive: false, tables: [CommonTableExpression(name: Identifier("recursive"), query: PrinterTests.selectOne)])
        #expect(cte.description == #"WITH "recursive" AS (SELECT 1)"#)
        #expect(WindowSpecification(baseName: Identifier("rows"), parenthesized: true).description == #"("rows")"#)
        let replace = ReplaceStatement(resource: TableReference(name: QualifiedName([Identifier("into")]), range: .zero),
                                       assignments: [Assignment(column: Identifier("a"), value: PrinterTests.integer("1"))],
                                       whereClause: nil, returning: nil)
        #expect(Statement.replace(replace).description == "REPLACE INTO into SET a = 1")
        #expect(Statement.update(replace).description == "UPDATE into SET a = 1")
        #expect(Statement.describe(DescribeStatement(extended: false, resource: QualifiedName([Identifier("extended")]))).description
            == #"DESCRIBE "extended""#)
    }
}
