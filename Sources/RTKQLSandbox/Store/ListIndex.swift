/// The recordings of one app in list order (`invoked_time DESC, id DESC`), with each one's list JSON
/// rendered once. `GET /recordings` filters and pages over it in memory, so a page costs the same at
/// page 1 and page 1,000 and no SQL runs per list request. The store drops an app's index whenever one of
/// its recordings changes and rebuilds it on the next list.
struct ListIndex: Sendable {
    /// What a list filter looks at, and the recording's JSON in the three parts around its meeting.
    struct Entry: Sendable {
        var id: String
        var meetingID: String
        /// The meeting's title, lowercased once for `search`.
        var meetingTitleLowercased: String
        var status: String
        var invokedTime: Millis
        var downloadURLExpiry: Millis?
        /// `{"id":…,"meeting":` — the meeting object itself is shared by every recording of the meeting.
        var head: String
        var meeting: String
        /// `,"recording_duration":…}`.
        var tail: String

        /// The recording's list JSON.
        var json: String { head + meeting + tail }
    }

    /// Newest first: `invoked_time DESC, id DESC` (ids compared bytewise, as SQLite compares text).
    private(set) var entries: [Entry]

    init(entries: [Entry]) {
        self.entries = entries.sorted { left, right in
            if left.invokedTime != right.invokedTime { return left.invokedTime > right.invokedTime }
            return right.id.utf8.lexicographicallyPrecedes(left.id.utf8)
        }
    }

    /// The page `query` asks for, with the total count of matches.
    func page(_ query: ListQuery, now: Millis) -> ListPage {
        let filter = Filter(query, now: now)
        let offset = (query.pageNo - 1) * query.perPage
        var items: [String] = []
        var total = 0
        func visit(_ entry: Entry) {
            guard filter.matches(entry) else { return }
            if total >= offset && items.count < query.perPage { items.append(entry.json) }
            total += 1
        }
        if filter.isEmpty {
            total = entries.count
            if offset < total {
                items.reserveCapacity(min(total - offset, query.perPage))
                for position in offset..<min(total, offset + query.perPage) {
                    let entry = entries[query.ascending ? total - 1 - position : position]
                    items.append(entry.json)
                }
            }
        } else if query.ascending {
            for entry in entries.reversed() { visit(entry) }
        } else {
            for entry in entries { visit(entry) }
        }
        return ListPage(items: items, totalCount: total, startOffset: offset + 1, endOffset: offset + items.count)
    }

    /// The list filters of the reference, as `ListQuery` states them.
    private struct Filter {
        var meetingID: String?
        var statuses: Set<String>
        var search: String?
        var startTime: Millis?
        var endTime: Millis?
        var expired: Bool?
        var now: Millis

        init(_ query: ListQuery, now: Millis) {
            meetingID = query.meetingID?.lowercased()
            statuses = Set(query.statuses)
            search = query.search.flatMap { $0.isEmpty ? nil : $0.lowercased() }
            startTime = query.startTime
            endTime = query.endTime
            expired = query.expired
            self.now = now
        }

        var isEmpty: Bool {
            meetingID == nil && statuses.isEmpty && search == nil && startTime == nil && endTime == nil && expired == nil
        }

        func matches(_ entry: Entry) -> Bool {
            if let meetingID, entry.meetingID != meetingID { return false }
            if !statuses.isEmpty, !statuses.contains(entry.status) { return false }
            if let search, !entry.meetingID.contains(search), !entry.meetingTitleLowercased.contains(search) {
                return false
            }
            if let startTime, entry.invokedTime < startTime { return false }
            if let endTime, entry.invokedTime > endTime { return false }
            if let expired {
                guard let expiry = entry.downloadURLExpiry else { return false }
                if expired != (expiry < now) { return false }
            }
            return true
        }
    }
}
