/// `GET /recordings`: validates the query string into a `ListQuery`.
enum ListRoute {
    static let defaultPerPage = 20
    static let maxPageNo = 1_000_000_000

    static func parse(_ query: QueryString, perPageCap: Int) throws -> ListQuery {
        var list = ListQuery()
        if let meetingID = query.last("meeting_id") {
            guard UUIDText.isValid(meetingID) else { throw APIError.badRequest("\"meeting_id\" must be a valid GUID") }
            list.meetingID = meetingID
        }
        for value in query.values("status") {
            for part in value.split(separator: ",", omittingEmptySubsequences: false) {
                let status = String(part).trimmingSpaces()
                guard RecordingStatus(rawValue: status) != nil else {
                    throw APIError.badRequest("\"status\" must be one of \(RecordingStatus.listText)")
                }
                if !list.statuses.contains(status) { list.statuses.append(status) }
            }
        }
        if let search = query.last("search"), !search.isEmpty { list.search = search }
        list.startTime = try date(query, "start_time")
        list.endTime = try date(query, "end_time")
        if let expired = query.last("expired") {
            switch expired.lowercased() {
            case "true": list.expired = true
            case "false": list.expired = false
            default: throw APIError.badRequest("\"expired\" must be a boolean")
            }
        }
        if let sortBy = query.last("sort_by"), sortBy != "invokedTime" {
            throw APIError.badRequest("\"sort_by\" must be one of [invokedTime]")
        }
        if let sortOrder = query.last("sort_order") {
            switch sortOrder.uppercased() {
            case "ASC": list.ascending = true
            case "DESC": list.ascending = false
            default: throw APIError.badRequest("\"sort_order\" must be one of [ASC, DESC]")
            }
        }
        list.pageNo = try integer(query, "page_no", default: 1, max: maxPageNo)
        let cap = max(1, perPageCap)
        list.perPage = min(try integer(query, "per_page", default: min(defaultPerPage, cap), max: nil), cap)
        return list
    }

    private static func date(_ query: QueryString, _ name: String) throws -> Millis? {
        guard let text = query.last(name) else { return nil }
        guard let millis = Timestamp.parse(text.trimmingSpaces()) else {
            throw APIError.badRequest("\"\(name)\" must be in ISO 8601 date format")
        }
        return millis
    }

    /// A whole number ≥ 1; values above `max` are rejected (`nil`: accepted, the caller clamps).
    private static func integer(_ query: QueryString, _ name: String, default fallback: Int, max: Int?) throws -> Int {
        guard let text = query.last(name) else { return fallback }
        guard let number = Double(text.trimmingSpaces()), number.isFinite, !text.trimmingSpaces().isEmpty else {
            throw APIError.badRequest("\"\(name)\" must be a number")
        }
        guard number.rounded() == number else { throw APIError.badRequest("\"\(name)\" must be an integer") }
        guard number >= 1 else { throw APIError.badRequest("\"\(name)\" must be greater than or equal to 1") }
        if let max, number > Double(max) {
            throw APIError.badRequest("\"\(name)\" must be less than or equal to \(max)")
        }
        return number > 1e15 ? Int(1e15) : Int(number)
    }
}
