import RTKQLJSON
/// `page_no` / `per_page` as the schemas declare them: numbers, minimum 0, empty value allowed (0 or empty
/// mean the first page and the default size); `per_page` is clamped to the configured cap.
struct Paging: Sendable {
    var pageNo: Int
    var perPage: Int
    static let defaultPerPage = 20

    init(_ query: QueryString, cap: Int) throws {
        pageNo = max(1, try Paging.number(query, "page_no") ?? 1)
        let size = try Paging.number(query, "per_page") ?? 0
        perPage = min(max(1, cap), size == 0 ? Paging.defaultPerPage : size)
    }

    private static func number(_ query: QueryString, _ name: String) throws -> Int? {
        guard let text = query.last(name)?.trimmingSpaces(), !text.isEmpty else { return nil }
        guard let number = Double(text), number.isFinite else { throw APIError.badRequest("\"\(name)\" must be a number") }
        guard number.rounded() == number else { throw APIError.badRequest("\"\(name)\" must be an integer") }
        guard number >= 0 else { throw APIError.badRequest("\"\(name)\" must be greater than or equal to 0") }
        return number > 1e9 ? 1_000_000_000 : Int(number)
    }

    /// The page of `items`, and the `paging` object (`total_count`, `start_offset`, `end_offset`; offsets 1-based).
    func page<T>(_ items: [T]) -> (items: [T], paging: JSONValue) {
        let offset = min(items.count, (pageNo - 1) * perPage)
        let slice = Array(items[offset..<min(items.count, offset + perPage)])
        let paging: JSONValue = .object([
            ("total_count", .int(items.count)), ("start_offset", .int(offset + 1)), ("end_offset", .int(offset + slice.count)),
        ])
        return (slice, paging)
    }
}

/// Answers of list endpoints, in the three shapes of the schemas.
extension Reply {
    /// `{"success":true,"data":[...],"paging":{...}}`.
    static func list(_ items: [JSONValue], paging: JSONValue) -> Reply {
        Reply(status: 200, body: JSONValue.object([("success", .bool(true)), ("data", .array(items)), ("paging", paging)]).rendered)
    }

    /// `{"success":true,"data":<value>}`.
    static func data(_ value: JSONValue, status: Int = 200) -> Reply {
        .data(value.rendered, status: status)
    }
}
