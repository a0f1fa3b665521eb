import RTKQLSyntax

/// Spells out `*` and `t.*` over resource references as the resources' fields in their documented
/// order, so parameter columns stay out of them, as SQLite's hidden columns do.
///
/// Where `*` cannot be spelled out exactly — a NATURAL join (whose matching columns would then include
/// parameter columns), or a USING join whose right side's columns are unknown — the resource references of
/// that SELECT are instead read through a subquery of their fields: `*` is then exact, and their
/// parameter columns are not available in that SELECT.
enum StarExpansion {
    /// The references (indexes into the collector's references) to read through a fields-only subquery.
    static func wrappedReferences(_ collector: ScopeCollector) -> Set<Int> {
        var wrapped = Set<Int>()
        for core in collector.cores {
            let resources = core.sources.compactMap(\.reference)
            guard !resources.isEmpty else { continue }
            for source in core.sources where source.natural {
                if let reference = source.reference { wrapped.insert(reference) }
            }
            let hasStar = core.columns.contains { if case .all = $0 { return true } else { return false } }
            if hasStar && !isSpelledOut(core) { wrapped.formUnion(resources) }
        }
        return wrapped
    }

    /// Whether `*` in `core` can be written as a list of qualified columns.
    private static func isSpelledOut(_ core: CoreScope) -> Bool {
        core.sources.allSatisfy { source in
            !source.natural && source.name != nil && (source.reference != nil || source.usingColumns.isEmpty)
        }
    }

    /// The edits replacing `*` and `t.*` where they cover resource references.
    static func edits(_ collector: ScopeCollector, wrapped: Set<Int>, fields: (Int) -> [String]) -> [TextEdit] {
        var edits: [TextEdit] = []
        for core in collector.cores {
            guard core.sources.contains(where: { $0.reference.map { !wrapped.contains($0) } ?? false }) else { continue }
            for column in core.columns {
                switch column {
                case .all(let range):
                    guard isSpelledOut(core) else { continue }
                    let items = core.sources.flatMap { source -> [String] in
                        let qualifier = SQLName.quoted(source.name!)
                        guard let reference = source.reference, !wrapped.contains(reference) else { return ["\(qualifier).*"] }
                        return fields(reference).filter { !source.usingColumns.contains($0.lowercased()) }
                            .map { "\(qualifier).\(SQLName.quoted($0))" }
                    }
                    edits.append(TextEdit(range: range, replacement: items.joined(separator: ", ")))
                case .allOf(let table, let range):
                    guard let source = core.sources.first(where: { $0.name == table.normalized }),
                          let reference = source.reference, !wrapped.contains(reference) else { continue }
                    let qualifier = table.description
                    edits.append(TextEdit(range: range, replacement: fields(reference).map { "\(qualifier).\(SQLName.quoted($0))" }
                        .joined(separator: ", ")))
                case .expression:
                    break
                }
            }
        }
        return edits
    }
}
