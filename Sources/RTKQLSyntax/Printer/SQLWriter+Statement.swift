extension SQLWriter {
    static let intoKeyword = KeywordTable(["INTO"])
    static let extendedKeyword = KeywordTable(["EXTENDED"])

    mutating func write(_ statement: Statement) {
        switch statement {
        case .select(let query):
            write(query)
        case .replace(let body):
            // A resource named `into` would read as REPLACE's optional INTO: then INTO is written.
            let first = body.resource.name.parts.first
            append(first.map { !$0.quoted && SQLWriter.intoKeyword.contains($0.value) } == true ? "REPLACE INTO " : "REPLACE ")
            write(body)
        case .update(let body):
            append("UPDATE ")
            write(body)
        case .insert(let insert):
            write(insert)
        case .delete(let delete):
            write(delete)
        case .exec(let exec):
            write(exec)
        case .show(let show):
            write(show)
        case .describe(let describe):
            write(describe)
        case .explain(let inner):
            append("EXPLAIN ")
            write(inner)
        case .use(let provider):
            append("USE ")
            name(provider)
        case .registryList(let provider):
            append("REGISTRY LIST")
            if let provider {
                append(" ")
                name(provider)
            }
        case .purge(let resource):
            append("PURGE")
            if let resource {
                append(" ")
                name(resource)
            }
        }
    }

    /// The body of REPLACE or UPDATE: `resource [AS alias] SET ... [WHERE ...] [RETURNING ...]`.
    mutating func write(_ body: ReplaceStatement) {
        write(body.resource)
        append(" SET ")
        list(body.assignments) { writer, assignment in
            writer.name(assignment.column)
            writer.append(" = ")
            writer.write(assignment.value)
        }
        writeWhere(body.whereClause)
        writeReturning(body.returning)
    }

    /// `INSERT INTO resource [AS alias] [(columns)] query [RETURNING ...]`
    mutating func write(_ insert: InsertStatement) {
        append("INSERT INTO ")
        write(insert.resource)
        if !insert.columns.isEmpty {
            append(" (")
            list(insert.columns) { $0.name($1) }
            append(")")
        }
        append(" ")
        write(insert.source)
        writeReturning(insert.returning)
    }

    /// `DELETE FROM resource [AS alias] [WHERE ...] [RETURNING ...]`
    mutating func write(_ delete: DeleteStatement) {
        append("DELETE FROM ")
        write(delete.resource)
        writeWhere(delete.whereClause)
        writeReturning(delete.returning)
    }

    /// `EXEC method @a = v, ... [, @@json = '...'] [FROM (query)] [RETURNING ...]`
    mutating func write(_ exec: ExecStatement) {
        append("EXEC ")
        name(exec.method)
        var separator = " "
        for argument in exec.arguments {
            append(separator)
            append("@")
            append(argument.name.value)
            append(" = ")
            write(argument.value)
            separator = ", "
        }
        if let body = exec.jsonBody {
            append(separator)
            append("@@json = ")
            string(body)
        }
        if let source = exec.source {
            append(" FROM (")
            write(source)
            append(")")
        }
        writeReturning(exec.returning)
    }

    /// `SHOW [EXTENDED] kind [IN target] [LIKE 'pattern']`
    mutating func write(_ show: ShowStatement) {
        append(show.extended ? "SHOW EXTENDED " : "SHOW ")
        append(show.kind.rawValue)
        if let target = show.target {
            append(" IN ")
            name(target)
        }
        if let like = show.like {
            append(" LIKE ")
            string(like)
        }
    }

    /// `DESCRIBE [EXTENDED] resource`
    mutating func write(_ describe: DescribeStatement) {
        if describe.extended {
            append("DESCRIBE EXTENDED ")
            name(describe.resource)
        } else {
            append("DESCRIBE ")
            name(describe.resource, avoiding: SQLWriter.extendedKeyword)
        }
    }

    private mutating func writeWhere(_ condition: Expression?) {
        guard let condition else { return }
        append(" WHERE ")
        write(condition)
    }

    private mutating func writeReturning(_ columns: [ResultColumn]?) {
        guard let columns else { return }
        append(" RETURNING ")
        writeResultColumns(columns)
    }
}
