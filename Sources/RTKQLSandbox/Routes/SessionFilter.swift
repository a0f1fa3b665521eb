import RTKQLJSON
/// The filters and order of `GET /sessions`.
struct SessionFilter: Sendable {
    var status: String?
    var search: String
    var associatedID: String?
    var from: Millis?
    var to: Millis?
    var byMinutes: Bool
    var ascending: Bool

    init(_ query: QueryString) throws {
        status = try BodyValidator.oneOf(query.last("status").map(JSONValue.string), "status", ["LIVE", "ENDED"])
        search = query.last("search")?.lowercased() ?? ""
        associatedID = query.last("associated_id")?.lowercased()
        from = try TimeFilter.parse(query, "start_time")
        to = try TimeFilter.parse(query, "end_time")
        byMinutes = try BodyValidator.oneOf(query.last("sort_by").map(JSONValue.string), "sort_by", ["minutesConsumed", "createdAt"]) == "minutesConsumed"
        ascending = try BodyValidator.oneOf(query.last("sort_order").map(JSONValue.string), "sort_order", ["ASC", "DESC"]) == "ASC"
    }

    /// The matching sessions, in the asked order (newest first by default; ties by ID).
    func apply(_ sessions: [SessionRecord], now: Millis) -> [SessionRecord] {
        let kept = sessions.filter { session in
            (status == nil || (session.isLive ? "LIVE" : "ENDED") == status)
                && (search.isEmpty || session.meetingTitle.lowercased().contains(search) || session.id.contains(search))
                && (associatedID == nil || session.meetingID == associatedID)
                && from.map { session.startedAt >= $0 } ?? true && to.map { session.startedAt <= $0 } ?? true
        }
        let sorted = kept.sorted { left, right in
            let (a, b) = byMinutes ? (left.minutesConsumed(now: now), right.minutesConsumed(now: now))
                                   : (Double(left.createdAt), Double(right.createdAt))
            return a != b ? a < b : left.id < right.id
        }
        return ascending ? sorted : sorted.reversed()
    }
}
