import RTKQLPlanning
import RTKQLStorage
import RTKQLSyntax

/// A SELECT whose rows are loaded and whose SQL is prepared: its rows are read from `source`.
struct OpenSelect: Sendable {
    var source: RowSource
    var warnings: [String]
    /// Requests sent to load the references.
    var requestCount: Int
    /// Pages answered from the session's cache (or by an identical request in flight) instead.
    var answeredFromCache = 0
}

/// Runs a planned SELECT: loads each reference's rows into a scratch database, then prepares the
/// rewritten SQL there; SQLite produces the rows as they are read.
struct SelectExecutor: Sendable {
    let engine: Engine
    var arguments: StatementArguments = []
    let control: StatementControl

    /// Loads every reference and prepares the statement, under the statement's control (cancellation and
    /// time limit reach the transfers, and SQLite through its progress handler).
    func open(_ plan: SelectPlan, query: Query) async throws(RTKQLError) -> OpenSelect {
        let engine = self.engine
        let arguments = self.arguments
        let control = self.control
        return try await control.run { () async throws(RTKQLError) -> OpenSelect in
            let database = try ScratchDatabase.open(limits: engine.configuration.storageLimits)
            database.interrupt { control.shouldStop }
            var warnings: [String] = []
            var requests = 0
            var cached = 0
            for index in plan.loadOrder {
                try control.check()
                let fetch = try DependentFetch.bind(plan.fetches[index], in: database, maximumCalls: engine.configuration.maxCalls)
                let baseURL = engine.baseURL(for: fetch.resource.provider)
                try engine.checkTransportSecurity(baseURL)
                let loader = ResourceLoader(api: engine.apiClient, baseURL: baseURL, concurrency: engine.configuration.concurrency,
                                            pageLimit: engine.configuration.pageLimit, progress: engine.configuration.progress,
                                            allowPartial: engine.configuration.allowPartial, reads: control.reads)
                let report = try await loader.load(fetch, into: database)
                warnings += report.warnings
                requests += report.requests
                cached += report.answeredFromCache
            }
            try control.check()
            let source = try RowSource(database: database) { database throws(RTKQLError) in
                try SQLRunner.prepare(plan.sql, in: database, fetches: plan.fetches, query: query, arguments: arguments)
            }
            return OpenSelect(source: source, warnings: warnings, requestCount: requests, answeredFromCache: cached)
        }
    }
}

/// Prepares SQL over a scratch database, read-only and with its bound parameters.
enum SQLRunner {
    /// A prepared statement and which of its columns hold JSON.
    struct Prepared {
        var statement: PreparedStatement
        var jsonColumns: [Bool]
    }

    static func prepare(_ sql: String, in database: Database, fetches: [ResourceFetch], query: Query?,
                        arguments: StatementArguments = []) throws(RTKQLError) -> Prepared {
        do {
            database.allowOnlyReads()
            let statement = try database.prepare(sql)
            for index in 0..<statement.parameterCount {
                let name = statement.parameterName(at: index + 1) ?? "?\(index + 1)"
                guard let value = arguments.value(forParameter: name) else {
                    throw RTKQLError.invalid(message: "no value for bound parameter \(name)")
                }
                try statement.bind(value, at: Int32(index + 1))
            }
            guard statement.isReadOnly else {
                throw RTKQLError.invalid(message: "only read-only SELECT statements run over resources")
            }
            let count = statement.columnCount
            let hints = query.map(JSONColumnHints.hints(for:)) ?? []
            let jsonColumns = (0..<count).map { index in
                (statement.declaredType(at: index)?.uppercased().contains("JSON") ?? false)
                    || (hints.count == count && hints[index])
            }
            return Prepared(statement: statement, jsonColumns: jsonColumns)
        } catch let error as DatabaseError {
            throw .database(error)
        } catch {
            throw RTKQLError.storage(error)
        }
    }

    /// Prepares and reads every row at once: for the small results of operations (RETURNING, EXEC).
    static func run(_ sql: String, in database: Database) throws(RTKQLError) -> QueryResult {
        let prepared = try prepare(sql, in: database, fetches: [], query: nil)
        var rows: [[SQLValue]] = []
        do {
            while try prepared.statement.step() { rows.append(prepared.statement.row()) }
        } catch {
            throw RTKQLError.storage(error)
        }
        return QueryResult(columns: prepared.statement.columnNames, jsonColumns: prepared.jsonColumns, rows: rows)
    }
}

/// Which result columns of a query produce JSON documents, judged from the select list
/// (`->`, `json(...)`, `json_object(...)`...). Empty when the list has `*`.
enum JSONColumnHints {
    static func hints(for query: Query) -> [Bool] {
        var body = query.body
        while case .compound(let left, _, _) = body { body = left }
        guard case .select(let core) = body else { return [] }
        var hints: [Bool] = []
        for column in core.columns {
            guard case .expression(let expression, _) = column else { return [] }
            hints.append(producesJSON(expression))
        }
        return hints
    }

    static func producesJSON(_ expression: Expression) -> Bool {
        switch expression.kind {
        case .binary(_, .jsonExtract, _):
            return true
        case .function(let call):
            let name = call.name.normalized
            return ["json", "json_object", "json_array", "json_group_array", "json_group_object", "json_set",
                    "json_insert", "json_replace", "json_remove", "json_patch"].contains(name)
        case .parenthesized(let items) where items.count == 1:
            return producesJSON(items[0])
        default:
            return false
        }
    }
}

/// Receives a SELECT's rows one at a time, as SQLite produces them.
public struct RowSink {
    /// Called once, before any row, with the column names and which of them hold JSON.
    public var columns: (_ names: [String], _ jsonColumns: [Bool]) -> Void
    /// Called with each row's values, in order.
    public var row: (_ values: [SQLValue]) -> Void

    public init(columns: @escaping (_ names: [String], _ jsonColumns: [Bool]) -> Void, row: @escaping (_ values: [SQLValue]) -> Void) {
        self.columns = columns
        self.row = row
    }
}
