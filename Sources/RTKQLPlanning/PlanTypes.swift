import RTKQLProvider
import RTKQLSyntax

/// The plan of a SELECT: what to fetch for each resource reference, and the SQL SQLite then runs
/// over the fetched rows.
public struct SelectPlan: Sendable {
    /// One entry per resource reference in the statement, in source order.
    public var fetches: [ResourceFetch]
    /// The user's statement with each resource reference replaced by its materialized table and
    /// each consumed parameter predicate replaced by `1`.
    public var sql: String
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
}

/// One invocation of a method with fully bound parameters.
public struct MethodCall: Sendable, Hashable {
    public var parameters: [String: ParameterValue]
    /// Set when every page must be fetched: the paging parameters and the page size to ask for.
    public var pagination: Pagination?
    public var pageSize: Int

    public init(parameters: [String: ParameterValue], pagination: Pagination?, pageSize: Int) {
        self.parameters = parameters
        self.pagination = pagination
        self.pageSize = pageSize
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
