import RTKQLStorage
import Testing

@Suite struct AuthorizerTests {
    @Test func onlyReadsAreAllowed() throws {
        let database = try Database()
        try database.execute("CREATE TABLE t (x); INSERT INTO t VALUES (1)")
        database.allowOnlyReads()
        #expect(try database.rows("SELECT x, upper('a') FROM t WHERE x IN (WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 3) SELECT n FROM c)") == [[.integer(1), .text("A")]])
        #expect(try database.rows("SELECT key FROM json_each('[5]')") == [[.integer(0)]])
        for sql in ["INSERT INTO t VALUES (2)", "DELETE FROM t", "DROP TABLE t", "CREATE TABLE u (y)", "ATTACH DATABASE '/tmp/x.db' AS x",
                    "PRAGMA writable_schema = 1", "SELECT load_extension('/tmp/evil')", "BEGIN"] {
            let error = #expect(throws: DatabaseError.self, "\(sql)") { try database.prepare(sql) }
            #expect(error?.message.hasPrefix("not authorized") == true, "\(sql)")
        }
    }
}
