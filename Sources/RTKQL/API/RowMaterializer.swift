import RTKQLProvider
import RTKQLStorage

/// Loads response pages of a resource into a SQLite table, the way the engine does for each
/// resource reference: streamed field by field into one prepared INSERT, in one transaction.
/// A benchmark hook (`@_spi(Benchmarks) import RTKQL`), not part of the library's API.
@_spi(Benchmarks) public struct RowMaterializer: Sendable {
    let decoder: PageDecoder
    let fields: [FieldDefinition]
    let loaded: [String]

    /// A materializer for `resource`'s rows found at `rowsPath` (`data`). With `loading`, only those
    /// fields are extracted and stored (the engine loads only the fields a statement reads); the
    /// table still has a column for every field.
    public init(resource: ResourceDefinition, rowsPath: String = "data", loading: [String]? = nil) {
        fields = resource.fields
        loaded = loading ?? fields.map(\.name)
        decoder = PageDecoder(fields: loaded, rowsPath: rowsPath, totalPath: nil)
    }

    /// Creates `table` in `database` and loads every row of `pages` into it; returns the row count.
    /// As the engine does, pages are decoded concurrently (`concurrency` at a time, on other threads)
    /// while the pages before them are inserted, in order.
    public func load(_ pages: [[UInt8]], into database: Database, table: String, concurrency: Int = 4) async throws -> Int {
        let loader = try TableLoader(database: database, tableName: table, fields: fields, loading: loaded)
        try loader.begin()
        let decoder = self.decoder
        var failure: (any Error)?
        await orderedConcurrentMap(pages, limit: concurrency, { page in
            Result { try decoder.decodePage(page) }
        }, consume: { _, decoded in
            do {
                try loader.insert(try decoded.get())
                return true
            } catch {
                failure = error
                return false
            }
        })
        do {
            if let failure { throw failure }
            try loader.commit()
        } catch {
            loader.rollback()
            throw error
        }
        return loader.rowCount
    }

    /// Decodes every row of `pages` without storing them (validation and field extraction only);
    /// returns the row count.
    public func scan(_ pages: [[UInt8]]) throws -> Int {
        var rows = 0
        for page in pages { rows += try decoder.decodeFields(page) { _, _ in }.rowCount }
        return rows
    }
}
