@testable import RTKQL
import RTKQLPlanning
import RTKQLProvider
import RTKQLStorage
import RTKQLSyntax
import Testing

/// How parameter columns are kept: a value shared by every call is a constant generated column, stored in
/// no row; a value that differs between calls is stored per row, only when the statement reads it.
@Suite struct ParameterStorageTests {
    static let recordings = "cloudflare.realtime_kit.recordings"

    static func fetch(_ sql: String) throws -> ResourceFetch {
        let parsed = try SQLParser.parse(sql)
        guard case .select(let query) = parsed[0].statement else { throw RTKQLError.invalid(message: "not a SELECT") }
        let planner = SelectPlanner(resolver: ResourceResolver(registry: .bundled))
        return try planner.plan(query, text: sql, statementRange: parsed[0].range).fetches[0]
    }

    /// The table's columns as `name hidden-kind` (`pragma table_xinfo`: 0 stored, 2 generated virtual).
    static func columns(of fetch: ResourceFetch, constants: [String: SQLValue]) throws -> (columns: [String], database: Database) {
        let database = try ScratchDatabase.open()
        _ = try TableLoader(database: database, tableName: "t", fields: fetch.resource.resource.fields, loading: fetch.fieldsRead,
                            parameters: fetch.parameterColumns, storing: fetch.parametersRead, constants: constants)
        let info = try database.prepare("SELECT name, hidden FROM pragma_table_xinfo('t') WHERE name IN ('account_id', 'app_id', 'search')")
        var columns: [String] = []
        while try info.step() {
            columns.append(info.row().map { $0.textValue ?? "NULL" }.joined(separator: " "))
        }
        return (columns, database)
    }

    @Test func oneValueForEveryCallIsAConstantColumn() throws {
        let fetch = try ParameterStorageTests.fetch(
            "SELECT app_id, count(*) FROM \(ParameterStorageTests.recordings) WHERE account_id = 'acc' AND app_id = 'app-1' GROUP BY app_id")
        let constants = ResourceLoader.constantParameters(fetch)
        #expect(constants["account_id"] == .text("acc"))
        #expect(constants["app_id"] == .text("app-1"))
        #expect(constants["search"] == .null)
        let (columns, database) = try ParameterStorageTests.columns(of: fetch, constants: constants)
        #expect(columns == ["account_id 2", "app_id 2", "search 2"])
        try database.execute("INSERT INTO t (id) VALUES ('r1')")
        let read = try database.prepare("SELECT account_id, app_id, search FROM t")
        #expect(try read.step())
        #expect(read.row() == [.text("acc"), .text("app-1"), .null])
    }

    @Test func valuesThatDifferBetweenCallsAreStoredOnlyWhenRead() throws {
        let read = try ParameterStorageTests.fetch(
            "SELECT app_id, count(*) FROM \(ParameterStorageTests.recordings) WHERE account_id = 'acc' AND app_id IN ('a', 'b') GROUP BY app_id")
        #expect(ResourceLoader.constantParameters(read)["app_id"] == nil)
        #expect(try ParameterStorageTests.columns(of: read, constants: ResourceLoader.constantParameters(read)).columns
                == ["account_id 2", "app_id 0", "search 2"])
        // SQLite evaluates the IN again over the rows, so it reads app_id; a statement that reads no
        // parameter column stores none.
        let unread = try ParameterStorageTests.fetch(
            "SELECT count(*) FROM \(ParameterStorageTests.recordings) WHERE account_id = 'acc' AND app_id IN ('a', 'b')")
        #expect(unread.parametersRead == ["account_id", "app_id"])
        let loader = try TableLoader(database: try ScratchDatabase.open(), tableName: "t", fields: unread.resource.resource.fields,
                                     loading: unread.fieldsRead, parameters: unread.parameterColumns,
                                     storing: [], constants: ResourceLoader.constantParameters(unread))
        #expect(loader.storedParameters == [])
        #expect(loader.loadedColumns == [])
    }

    @Test func literalsRoundTripThroughSQLite() throws {
        let database = try ScratchDatabase.open()
        let values: [SQLValue] = [.null, .integer(-42), .real(1.5), .real(2), .real(1e300), .text("it's"), .blob([0xCA, 0xFE])]
        let select = try database.prepare("SELECT " + values.map(\.sqlLiteral).joined(separator: ", "))
        #expect(try select.step())
        #expect(select.row() == values)
    }
}
