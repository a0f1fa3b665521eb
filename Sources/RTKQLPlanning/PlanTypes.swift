import RTKQLProvider
import RTKQLSyntax

/// The plan of a SELECT: what to fetch for each resource reference, and the SQL SQLite then runs
/// over the fetched rows.
public struct SelectPlan: Sendable {
    /// One entry per resource reference in the statement, in source order.
    public var fetches: [ResourceFetch]
    /// The user's statement with each resource reference replaced by its materialized table, `*`
    /// spelled out as the resources' fields, and predicates on parameters that are not columns (paging,
    /// empty template values) replaced by `1`.
    public var sql: String
    /// The order the references are loaded in (indexes into `fetches`): a reference whose parameters
    /// are bound from another's rows comes after it.
    public var loadOrder: [Int]
}

/// The API calls that fill the table standing for one resource reference.
public struct ResourceFetch: Sendable {
    /// The SQLite table the rows are loaded into (`rtkql_ref_1`).
    public var tableName: String
    public var resource: ResolvedResource
    /// The method chosen for this reference.
    public var method: MethodDefinition
    /// One call per combination of fanned-out parameter values (empty when a predicate rules out every row).
    public var calls: [MethodCall]
    /// The reference as written (`cloudflare.realtime_kit.recordings r`).
    public var referenceText: String
    /// Why this method was chosen, for EXPLAIN.
    public var reason: String
    /// The fields the statement can read, in definition order: only these are extracted from the pages
    /// and stored (the table still has every field's column; the others stay NULL).
    public var fieldsRead: [String]
    /// The resource's parameter columns (the table has one column for each, after the fields).
    public var parameterColumns: [ParameterColumn] = []
    /// The parameter columns the statement can read: only these hold their calls' values (the others
    /// stay NULL, as unread fields do), so a listing does not store the same account and app in every row
    /// for nothing.
    public var parametersRead: [String] = []
    /// Queries over the tables loaded before this one whose rows give parameter values; each of their
    /// distinct rows (crossed with `calls`) makes one call. Empty when every parameter is bound from
    /// literals.
    public var drivers: [ParameterDriver] = []
    /// Where each bound parameter's value comes from, for EXPLAIN (`literal 'acc-1'`, `m.id of rtkql_ref_2`).
    public var parameterSources: [(name: String, source: String)] = []
    /// Set when the result cannot depend on rows past this many of the listing (see `RowLimit`): paging
    /// stops once they are in.
    public var rowLimit: Int?
    /// Set when the statement's ORDER BY is one the API can sort the listing by and a LIMIT bounds it (see
    /// `RowLimit.sorted`): the loader may then ask for that order and read only each call's first rows.
    public var sortedLimit: SortedLimit?
    /// The bound parameters SQLite checks again over the rows (provider data `checkedLocally`, with the
    /// statement's condition kept in its SQL): a held listing without them answers the calls.
    public var checkedLocally: Set<String> = []
    /// Set when the dependent calls may instead be one listing filtered locally (an optional parameter
    /// whose value is also a row field's): the cheaper choice is made once the values are known.
    public var listOnce: ListOnceAlternative?

    /// Whether the calls are only known once the tables this reference depends on are loaded.
    public var isDependent: Bool { !drivers.isEmpty }
}

/// A listing asked for in the order of a statement's ORDER BY, so that its LIMIT needs only the first rows of
/// each call.
public struct SortedLimit: Sendable, Hashable {
    /// The parameters that ask for the order: `sort_by` = `invokedTime`, `sort_order` = `DESC`.
    public var parameters: [String: ParameterValue]
    /// The rows each call must give (LIMIT plus OFFSET).
    public var rows: Int
    /// The order, for EXPLAIN: `invoked_time DESC`.
    public var ordering: String

    /// The calls of a fetch with the order asked for.
    public func applied(to calls: [MethodCall]) -> [MethodCall] {
        calls.map { call in
            var sorted = call
            sorted.parameters.merge(parameters) { _, new in new }
            return sorted
        }
    }
}

/// A query whose distinct rows bind some of a reference's parameters.
public struct ParameterDriver: Sendable {
    /// The parameters bound, in the order of the query's columns.
    public var parameters: [String]
    /// SQL over the scratch database's tables: `SELECT DISTINCT m."id" FROM rtkql_ref_2 AS m WHERE ...`.
    public var sql: String
    /// Where the values come from, for EXPLAIN (`m.id`, `IN (SELECT id FROM ...)`).
    public var origin: String
    /// The references (indexes into `SelectPlan.fetches`) whose tables the query reads.
    public var dependsOn: [Int]
}

/// The alternative to calling a method once per bound value: a method called without the parameters
/// SQLite can check itself (generated columns), chosen when its calls cost less by the methods' costs in
/// the provider data (calls × cost).
public struct ListOnceAlternative: Sendable {
    public var method: MethodDefinition
    /// The calls from literal bindings, before the row-bound parameters it keeps are added.
    public var calls: [MethodCall]
    /// The row-bound parameters the alternative still takes from the drivers.
    public var parameters: [String]
}

/// One invocation of a method with fully bound parameters.
public struct MethodCall: Sendable, Hashable {
    public var parameters: [String: ParameterValue]
    /// Set when every page must be fetched: the paging parameters and the page size to ask for.
    public var pagination: Pagination?
    public var pageSize: Int
    /// The values stored in the parameter columns of the rows this call returns, as written in the
    /// statement (or read from the driving rows).
    public var columnValues: [String: RawValue]

    public init(parameters: [String: ParameterValue], pagination: Pagination?, pageSize: Int, columnValues: [String: RawValue] = [:]) {
        self.parameters = parameters
        self.pagination = pagination
        self.pageSize = pageSize
        self.columnValues = columnValues
    }

    /// Calls are the same request whatever values they store.
    public static func == (left: MethodCall, right: MethodCall) -> Bool {
        left.parameters == right.parameters && left.pagination == right.pagination && left.pageSize == right.pageSize
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(parameters)
        hasher.combine(pagination)
        hasher.combine(pageSize)
    }

    /// The parameters for page `page` (1-based) when paginating; the parameters as bound otherwise.
    public func parameters(forPage page: Int) -> [String: ParameterValue] {
        guard let pagination else { return parameters }
        var copy = parameters
        copy[pagination.pageParameter] = .integer(Int64(page))
        copy[pagination.sizeParameter] = .integer(Int64(pageSize))
        return copy
    }
}
