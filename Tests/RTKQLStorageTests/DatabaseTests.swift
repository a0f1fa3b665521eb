import RTKQLStorage
import Testing

@Suite struct DatabaseTests {
    @Test func roundTripsEveryStorageClass() throws {
        let database = try Database()
        try database.execute("CREATE TABLE t (a, b, c, d, e)")
        try database.execute("INSERT INTO t VALUES (?, ?, ?, ?, ?)",
                             [.null, .integer(-42), .real(1.5), .text("héllo ''quoted''"), .blob([0xCA, 0xFE])])
        let rows = try database.rows("SELECT a, b, c, d, e FROM t")
        #expect(rows == [[.null, .integer(-42), .real(1.5), .text("héllo ''quoted''"), .blob([0xCA, 0xFE])]])
    }

    @Test func emptyStringStaysTextNotNull() throws {
        let database = try Database()
        #expect(try database.scalar("SELECT typeof(?)", [.text("")]) == .text("text"))
    }

    @Test func errorsCarryMessageAndSQL() throws {
        let database = try Database()
        let error = #expect(throws: DatabaseError.self) { try database.prepare("SELECT nope FROM nowhere") }
        #expect(error?.message == "no such table: nowhere")
        #expect(error?.sql == "SELECT nope FROM nowhere")
    }

    @Test func transactionRollsBackOnError() throws {
        let database = try Database()
        try database.execute("CREATE TABLE t (x)")
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try database.transaction {
                try database.execute("INSERT INTO t VALUES (1)")
                throw Boom()
            }
        }
        #expect(try database.scalar("SELECT count(*) FROM t") == .integer(0))
    }

    @Test func declaredTypesAndColumnNames() throws {
        let database = try Database()
        try database.execute("CREATE TABLE t (meeting JSON TEXT, n INTEGER)")
        let statement = try database.prepare("SELECT meeting, n AS count, 1 FROM t")
        #expect(statement.columnNames == ["meeting", "count", "1"])
        #expect(statement.declaredType(at: 0) == "JSON TEXT")
        #expect(statement.declaredType(at: 2) == nil)
        #expect(statement.isReadOnly)
    }
}
