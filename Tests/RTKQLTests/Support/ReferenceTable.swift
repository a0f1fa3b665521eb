import Foundation
import RTKQLJSON
import RTKQLStorage
import RTKQLTransport

/// Loads every recording of an app into a plain SQLite table `recordings`, the way a user's
/// script would (sequential pages, JSON parsed into a tree), so rtkql's results can be compared
/// with SQLite's over the same rows; `recordings_with_parameters` adds the `account_id` and `app_id`
/// the listing was called with.
enum ReferenceTable {
    static let fields = ["id", "session_id", "output_file_name", "audio_download_url", "download_url", "download_url_expiry",
                         "file_size", "invoked_time", "meeting", "recording_duration", "started_time", "status", "stopped_time",
                         "storage_config"]
    static let types = ["TEXT", "TEXT", "TEXT", "TEXT", "TEXT", "TEXT", "NUMERIC", "TEXT", "JSON TEXT", "INTEGER", "TEXT", "TEXT",
                        "TEXT", "JSON TEXT"]

    static func load(baseURL: String, token: String, account: String, app: String) async throws -> Database {
        let database = try Database()
        let columns = zip(fields, types).map { "\($0) \($1)" }.joined(separator: ", ")
        try database.execute("CREATE TABLE recordings (\(columns))")
        let client = HTTPClient()
        var page = 1
        while true {
            let url = "\(baseURL)/accounts/\(account)/realtime/kit/\(app)/recordings?page_no=\(page)&per_page=50"
            let response = try await client.send(HTTPRequest(method: "GET", url: url, headers: [HTTPHeader("Authorization", "Bearer \(token)")]))
            guard response.status == 200 else { throw ReferenceError(message: "HTTP \(response.status): \(response.bodyText)") }
            let envelope = try JSONValue.parse(response.bodyText)
            guard case .array(let items)? = envelope["data"] else { throw ReferenceError(message: "no data array") }
            if items.isEmpty { break }
            for item in items {
                let values: [SQLValue] = fields.map { field in
                    switch item[field] {
                    case nil, .null?: return .null
                    case .string(let text)?: return .text(text)
                    case .number(let text)?: return Int64(text).map(SQLValue.integer) ?? .real(Double(text)!)
                    case .bool(let flag)?: return .integer(flag ? 1 : 0)
                    case let other?: return .text(other.serialized)
                    }
                }
                try database.execute("INSERT INTO recordings VALUES (\(fields.map { _ in "?" }.joined(separator: ",")))", values)
            }
            page += 1
        }
        // The parameter columns the rows' calls were made with, as rtkql adds them (not part of `*`
        // there, so kept out of `recordings` here).
        try database.execute("CREATE TABLE recordings_with_parameters AS SELECT *, ? AS account_id, ? AS app_id FROM recordings",
                             [.text(account), .text(app)])
        return database
    }

    struct ReferenceError: Error { var message: String }
}
