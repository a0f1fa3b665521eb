import Foundation
import RTKQLStorage

/// Answers the `pg_catalog` and `information_schema` queries clients send (psql's `\dt` and `\d`,
/// drivers' type lookups) from the provider catalogue, by recognising them: each output expression of the
/// query is given the value it has for a resource or field, and the rows are filtered by the relation
/// names, patterns and OIDs the query's WHERE clause mentions. A catalog query not recognised gets no rows,
/// with the columns it asked for — what PostgreSQL answers about objects that do not exist.
struct CatalogQueries: Sendable {
    let catalog: CatalogSnapshot
    let user: String

    /// True when the query reads PostgreSQL's catalog rather than a resource.
    static func isCatalogQuery(_ query: String) -> Bool {
        let lower = query.lowercased()
        return lower.contains("pg_catalog.") || lower.contains("information_schema.")
            || lower.range(of: #"\bpg_(class|type|namespace|attribute|database|settings|roles|user|proc|index)\b"#,
                           options: .regularExpression) != nil
    }

    /// The answer to a catalog query.
    func answer(_ query: String) -> LocalResult {
        let lower = query.lowercased()
        let list = SelectList(query)?.items ?? []
        let limit = Self.capture(#"\blimit\s+(\d+)\s*;?\s*$"#, in: lower).flatMap { Int($0) }
        if lower.contains("information_schema.columns") {
            return rows(list, for: catalog.tables.flatMap { table in
                table.columns.enumerated().map { Context(table: table, column: $1, position: $0 + 1) }
            }.filter { matches($0, lower) }, limit: limit)
        }
        if lower.contains("information_schema.tables") || lower.contains("pg_catalog.pg_tables") {
            return rows(list, for: catalog.tables.map { Context(table: $0) }.filter { matches($0, lower) }, limit: limit)
        }
        if lower.contains("from pg_catalog.pg_attribute a") {
            return rows(list, for: tables(lower).flatMap { table in
                table.columns.enumerated().map { Context(table: table, column: $1, position: $0 + 1) }
            })
        }
        if lower.contains("from pg_catalog.pg_class c") && !lower.contains("pg_catalog.pg_inherits")
            && (lower.contains("c.relkind") || lower.contains("c.relname") || lower.contains("c.oid =")) {
            return rows(list, for: tables(lower).map { Context(table: $0) })
        }
        return rows(list, for: [])
    }

    /// What one row describes: a table, or a column of it.
    private struct Context {
        var table: CatalogSnapshot.Table
        var column: CatalogSnapshot.Column?
        var position = 0
    }

    /// The tables a pg_class query selects: by OID (`c.oid = '16384'`), by name patterns
    /// (`c.relname OPERATOR(pg_catalog.~) '^(recordings)$'`), and only ordinary tables when it filters on relkind.
    private func tables(_ query: String) -> [CatalogSnapshot.Table] {
        var tables = catalog.tables
        if let oid = Self.capture(#"(?:c\.oid|a\.attrelid)\s*=\s*'?(\d+)'?"#, in: query).flatMap({ Int($0) }) {
            tables = tables.filter { $0.oid == oid }
        }
        if let pattern = Self.capture(#"c\.relname\s+(?:operator\(pg_catalog\.~\)|~)\s+'([^']*)'"#, in: query) {
            tables = tables.filter { Self.regexMatches(pattern, $0.name) }
        }
        if let pattern = Self.capture(#"n\.nspname\s+(?:operator\(pg_catalog\.~\)|~)\s+'([^']*)'"#, in: query) {
            tables = tables.filter { Self.regexMatches(pattern, $0.schema) }
        }
        if query.contains("c.relkind in"), !(Self.capture(#"c\.relkind in \(([^)]*)\)"#, in: query)?.contains("'r'") ?? true) {
            return []
        }
        return tables.sorted { ($0.schema, $0.name) < ($1.schema, $1.name) }
    }

    /// Keeps information_schema rows whose table or schema the query names (`table_name = 'recordings'`).
    private func matches(_ context: Context, _ query: String) -> Bool {
        if let name = Self.capture(#"table_name\s*=\s*'([^']*)'"#, in: query), name != context.table.name { return false }
        if let schema = Self.capture(#"table_schema\s*=\s*'([^']*)'"#, in: query), schema != context.table.schema { return false }
        return true
    }

    private func rows(_ items: [SelectList.Item], for contexts: [Context], limit: Int? = nil) -> LocalResult {
        let columns = items.map { LocalResult.Column(name: $0.name, type: Self.type(of: $0)) }
        let kept = limit.map { Array(contexts.prefix($0)) } ?? contexts
        return .rows(columns, kept.map { context in items.map { value(of: $0, for: context) } })
    }

    /// The value of one output expression for one table or column.
    private func value(of item: SelectList.Item, for context: Context) -> SQLValue {
        let table = context.table
        let expression = item.expression
        switch item.name {
        case "Schema", "table_schema", "nspname", "schemaname": return .text(table.schema)
        case "Name", "table_name", "relname", "tablename": return .text(table.name)
        case "Type": return .text("table")
        case "Owner", "tableowner": return .text(user)
        case "Persistence": return .text("permanent")
        case "Access method": return .text("heap")
        case "Size": return .text("0 bytes")
        case "Description": return .text(table.description)
        case "table_catalog": return .text("rtkql")
        case "table_type": return .text("BASE TABLE")
        case "column_name", "attname": return .text(context.column?.name ?? "")
        case "ordinal_position", "attnum": return .integer(Int64(context.position))
        case "data_type", "format_type", "udt_name": return .text(context.column?.type.name ?? "")
        case "is_nullable": return .text("YES")
        case "oid": return .integer(Int64(table.oid))
        case "relkind": return .text("r")
        case "relpersistence": return .text("p")
        case "relreplident": return .text("d")
        case "amname": return .text("heap")
        case "relchecks", "reltablespace": return .integer(0)
        case "col_description": return context.column.map { .text($0.description) } ?? .null
        case "attstorage": return .text("x")
        case "attidentity", "attgenerated", "?column?": return expression == "''" ? .text("") : .null
        default:
            if expression.hasPrefix("c.relhas") || expression.hasPrefix("c.relforce") || expression.hasPrefix("c.relrow")
                || expression.hasPrefix("c.relispartition") || expression == "false" || expression.hasPrefix("a.attnotnull") {
                return .integer(0)
            }
            if expression.hasPrefix("case when c.reloftype") { return .text("") }
            // A function of one column (`quote_ident(table_name) AS "table"`): the column's value.
            if let inner = Self.capture(#"^[a-z_.]+\(\s*(?:[a-z_]+\.)?([a-z_]+)\s*\)$"#, in: expression), inner != item.name {
                return value(of: SelectList.Item(expression: inner, name: inner), for: context)
            }
            return .null
        }
    }

    private static func type(of item: SelectList.Item) -> PostgresType {
        switch item.name {
        case "oid": return .oid
        case "ordinal_position", "attnum", "relchecks", "reltablespace": return .int4
        default:
            if item.expression.hasPrefix("c.relhas") || item.expression.hasPrefix("c.relforce") || item.expression.hasPrefix("c.relrow")
                || item.expression.hasPrefix("c.relispartition") || item.expression == "false"
                || item.expression.hasPrefix("a.attnotnull") {
                return .bool
            }
            return .text
        }
    }

    private static func capture(_ pattern: String, in text: String) -> String? {
        guard let regex = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive]),
              let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
              let range = Range(match.range(at: 1), in: text) else { return nil }
        return String(text[range])
    }

    private static func regexMatches(_ pattern: String, _ name: String) -> Bool {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return false }
        return regex.firstMatch(in: name, range: NSRange(name.startIndex..., in: name)) != nil
    }
}
