import RTKQLStorage

/// A validated list request (see `ListRoute` for parsing and validation).
struct ListQuery: Sendable, Equatable {
    var meetingID: String?
    var statuses: [String] = []
    var search: String?
    var startTime: Millis?
    var endTime: Millis?
    var expired: Bool?
    var ascending = false
    var pageNo = 1
    var perPage = 20

    /// The WHERE clause (over `recordings r JOIN meetings m`) and its arguments.
    func whereClause(appID: String, now: Millis) -> (String, [SQLValue]) {
        var clauses = ["r.app_id = ?"]
        var arguments: [SQLValue] = [.text(appID)]
        if let meetingID {
            clauses.append("r.meeting_id = ?")
            arguments.append(.text(meetingID.lowercased()))
        }
        if !statuses.isEmpty {
            clauses.append("r.status IN (" + statuses.map { _ in "?" }.joined(separator: ", ") + ")")
            arguments += statuses.map(SQLValue.text)
        }
        if let search, !search.isEmpty {
            clauses.append("(instr(lower(r.meeting_id), ?) > 0 OR instr(lower(m.title), ?) > 0)")
            arguments += [.text(search.lowercased()), .text(search.lowercased())]
        }
        if let startTime {
            clauses.append("r.invoked_time >= ?")
            arguments.append(.integer(startTime))
        }
        if let endTime {
            clauses.append("r.invoked_time <= ?")
            arguments.append(.integer(endTime))
        }
        if let expired {
            clauses.append("r.download_url_expiry IS NOT NULL AND r.download_url_expiry " + (expired ? "<" : ">=") + " ?")
            arguments.append(.integer(now))
        }
        return (clauses.joined(separator: " AND "), arguments)
    }

    var orderClause: String {
        ascending ? "r.invoked_time ASC, r.id ASC" : "r.invoked_time DESC, r.id DESC"
    }
}

/// One page of a list.
struct ListPage: Sendable {
    var items: [String]
    var totalCount: Int
    var startOffset: Int
    var endOffset: Int
}
