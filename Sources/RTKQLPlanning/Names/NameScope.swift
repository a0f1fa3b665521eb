import RTKQLSyntax

/// Something a FROM clause reads from, as name resolution sees it.
struct NameSource {
    /// The name columns are qualified with: the alias, else the table's own (last) name; nil for an
    /// unaliased subquery. Lower-cased.
    var name: String?
    /// The columns, lower-cased, in order; nil when they cannot be known from the tree.
    var columns: [String]?
    /// The resource reference this source stands for, if it is one (its range identifies it).
    var resource: SourceRange?
    /// The range of the FROM item (table reference, subquery or table function) this source is.
    var item: SourceRange?

    /// Whether the source certainly has, or may have, a column called `column` (lower-cased).
    func mayHave(_ column: String) -> Bool {
        guard let columns else { return true }
        return columns.contains(column) || (resource != nil && NameSource.rowidNames.contains(column))
    }

    /// The implicit columns of every ordinary table (resources are loaded into ordinary tables).
    static let rowidNames: Set<String> = ["rowid", "oid", "_rowid_"]
}

/// The names visible in one SELECT: its FROM sources, the aliases of its result columns, and the
/// scope it is nested in (for correlated references).
final class NameScope {
    let parent: NameScope?
    var sources: [NameSource] = []
    /// Result-column aliases (SQLite lets WHERE, GROUP BY, HAVING and ORDER BY use them). Lower-cased.
    var aliases: Set<String> = []
    /// Common table expressions visible here, by lower-cased name: their columns when known.
    var tables: [String: [String]?]

    init(parent: NameScope?, tables: [String: [String]?]? = nil) {
        self.parent = parent
        self.tables = tables ?? parent?.tables ?? [:]
    }

    /// This scope and the ones it is nested in, innermost first.
    var chain: [NameScope] {
        var scopes: [NameScope] = []
        var scope: NameScope? = self
        while let current = scope {
            scopes.append(current)
            scope = current.parent
        }
        return scopes
    }
}
