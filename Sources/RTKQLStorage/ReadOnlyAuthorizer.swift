import CSQLite

extension Database {
    /// From now on, lets statements only read: any write, schema change, ATTACH/DETACH, PRAGMA,
    /// transaction control, and functions that reach outside the database (`load_extension`,
    /// `readfile`, `writefile`...) are refused at prepare time with "not authorized".
    ///
    /// Like GRDB's `StatementAuthorizer`, built on `sqlite3_set_authorizer`.
    public func allowOnlyReads() {
        sqlite3_set_authorizer(connection, { _, action, first, second, _, _ in
            switch action {
            case SQLITE_SELECT, SQLITE_READ, SQLITE_RECURSIVE:
                return SQLITE_OK
            case SQLITE_UPDATE where first.map({ String(cString: $0) }) == "sqlite_master":
                // Table-valued functions such as json_each register themselves in the schema when
                // first used; ordinary writes to it are refused by defensive mode.
                return SQLITE_OK
            case SQLITE_FUNCTION:
                let name = (second ?? first).map { String(cString: $0).lowercased() } ?? ""
                let forbidden: Set<String> = ["load_extension", "readfile", "writefile", "edit", "fts3_tokenizer", "zipfile", "sqlar_compress"]
                return forbidden.contains(name) ? SQLITE_DENY : SQLITE_OK
            default:
                return SQLITE_DENY
            }
        }, nil)
    }
}
