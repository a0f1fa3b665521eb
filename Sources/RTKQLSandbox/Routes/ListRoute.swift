/// `GET /recordings`: validates the query string into a `ListQuery`.
enum ListRoute {
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
        list.startTime = try TimeFilter.parse(query, "start_time")
        list.endTime = try TimeFilter.parse(query, "end_time")
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
        let paging = try Paging(query, cap: perPageCap)
        list.pageNo = paging.pageNo
        list.perPage = paging.perPage
        return list
    }
}
