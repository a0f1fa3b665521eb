import RTKQLSyntax
import Testing

/// INSERT, UPDATE (distinct from REPLACE), DELETE, EXEC ... RETURNING and PURGE: their exact trees.
@Suite struct DataStatementTests {
    /// The one statement of `text`, source ranges removed.
    func statement(_ text: String) throws -> RTKQLSyntax.Statement {
        let statements = try SQLParser.parse(text)
        #expect(statements.count == 1)
        return statements[0].statement.withoutSourceRanges()
    }

    static func name(_ dotted: String) -> QualifiedName {
        QualifiedName(dotted.split(separator: ".").map { Identifier(String($0)) })
    }

    static func resource(_ dotted: String, alias: String? = nil) -> TableReference {
        TableReference(name: name(dotted), alias: alias.map { Identifier($0) }, range: .zero)
    }

    static func column(_ name: String) -> Expression { Expression(.column(QualifiedName([Identifier(name)])), range: .zero) }
    static func string(_ value: String) -> Expression { Expression(.literal(.string(value)), range: .zero) }
    static func integer(_ text: String) -> Expression { Expression(.literal(.integer(text)), range: .zero) }
    static func equals(_ name: String, _ value: Expression) -> Expression {
        Expression(.binary(column(name), .equal, value), range: .zero)
    }
    static func returning(_ names: String...) -> [ResultColumn] { names.map { .expression(column($0), alias: nil) } }

    @Test func insertValues() throws {
        let parsed = try statement("INSERT INTO p.s.r (a, \"B\") VALUES (1, 'x'), (2, 'y') RETURNING id, status")
        let values = Query(body: .values([[Self.integer("1"), Self.string("x")], [Self.integer("2"), Self.string("y")]], range: .zero), range: .zero)
        #expect(parsed == .insert(InsertStatement(resource: Self.resource("p.s.r"), columns: [Identifier("a"), Identifier("B", quoted: true)],
                                                  source: values, returning: Self.returning("id", "status"))))
    }

    @Test func insertSelectAndWithSelect() throws {
        guard case .insert(let select) = try statement("insert into r as t select a, b from u where c = 1 order by a limit 2") else {
            Issue.record("not an INSERT")
            return
        }
        #expect(select.resource == Self.resource("r", alias: "t"))
        #expect(select.columns.isEmpty && select.returning == nil)
        #expect(select.source.description == "SELECT a, b FROM u WHERE c = 1 ORDER BY a LIMIT 2")

        guard case .insert(let with) = try statement("INSERT INTO r (a) WITH c(x) AS (VALUES (1)) SELECT x FROM c RETURNING *") else {
            Issue.record("not an INSERT")
            return
        }
        #expect(with.columns == [Identifier("a")])
        #expect(with.source.with?.tables.map(\.name.value) == ["c"])
        #expect(with.returning == [.all(range: .zero)])
    }

    /// UPDATE (PATCH) and REPLACE (PUT) have the same shape and different cases.
    @Test func updateIsNotReplace() throws {
        let body = ReplaceStatement(resource: Self.resource("p.s.r", alias: "x"),
                                    assignments: [Assignment(column: Identifier("status"), value: Self.string("ok")),
                                                  Assignment(column: Identifier("data"), value: Self.integer("1"))],
                                    whereClause: Self.equals("id", Self.string("i")), returning: Self.returning("data"))
        #expect(try statement("UPDATE p.s.r x SET status = 'ok', data = 1 WHERE id = 'i' RETURNING data") == .update(body))
        #expect(try statement("REPLACE INTO p.s.r AS x SET status = 'ok', data = 1 WHERE id = 'i' RETURNING data") == .replace(body))
        #expect(Statement.update(body) != Statement.replace(body))
    }

    @Test func deleteWithAndWithoutWhere() throws {
        #expect(try statement("DELETE FROM p.s.r WHERE id = 'i' RETURNING success")
            == .delete(DeleteStatement(resource: Self.resource("p.s.r"), whereClause: Self.equals("id", Self.string("i")),
                                       returning: Self.returning("success"))))
        #expect(try statement("delete from r as x") == .delete(DeleteStatement(resource: Self.resource("r", alias: "x"))))
    }

    @Test func execWithReturning() throws {
        let parsed = try statement("EXEC a.b.c.d @x = 1 @@json = '{}' RETURNING data, success")
        #expect(parsed == .exec(ExecStatement(method: Self.name("a.b.c.d"), arguments: [ExecArgument(name: Identifier("x"), value: Self.integer("1"))],
                                              jsonBody: "{}", jsonBodyRange: .zero, returning: Self.returning("data", "success"))))
        guard case .exec(let plain) = try statement("EXEC a.b.c.d @x = 1") else {
            Issue.record("not an EXEC")
            return
        }
        #expect(plain.returning == nil)
    }

    @Test func purgeAllOrOneResource() throws {
        #expect(try statement("PURGE") == .purge(nil))
        #expect(try statement("purge;") == .purge(nil))
        #expect(try statement("PURGE cloudflare.realtime_kit.recordings") == .purge(Self.name("cloudflare.realtime_kit.recordings")))
    }

    @Test func explainOfEach() throws {
        for text in ["INSERT INTO r VALUES (1)", "UPDATE r SET a = 1", "REPLACE r SET a = 1", "DELETE FROM r", "EXEC a.b.c.d RETURNING x", "PURGE"] {
            #expect(try statement("EXPLAIN " + text) == .explain(try statement(text)))
        }
    }

    /// The statement keywords are not reserved: they stay column, table and parameter names.
    @Test func statementKeywordsRemainNames() throws {
        let select = try statement("""
            SELECT insert, update, delete, purge, replace, exec, into, returning_x, status, action, data, key, value
            FROM insert AS update WHERE delete = 1 AND purge.x = 2
            """)
        guard case .select(let query) = select, case .select(let core) = query.body else {
            Issue.record("not a SELECT")
            return
        }
        #expect(core.columns.count == 13)
        #expect(try statement("UPDATE r SET update = 1, insert = 2 WHERE delete = 3").description
            == "UPDATE r SET update = 1, insert = 2 WHERE delete = 3")
        #expect(try statement("INSERT INTO r (insert, status) VALUES (1, 2)").description == "INSERT INTO r (insert, status) VALUES (1, 2)")
        #expect(try statement("PURGE purge").description == "PURGE purge")
    }

    @Test func rangesCoverTheResourceAndTheStatement() throws {
        let text = "DELETE FROM p.s.r AS x WHERE a = 1;"
        let parsed = try SQLParser.parse(text)
        guard case .delete(let delete) = parsed[0].statement else {
            Issue.record("not a DELETE")
            return
        }
        #expect(text.utf8Slice(delete.resource.range) == "p.s.r AS x")
        #expect(text.utf8Slice(parsed[0].range) == "DELETE FROM p.s.r AS x WHERE a = 1")
        guard case .insert(let insert) = try SQLParser.parse("INSERT INTO p.s.r (a) VALUES (1)")[0].statement else {
            Issue.record("not an INSERT")
            return
        }
        #expect("INSERT INTO p.s.r (a) VALUES (1)".utf8Slice(insert.source.range) == "VALUES (1)")
    }
}
