import RTKQLTransport
import Synchronization

/// What a session's reads returned: the answers to GET page requests, keyed by the credentials they were
/// sent with and their URL (method, bound parameters and page), so a later statement asking the same
/// page within the time to live reads it here instead of spending API budget.
///
/// Entries are whole responses, kept in least-recently-used order within a byte budget. A statement always
/// sees its own fetches again whatever their age, so its reads are consistent (one fetch per distinct call).
/// A mutation drops the entries under the account it touched; `PURGE` and `.cache clear` drop them all, or
/// a resource's.
public final class ResponseCache: Sendable {
    /// Identifies one page answer: the credentials' fingerprint and the request URL.
    struct Key: Hashable, Sendable {
        var credentials: Int
        var url: String
    }

    private struct Entry {
        var response: HTTPResponse
        /// `provider.service.resource`, for `PURGE resource`.
        var resource: String
        var storedAt: ContinuousClock.Instant
        /// The statement that fetched it (it may read it again at any age).
        var statement: UInt64
        var lastUse: UInt64
        var bytes: Int
    }

    private struct State {
        var entries: [Key: Entry] = [:]
        var bytes = 0
        var clock: UInt64 = 0
        var hits = 0
        var stores = 0
    }

    /// The most bytes of response bodies kept; the least recently used go first.
    public let budget: Int
    private let state = Mutex(State())
    private let statements = Atomic<UInt64>(0)

    /// A cache keeping at most `budget` bytes of answers.
    public init(budget: Int = 64 << 20) {
        self.budget = budget
    }

    /// A fresh identity for a statement reading through the cache.
    func beginStatement() -> UInt64 {
        statements.add(1, ordering: .relaxed).newValue
    }

    /// The answer held for `key`, when it is younger than `maxAge` or was fetched by `statement`, with its age;
    /// `counting` it as an answer given (not for a look that only checks what is held).
    func lookup(_ key: Key, maxAge: Duration, statement: UInt64, counting: Bool = true) -> (response: HTTPResponse, age: Duration)? {
        let now = ContinuousClock.now
        return state.withLock { state in
            guard var entry = state.entries[key] else { return nil }
            let age = now - entry.storedAt
            guard age < maxAge || entry.statement == statement else { return nil }
            guard counting else { return (entry.response, age) }
            state.clock += 1
            entry.lastUse = state.clock
            state.entries[key] = entry
            state.hits += 1
            return (entry.response, age)
        }
    }

    /// Keeps `response` for `key`, dropping the least recently used answers beyond the budget. An answer
    /// larger than the whole budget is not kept.
    func store(_ key: Key, response: HTTPResponse, resource: String, statement: UInt64) {
        let bytes = response.body.count + key.url.utf8.count
        guard bytes <= budget else { return }
        let now = ContinuousClock.now
        state.withLock { state in
            state.clock += 1
            if let old = state.entries.removeValue(forKey: key) { state.bytes -= old.bytes }
            state.entries[key] = Entry(response: response, resource: resource, storedAt: now, statement: statement,
                                       lastUse: state.clock, bytes: bytes)
            state.bytes += bytes
            state.stores += 1
            while state.bytes > budget, let oldest = state.entries.min(by: { $0.value.lastUse < $1.value.lastUse }) {
                state.entries[oldest.key] = nil
                state.bytes -= oldest.value.bytes
            }
        }
    }

    /// Drops the answers fetched with `credentials` whose URL is `prefix` or lies under it (`…/accounts/a`
    /// drops `…/accounts/a/realtime/kit/…` but not `…/accounts/ab/…`).
    func invalidate(credentials: Int, under prefix: String) {
        state.withLock { state in
            for (key, entry) in state.entries where key.credentials == credentials && key.url.isUnder(prefix) {
                state.entries[key] = nil
                state.bytes -= entry.bytes
            }
        }
    }

    /// Drops every answer, or those of one resource (`provider.service.resource`, case-insensitive); returns
    /// how many were dropped.
    @discardableResult
    public func clear(resource: String? = nil) -> Int {
        state.withLock { state in
            let doomed = state.entries.filter { resource == nil || $0.value.resource.lowercased() == resource!.lowercased() }
            for (key, entry) in doomed {
                state.entries[key] = nil
                state.bytes -= entry.bytes
            }
            return doomed.count
        }
    }

    /// What the cache holds now, for `.cache` and EXPLAIN.
    public var summary: Summary {
        let now = ContinuousClock.now
        return state.withLock { state in
            var resources: [String: Int] = [:]
            for entry in state.entries.values { resources[entry.resource, default: 0] += 1 }
            let oldest = state.entries.values.map { now - $0.storedAt }.max()
            return Summary(pages: state.entries.count, bytes: state.bytes, oldest: oldest, hits: state.hits,
                           pagesByResource: resources)
        }
    }

    /// The contents of a cache at one moment.
    public struct Summary: Sendable, Equatable {
        /// Page answers held.
        public var pages: Int
        /// Bytes of the answers held.
        public var bytes: Int
        /// The age of the oldest answer held.
        public var oldest: Duration?
        /// Pages answered from the cache so far.
        public var hits: Int
        /// Pages held per resource (`provider.service.resource`).
        public var pagesByResource: [String: Int]
    }
}

extension String {
    /// Whether this URL is `prefix` or a path (or query) below it.
    func isUnder(_ prefix: String) -> Bool {
        guard hasPrefix(prefix) else { return false }
        let rest = dropFirst(prefix.count)
        return rest.isEmpty || rest.first == "/" || rest.first == "?"
    }
}
