import RTKQLPlanning

/// Which pages of one reference's calls to request next, and in which order to insert them.
///
/// All calls (one per fanned-out parameter combination, such as each `app_id`) share one budget of
/// requests in flight: their first pages are asked for at once; a first page that tells the total puts
/// the call's other pages in the queue; one that does not (no `total_count`) lets the call go on page by
/// page while pages come back full. The queue is served lowest (call, page) first, and rows are inserted
/// call after call, each call's pages in page order, whatever order responses arrive in.
struct PagePlan {
    /// A page of a call.
    struct Key: Hashable, Comparable, Sendable {
        var call: Int
        var page: Int

        static func < (left: Key, right: Key) -> Bool {
            (left.call, left.page) < (right.call, right.page)
        }
    }

    private struct CallState {
        var call: MethodCall
        /// The last page to insert: 1 until the first page tells more; nil while paging on without a total.
        var lastPage: Int? = 1
        var totalRows: Int?
        var firstArrived = false
        /// Set when an empty page ended the call early.
        var ended = false
        /// Rows of this call that have arrived (for the row limit).
        var rowsArrived = 0
    }

    private var calls: [CallState]
    /// The pages to request, highest key first, so the next one is taken from the end.
    private var queue: [Key]
    private let pageLimit: Int?
    /// The rows the statement needs (see `RowLimit`): the calls are then listed one after another, and
    /// paging stops once that many rows are in.
    private let rowLimit: Int?
    /// The rows each call must give (a sorted listing cut, see `SortedLimit`): the calls are listed at once,
    /// each stopping once it has given that many.
    private let rowsPerCall: Int?
    /// Rows inserted so far, all calls together.
    private(set) var rowsInserted = 0
    /// Rows inserted by the calls before the cursor's.
    private var rowsBeforeCursorCall = 0
    /// The next page to insert.
    private(set) var cursor = Key(call: 0, page: 1)
    private(set) var warnings: [String] = []

    init(calls: [MethodCall], pageLimit: Int?, rowLimit: Int? = nil, rowsPerCall: Int? = nil) {
        self.calls = calls.map { CallState(call: $0) }
        self.pageLimit = pageLimit
        self.rowLimit = rowLimit
        self.rowsPerCall = rowsPerCall
        if rowLimit == 0 || rowsPerCall == 0 {
            queue = []
            cursor = Key(call: calls.count, page: 1)
        } else {
            queue = rowLimit == nil ? calls.indices.reversed().map { Key(call: $0, page: 1) } : (calls.isEmpty ? [] : [Key(call: 0, page: 1)])
        }
    }

    /// The last page of a call, once its first page told it (nil while unknown or paging on without a total).
    func lastPage(ofCall call: Int) -> Int? {
        calls[call].firstArrived ? calls[call].lastPage : nil
    }

    /// Rows the row limit still lets a call have, beyond those inserted before it and those of it that
    /// arrived; nil without a limit.
    private func rowsWanted(_ state: CallState) -> Int? {
        if let rowsPerCall { return rowsPerCall - state.rowsArrived }
        return rowLimit.map { $0 - rowsBeforeCursorCall - state.rowsArrived }
    }

    /// True once every call's pages have been inserted.
    var isComplete: Bool { cursor.call >= calls.count }

    /// The call a page belongs to, with the page size its later pages are asked for.
    func call(_ key: Key) -> MethodCall { calls[key.call].call }

    /// The page to request next, if any is due.
    mutating func nextRequest() -> Key? {
        queue.popLast()
    }

    /// The pages of every call, once every first page has told (nil until then, or without totals).
    var pagesExpected: Int? {
        calls.reduce(Optional(0)) { sum, state in
            guard let sum, state.firstArrived, let last = state.lastPage else { return nil }
            return sum + last
        }
    }

    /// The rows every call's first page announced (nil while one is unknown).
    var rowsExpected: Int? {
        calls.reduce(Optional(0)) { sum, state in
            guard let sum, let rows = state.totalRows else { return nil }
            return sum + rows
        }
    }

    /// Takes note of a page that arrived: a first page decides the call's other pages; without a total,
    /// a full page asks for the next one.
    mutating func arrived(_ key: Key, rows: Int, totalCount: Int?) {
        var state = calls[key.call]
        defer { calls[key.call] = state }
        if key.page == 1 { state.firstArrived = true }
        // Under a row limit calls run one after another, so the rows inserted so far are those of earlier calls.
        if (rowLimit != nil && key.call == cursor.call) || rowsPerCall != nil { state.rowsArrived += rows }
        guard !state.ended, state.call.pagination != nil else { return }
        if key.page == 1 {
            guard rows > 0 else { return }
            // The server may cap the page size below what was asked: page with what it actually gave.
            if let total = totalCount, total > rows, rows < state.call.pageSize { state.call.pageSize = rows }
            guard let total = totalCount else {
                state.lastPage = nil
                enqueueNext(after: key, &state, rows: rows)
                return
            }
            state.totalRows = total
            var last = (total + state.call.pageSize - 1) / max(state.call.pageSize, 1)
            if let pageLimit, last > pageLimit {
                warnings.append("stopped after \(pageLimit) page(s) of \(last) (--http.response.pageLimit): "
                                + "\(total - pageLimit * state.call.pageSize) of \(total) rows were left out")
                last = pageLimit
            }
            if let wanted = rowsPerCall ?? rowLimit.map({ $0 - rowsBeforeCursorCall }) {
                // Only the pages that hold the rows still wanted.
                last = min(last, max(1, (wanted + state.call.pageSize - 1) / max(state.call.pageSize, 1)))
            }
            state.lastPage = last
            if last >= 2 { enqueue((2...last).map { Key(call: key.call, page: $0) }) }
        } else if state.lastPage == nil {
            enqueueNext(after: key, &state, rows: rows)
        }
    }

    private mutating func enqueueNext(after key: Key, _ state: inout CallState, rows: Int) {
        if let wanted = rowsWanted(state), wanted <= 0 {
            state.lastPage = key.page
            return
        }
        guard rows >= state.call.pageSize else {
            state.lastPage = key.page
            return
        }
        if let pageLimit, key.page >= pageLimit {
            warnings.append("stopped after \(pageLimit) page(s) (--http.response.pageLimit); more rows may exist")
            state.lastPage = key.page
            return
        }
        enqueue([Key(call: key.call, page: key.page + 1)])
    }

    private mutating func enqueue(_ keys: [Key]) {
        queue = (queue + keys).sorted(by: >)
    }

    /// Takes note of the cursor's page having been inserted and moves the cursor on. An empty page
    /// after the first ends its call: its queued pages are dropped.
    mutating func inserted(rows: Int) {
        let key = cursor
        rowsInserted += rows
        if key.page > 1 && rows == 0 {
            calls[key.call].ended = true
            calls[key.call].lastPage = key.page
            queue.removeAll { $0.call == key.call }
        }
        if let rowLimit, rowsInserted >= rowLimit {
            // Enough rows: the rest of the listing cannot change the result.
            queue = []
            cursor = Key(call: calls.count, page: 1)
            return
        }
        if let last = calls[key.call].lastPage, key.page >= last {
            cursor = Key(call: key.call + 1, page: 1)
            rowsBeforeCursorCall = rowsInserted
            if rowLimit != nil, cursor.call < calls.count { enqueue([cursor]) }
        } else {
            cursor = Key(call: key.call, page: key.page + 1)
        }
    }
}
