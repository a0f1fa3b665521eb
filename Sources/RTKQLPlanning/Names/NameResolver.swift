import RTKQLSyntax

/// A column reference that names nothing in scope.
public struct UnresolvedColumn: Sendable, Equatable {
    /// As written: `invoke_time`, `r.invoke_time`.
    public var name: String
    /// The column's own name (the last part).
    public var column: String
    public var range: SourceRange
    /// Column names visible where it was written, for suggesting the nearest.
    public var candidates: [String]
}

/// What name resolution on a statement's tree finds: which fields of each resource reference the
/// statement can read, and the column references that resolve to nothing.
public struct NameAnalysis: Sendable {
    /// For each resource reference (by the range of its table reference): the lower-cased fields read.
    public var fieldsRead: [SourceRange: Set<String>] = [:]
    /// References that certainly name no column in scope, in source order.
    public var unresolved: [UnresolvedColumn] = []
    /// For each column reference (by its range) that names one FROM source for certain: that source.
    public var columnSources: [SourceRange: ColumnSource] = [:]
}

/// The FROM source a column reference names.
public struct ColumnSource: Sendable, Hashable {
    /// The range of the FROM item (table reference, subquery or table function).
    public var item: SourceRange
    /// Set when the item is a resource reference (the range of its table reference).
    public var resource: SourceRange?
    /// The column's own name, lower-cased.
    public var column: String
}

/// Resolves the names of a query on its syntax tree, scope by scope, as SQLite does: FROM sources
/// (resources, CTEs, subqueries, table-valued functions), result-column aliases, and enclosing scopes
/// for correlated subqueries.
///
/// It errs towards reading: where a name could bind to a resource field (an unqualified name while some
/// source's columns are unknown, say), the field counts as read. A reference is reported unresolved
/// only when every source in scope has known columns and none, nor any alias, has the name.
struct NameResolver {
    /// The columns of each resource reference, by the range of its table reference (lower-cased).
    let resourceColumns: [SourceRange: [String]]
    private(set) var analysis = NameAnalysis()

    init(resourceColumns: [SourceRange: [String]]) {
        self.resourceColumns = resourceColumns
        for range in resourceColumns.keys { analysis.fieldsRead[range] = [] }
    }

    /// Resolves every name of `query`.
    static func analyse(_ query: Query, resourceColumns: [SourceRange: [String]]) -> NameAnalysis {
        var resolver = NameResolver(resourceColumns: resourceColumns)
        _ = resolver.resolve(query, in: nil)
        return resolver.analysis
    }

    /// Resolves `query` nested in `parent`; returns its output column names (nil when unknown).
    @discardableResult
    mutating func resolve(_ query: Query, in parent: NameScope?) -> [String]? {
        let scope = NameScope(parent: parent)
        if let with = query.with {
            for table in with.tables {
                let name = table.name.normalized
                let declared = table.columns.isEmpty ? nil : table.columns.map(\.normalized)
                if with.recursive {
                    // The recursive part sees the table with the columns of its first (non-recursive) arm.
                    let columns: [String]? = declared ?? outputNames(firstArm(of: table.query.body))
                    scope.tables[name] = .some(columns)
                }
                let output = resolve(table.query, in: scope)
                let columns: [String]? = declared ?? output
                scope.tables[name] = .some(columns)
            }
        }
        let (output, firstCore) = resolve(query.body, in: scope)
        for term in query.orderBy {
            if let firstCore {
                // A simple SELECT's ORDER BY sees its FROM columns and aliases; a compound's, its output.
                resolve(term.expression, in: firstCore, extraNames: Set(output ?? []))
            } else {
                resolve(term.expression, in: scope, extraNames: Set(output ?? []))
            }
        }
        if let limit = query.limit { resolve(limit, in: scope) }
        if let offset = query.offset { resolve(offset, in: scope) }
        return output
    }

    /// Resolves a query body; returns its output names and, for a single SELECT, its scope.
    private mutating func resolve(_ body: SetExpression, in scope: NameScope) -> ([String]?, NameScope?) {
        switch body {
        case .select(let core):
            return resolve(core, in: scope)
        case .values(let rows, _):
            for row in rows { for item in row { resolve(item, in: scope) } }
            return (rows.first.map { row in (1...max(1, row.count)).map { "column\($0)" } }, nil)
        case .compound(let left, _, let right):
            let (output, _) = resolve(left, in: scope)
            _ = resolve(right, in: scope)
            return (output, nil)
        }
    }

    private mutating func resolve(_ core: SelectCore, in parent: NameScope) -> ([String]?, NameScope?) {
        let scope = NameScope(parent: parent)
        if let from = core.from { addSources(from, to: scope) }
        for column in core.columns {
            if case .expression(_, let alias?) = column { scope.aliases.insert(alias.normalized) }
        }
        var output: [String]? = []
        for column in core.columns {
            switch column {
            case .all:
                for source in scope.sources { readAll(of: source) }
                if let columns = allColumns(scope.sources) { output? += columns } else { output = nil }
            case .allOf(let table, _):
                let source = scope.sources.first { $0.name == table.normalized }
                if let source { readAll(of: source) }
                if let columns = source?.columns { output? += columns } else { output = nil }
            case .expression(let expression, let alias):
                resolve(expression, in: scope)
                output?.append(alias?.normalized ?? Self.implicitName(of: expression))
            }
        }
        if let whereClause = core.whereClause { resolve(whereClause, in: scope) }
        for expression in core.groupBy { resolve(expression, in: scope) }
        if let having = core.having { resolve(having, in: scope) }
        for window in core.windows { resolve(window.specification, in: scope) }
        return (output, scope)
    }

    // MARK: FROM

    private mutating func addSources(_ table: TableExpression, to scope: NameScope) {
        switch table {
        case .table(let reference):
            let name = (reference.alias ?? reference.name.last!).normalized
            if let columns = resourceColumns[reference.range] {
                scope.sources.append(NameSource(name: name, columns: columns, resource: reference.range, item: reference.range))
            } else if reference.name.parts.count == 1, let columns = scope.tables[reference.name.parts[0].normalized] {
                scope.sources.append(NameSource(name: name, columns: columns, item: reference.range))
            } else {
                scope.sources.append(NameSource(name: name, columns: nil, item: reference.range))
            }
        case .subquery(let query, let alias, let range):
            let output = resolve(query, in: scope.parent)
            scope.sources.append(NameSource(name: alias?.normalized, columns: output, item: range))
        case .function(let name, let arguments, let alias, let range):
            // Arguments see the tables to their left: `FROM r, json_each(r.meeting)`.
            for argument in arguments { resolve(argument, in: scope) }
            let function = name.last?.normalized ?? ""
            scope.sources.append(NameSource(name: (alias ?? name.last)?.normalized, columns: Self.tableFunctionColumns[function],
                                            item: range))
        case .parenthesized(let inner, _):
            addSources(inner, to: scope)
        case .join(let left, let join, let right, let constraint):
            addSources(left, to: scope)
            let leftCount = scope.sources.count
            addSources(right, to: scope)
            let leftSources = Array(scope.sources[..<leftCount])
            let rightSources = Array(scope.sources[leftCount...])
            if join.natural {
                for source in leftSources + rightSources { readAll(of: source) }
            }
            switch constraint {
            case .on(let condition)?:
                resolve(condition, in: scope)
            case .using(let columns)?:
                for column in columns.map(\.normalized) {
                    for source in leftSources + rightSources where source.columns?.contains(column) ?? false {
                        read(column, of: source)
                    }
                }
            case nil:
                break
            }
        }
    }

    /// The columns of SQLite's built-in table-valued functions (hidden ones included).
    static let tableFunctionColumns: [String: [String]] = [
        "json_each": ["key", "value", "type", "atom", "id", "parent", "fullkey", "path", "json", "root"],
        "json_tree": ["key", "value", "type", "atom", "id", "parent", "fullkey", "path", "json", "root"],
    ]

    // MARK: Expressions

    private mutating func resolve(_ specification: WindowSpecification, in scope: NameScope) {
        for expression in specification.partitionBy { resolve(expression, in: scope) }
        for term in specification.orderBy { resolve(term.expression, in: scope) }
    }

    /// Resolves every column reference of `expression` (and walks its subqueries) in `scope`;
    /// `extraNames` are names that resolve too (a compound's output columns in its ORDER BY).
    mutating func resolve(_ expression: Expression, in scope: NameScope, extraNames: Set<String> = []) {
        switch expression.kind {
        case .column(let name):
            resolve(column: name, range: expression.range, in: scope, extraNames: extraNames)
        case .inSubquery(let operand, _, let query):
            resolve(operand, in: scope, extraNames: extraNames)
            resolve(query, in: scope)
        case .exists(_, let query), .subquery(let query):
            resolve(query, in: scope)
        case .inTable(let operand, _, _, let arguments):
            // `x IN cte` reads the CTE's only column, which is not a resource's.
            resolve(operand, in: scope, extraNames: extraNames)
            for argument in arguments ?? [] { resolve(argument, in: scope, extraNames: extraNames) }
        case .function(let call):
            for argument in call.arguments { resolve(argument, in: scope, extraNames: extraNames) }
            for term in call.orderBy { resolve(term.expression, in: scope, extraNames: extraNames) }
            if let filter = call.filter { resolve(filter, in: scope, extraNames: extraNames) }
            if let over = call.over { resolve(over, in: scope) }
        default:
            for child in ExpressionWalker.children(of: expression) { resolve(child, in: scope, extraNames: extraNames) }
        }
    }

    private mutating func resolve(column name: QualifiedName, range: SourceRange, in scope: NameScope, extraNames: Set<String>) {
        guard let last = name.parts.last else { return }
        let column = last.normalized
        let qualifier = name.parts.dropLast().last?.normalized
        if let qualifier {
            for current in scope.chain {
                guard let source = current.sources.first(where: { $0.name == qualifier }) else { continue }
                if source.mayHave(column) {
                    read(column, of: source)
                    located(range, column: column, in: source)
                } else {
                    unresolved(name, column: column, range: range, candidates: source.columns ?? [])
                }
                return
            }
            // No source of that name: SQLite reports the whole reference as no such column.
            if scope.chain.allSatisfy({ $0.sources.allSatisfy { $0.name != nil } }) {
                unresolved(name, column: column, range: range, candidates: [])
            }
            return
        }
        if extraNames.contains(column) { return }
        var certain = true
        for current in scope.chain {
            let matching = current.sources.filter { $0.columns?.contains(column) ?? false
                || ($0.resource != nil && NameSource.rowidNames.contains(column)) }
            if current.sources.contains(where: { $0.columns == nil }) { certain = false }
            // A FROM column wins over a result-column alias of the same name (`SELECT invoked_time AS
            // invoked_time`, `WHERE a = 5` beside `a * 10 AS a`), as in SQLite: the field is read. Where the
            // alias might be meant (GROUP BY, HAVING), the reference is not pinned to the source.
            let aliased = current.aliases.contains(column)
            if !matching.isEmpty {
                for source in matching { read(column, of: source) }
                if certain, !aliased, matching.count == 1 { located(range, column: column, in: matching[0]) }
                if certain || aliased { return }
            }
            if aliased { return }
        }
        // Written quoted, an unknown name may be a string to SQLite (its double-quoted-string fallback).
        guard certain, !last.quoted else { return }
        let candidates = scope.chain.flatMap { $0.sources.flatMap { $0.columns ?? [] } + $0.aliases.sorted() }
        unresolved(name, column: column, range: range, candidates: candidates)
    }

    private mutating func unresolved(_ name: QualifiedName, column: String, range: SourceRange, candidates: [String]) {
        var unique: [String] = []
        for candidate in candidates where !unique.contains(candidate) { unique.append(candidate) }
        analysis.unresolved.append(UnresolvedColumn(name: name.parts.map(\.value).joined(separator: "."), column: column,
                                                    range: range, candidates: unique))
    }

    private mutating func located(_ range: SourceRange, column: String, in source: NameSource) {
        guard let item = source.item else { return }
        analysis.columnSources[range] = ColumnSource(item: item, resource: source.resource, column: column)
    }

    private mutating func read(_ column: String, of source: NameSource) {
        guard let resource = source.resource, source.columns?.contains(column) ?? false else { return }
        analysis.fieldsRead[resource, default: []].insert(column)
    }

    private mutating func readAll(of source: NameSource) {
        guard let resource = source.resource, let columns = source.columns else { return }
        analysis.fieldsRead[resource, default: []].formUnion(columns)
    }

    // MARK: Output names

    private func allColumns(_ sources: [NameSource]) -> [String]? {
        var columns: [String] = []
        for source in sources {
            guard let more = source.columns else { return nil }
            columns += more
        }
        return columns
    }

    private func firstArm(of body: SetExpression) -> SetExpression {
        if case .compound(let left, _, _) = body { return firstArm(of: left) }
        return body
    }

    /// Output names of a body without resolving it (for a recursive CTE's own columns).
    private func outputNames(_ body: SetExpression) -> [String]? {
        guard case .select(let core) = body else { return nil }
        var names: [String] = []
        for column in core.columns {
            guard case .expression(let expression, let alias) = column else { return nil }
            names.append(alias?.normalized ?? Self.implicitName(of: expression))
        }
        return names
    }

    /// The name SQLite gives a result column without an alias: a column's own name; otherwise a name no
    /// reference can match.
    static func implicitName(of expression: Expression) -> String {
        if case .column(let name) = Conjuncts.unwrapped(expression).kind, let last = name.last { return last.normalized }
        return "\u{0}expression"
    }
}
