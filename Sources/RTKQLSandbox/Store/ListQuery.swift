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
}

/// One page of a list.
struct ListPage: Sendable {
    var items: [String]
    var totalCount: Int
    var startOffset: Int
    var endOffset: Int
}
