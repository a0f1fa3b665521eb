import RTKQLPlanning
import RTKQLStorage
import RTKQLSyntax

/// Runs a planned SELECT: loads each reference's rows, then runs the rewritten SQL in SQLite.
struct SelectExecutor {
    let engine: Engine
    var arguments: StatementArguments = []

    /// Runs the plan; rows go to `sink` as SQLite produces them when given (the result then has none).
    func run(_ plan: SelectPlan, query: Query, sink: RowSink? = nil) async throws(RTKQLError) -> QueryResult {
        let database = try ScratchDatabase.open()
        var warnings: [String] = []
        var requests = 0
        for fetch in plan.fetches {
            let baseURL = engine.baseURL(for: fetch.resource.provider)
            try engine.checkTransportSecurity(baseURL)
            let loader = ResourceLoader(api: engine.apiClient, baseURL: baseURL, concurrency: engine.configuration.concurrency,
                                        pageLimit: engine.configuration.pageLimit, progress: engine.configuration.progress,
                                        allowPartial: engine.configuration.allowPartial)
            let report = try await loader.load(fetch, into: database)
            warnings += report.warnings
            requests += report.requests
        }
        var result = try SQLRunner.run(plan.sql, in: database, fetches: plan.fetches, query: query, arguments: arguments, sink: sink)
        result.warnings = warnings
        result.requestCount = requests
        return result
    }
}

/// Runs SQL in the scratch database and reads the whole result.
enum SQLRunner {
    static func run(_ sql: String, in database: Database, fetches: [ResourceFetch], query: Query?,
                    arguments: StatementArguments = [],
                    sink: RowSink? = nil) throws(RTKQLError) -> QueryResult {
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
            let columns = statement.columnNames
            sink?.columns(columns, jsonColumns)
            var rows: [[SQLValue]] = []
            while try statement.step() {
                if let sink { sink.row(statement.row()) } else { rows.append(statement.row()) }
            }
            var result = QueryResult(columns: columns, jsonColumns: jsonColumns, rows: rows)
            result.streamed = sink != nil
            return result
        } catch let error as DatabaseError {
            throw .sql(message: explain(error.message, fetches: fetches))
        } catch let error as RTKQLError {
            throw error
        } catch {
            throw .sql(message: "\(error)")
        }
    }

    /// Adds what the user can do about an unknown column: the nearest name, or that it is a parameter.
    static func explain(_ message: String, fetches: [ResourceFetch]) -> String {
        let prefix = "no such column: "
        guard message.hasPrefix(prefix), !fetches.isEmpty else { return message }
        let written = String(message.dropFirst(prefix.count))
        let column = written.split(separator: ".").last.map(String.init) ?? written
        let resources = fetches.map(\.resource)
        for resource in resources where resource.resource.parameter(named: column) != nil && resource.resource.field(named: column) == nil {
            return message + " (\(column) is a parameter of \(resource.fullName), not a column: use it in WHERE as `\(column) = value` or `\(column) IN (...)`)"
        }
        let candidates = resources.flatMap { $0.resource.fields.map(\.name) }
        if let suggestion = NameSuggester.nearest(to: column, in: candidates) {
            return message + "; did you mean \(suggestion)?"
        }
        return message
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
