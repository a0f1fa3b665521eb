import CSQLite
import RTKQLStorage

/// The private database a statement's rows are loaded into (in memory up to `StorageLimits.memoryBytes`,
/// spilled to a deleted temporary file beyond), configured defensively:
/// no ATTACH, no extension loading, defensive mode on, bounded SQL length and expression depth; its
/// schema (rtkql's tables only) trusted.
/// Public so that benchmarks and programs using `RowMaterializer` load into the same setup.
public enum ScratchDatabase {
    /// Opens a new scratch database, bounded by `limits`.
    public static func open(limits: StorageLimits = StorageLimits()) throws(RTKQLError) -> Database {
        do {
            let database = try Database(.temporary)
            try database.configure(option: SQLITE_DBCONFIG_DEFENSIVE, enabled: true)
            try database.configure(option: SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, enabled: false)
            // The schema is rtkql's own (the loader's tables; user SQL runs read-only and cannot add views or
            // triggers), and its generated columns read JSON (`json_extract(meeting, '$.id')`), which SQLite
            // allows in a schema only when the schema is trusted.
            try database.configure(option: SQLITE_DBCONFIG_TRUSTED_SCHEMA, enabled: true)
            database.setLimit(SQLITE_LIMIT_ATTACHED, to: 0)
            database.setLimit(SQLITE_LIMIT_SQL_LENGTH, to: 1_000_000)
            database.setLimit(SQLITE_LIMIT_EXPR_DEPTH, to: 500)
            try database.execute("PRAGMA journal_mode = MEMORY")
            // Recordings run to over a kilobyte each: 64 KiB pages hold them with less per-page work
            // than the default 4 KiB (measured on the 14-field load: 374k → 417k rows/s).
            try database.execute("PRAGMA page_size = 65536")
            // Rows stay in memory up to this much, and spill to a deleted temporary file beyond it, so a
            // listing of any size loads in bounded memory (100,000 recordings take about 120 MB).
            try database.execute("PRAGMA cache_size = -\(limits.memoryKiB)")
            if let bytes = limits.maximumValueBytes {
                database.setLimit(SQLITE_LIMIT_LENGTH, to: Int32(clamping: bytes))
            }
            if let bytes = limits.maximumDatabaseBytes {
                try database.execute("PRAGMA max_page_count = \(max(1, bytes / 65536))")
            }
            return database
        } catch {
            throw RTKQLError.storage(error)
        }
    }
}

/// Bounds on what one statement's scratch database may hold, so a statement such as
/// `SELECT randomblob(900000000)` fails with SQLite's "string or blob too big" instead of taking the memory.
public struct StorageLimits: Sendable, Equatable {
    /// The largest string or blob a value may be (`SQLITE_LIMIT_LENGTH`); nil keeps SQLite's default (1 GB).
    public var maximumValueBytes: Int?
    /// The most the loaded rows may take (`PRAGMA max_page_count`); nil sets no limit.
    public var maximumDatabaseBytes: Int?
    /// How much of the loaded rows SQLite keeps in memory (its page cache); beyond it, they spill to a
    /// temporary file deleted when the statement ends. 32 MiB: the 16,000-recording listing stays in memory.
    public var memoryBytes = 32 << 20

    /// Limits; nil leaves a bound unset.
    public init(maximumValueBytes: Int? = nil, maximumDatabaseBytes: Int? = nil, memoryBytes: Int = 32 << 20) {
        self.maximumValueBytes = maximumValueBytes
        self.maximumDatabaseBytes = maximumDatabaseBytes
        self.memoryBytes = memoryBytes
    }

    /// `memoryBytes` in KiB, as `PRAGMA cache_size` takes it (at least one 64 KiB page's worth).
    var memoryKiB: Int { max(64, memoryBytes / 1024) }
}
