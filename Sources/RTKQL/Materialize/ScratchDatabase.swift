import CSQLite
import RTKQLStorage

/// The private in-memory database a statement's rows are loaded into, configured defensively:
/// no ATTACH, no extension loading, defensive mode on, bounded SQL length and expression depth.
/// Public so that benchmarks and programs using `RowMaterializer` load into the same setup.
public enum ScratchDatabase {
    /// Opens a new scratch database.
    public static func open() throws(RTKQLError) -> Database {
        do {
            let database = try Database(.memory)
            try database.configure(option: SQLITE_DBCONFIG_DEFENSIVE, enabled: true)
            try database.configure(option: SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, enabled: false)
            try database.configure(option: SQLITE_DBCONFIG_TRUSTED_SCHEMA, enabled: false)
            database.setLimit(SQLITE_LIMIT_ATTACHED, to: 0)
            database.setLimit(SQLITE_LIMIT_SQL_LENGTH, to: 1_000_000)
            database.setLimit(SQLITE_LIMIT_EXPR_DEPTH, to: 500)
            try database.execute("PRAGMA journal_mode = MEMORY")
            // Recordings run to over a kilobyte each: 64 KiB pages hold them with less per-page work
            // than the default 4 KiB (measured on the 14-field load: 374k → 417k rows/s).
            try database.execute("PRAGMA page_size = 65536")
            return database
        } catch {
            throw RTKQLError.storage(error)
        }
    }
}
