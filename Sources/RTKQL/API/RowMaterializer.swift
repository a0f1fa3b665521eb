import RTKQLProvider
import RTKQLStorage

/// Loads response pages of a resource into a SQLite table, the way the engine does for each
/// resource reference: streamed field by field into one prepared INSERT, in one transaction.
/// Exposed for benchmarks and for programs that fetch pages themselves.
public struct RowMaterializer {
    let decoder: PageDecoder
    let fields: [FieldDefinition]

    /// A materializer for `resource`'s rows found at `rowsPath` (`data`).
    public init(resource: ResourceDefinition, rowsPath: String = "data") {
        fields = resource.fields
        decoder = PageDecoder(fields: fields.map(\.name), rowsPath: rowsPath, totalPath: nil)
    }

    /// Creates `table` in `database` and loads every row of `pages` into it; returns the row count.
    public func load(_ pages: [[UInt8]], into database: Database, table: String) throws -> Int {
        let loader = try TableLoader(database: database, tableName: table, fields: fields)
        try loader.begin()
        do {
            for page in pages { _ = try decoder.decodeFields(page) { fields, bytes in try loader.insert(fields, bytes: bytes) } }
            try loader.commit()
        } catch {
            loader.rollback()
            throw error
        }
        return loader.rowCount
    }
}
