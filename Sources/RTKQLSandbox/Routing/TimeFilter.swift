/// `start_time` / `end_time` query parameters: ISO 8601 date-times.
enum TimeFilter {
    static func parse(_ query: QueryString, _ name: String) throws -> Millis? {
        guard let text = query.last(name)?.trimmingSpaces(), !text.isEmpty else { return nil }
        guard let millis = Timestamp.parse(text) else { throw APIError.badRequest("\"\(name)\" must be in ISO 8601 date format") }
        return millis
    }
}
