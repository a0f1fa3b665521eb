import CSQLite
import RTKQLStorage

/// The private in-memory database a statement's rows are loaded into, configured defensively:
/// no ATTACH, no extension loading, defensive mode on, bounded SQL length and expression depth.
enum ScratchDatabase {
    static func open() throws(RTKQLError) -> Database {
        do {
            let database = try Database(.memory)
            try database.configure(option: SQLITE_DBCONFIG_DEFENSIVE, enabled: true)
            try database.configure(option: SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, enabled: false)
            try database.configure(option: SQLITE_DBCONFIG_TRUSTED_SCHEMA, enabled: false)
            database.setLimit(SQLITE_LIMIT_ATTACHED, to: 0)
            database.setLimit(SQLITE_LIMIT_SQL_LENGTH, to: 1_000_000)
            database.setLimit(SQLITE_LIMIT_EXPR_DEPTH, to: 500)
            try database.execute("PRAGMA journal_mode = MEMORY")
            return database
        } catch {
            throw .sql(message: "\(error)")
        }
    }
}
