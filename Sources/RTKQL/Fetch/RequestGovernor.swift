import Foundation
import Synchronization

/// How failed requests are retried.
public struct RetryPolicy: Sendable {
    /// Retries after the first attempt (0 disables retrying).
    public var maximumRetries = 3
    /// No retry starts later than this many seconds after the first attempt.
    public var maximumTotalSeconds: Double = 60
    /// The first backoff; each retry doubles it, plus up to 50% jitter.
    public var initialBackoffSeconds: Double = 0.25

    public init() {}
}

/// A client-side request budget, in Cloudflare's terms: `requests` per `windowSeconds`
/// (the documented global limit is 1,200 per 5 minutes).
public struct RateBudget: Sendable, Equatable {
    public var requests: Int
    public var windowSeconds: Double

    public init(requests: Int, windowSeconds: Double) {
        self.requests = requests
        self.windowSeconds = windowSeconds
    }

    public static let cloudflareDefault = RateBudget(requests: 1_200, windowSeconds: 300)
}

/// Shared by every request of an engine: a token bucket that keeps the session within its rate
/// budget, and a gate that holds the whole pool back after a 429 until `Retry-After` has passed.
actor RequestGovernor {
    /// Requests waiting for the budget to refill now (read by progress displays without awaiting the actor).
    nonisolated let waiting = Atomic<Int>(0)

    /// Whether some request is waiting for the budget.
    nonisolated var isWaiting: Bool { waiting.load(ordering: .relaxed) > 0 }

    private let budget: RateBudget
    private var tokens: Double
    private var refilledAt: ContinuousClock.Instant
    private var closedUntil: ContinuousClock.Instant?
    private let clock = ContinuousClock()

    init(budget: RateBudget) {
        self.budget = budget
        tokens = Double(budget.requests)
        refilledAt = clock.now
    }

    /// Waits until a request may be sent. Requests are served in the order they ask: each one takes a token
    /// at once, and when the bucket is empty that leaves it in debt; a request waits until the refill has
    /// paid its share of the debt, so waiters do not race for each token (a listing's pages then arrive in
    /// the order they are inserted).
    func acquire() async throws {
        try await waitForGate()
        refill()
        tokens -= 1
        guard tokens < 0 else { return }
        let perToken = budget.windowSeconds / Double(budget.requests)
        waiting.add(1, ordering: .relaxed)
        defer { waiting.subtract(1, ordering: .relaxed) }
        do {
            try await Task.sleep(for: .seconds(perToken * -tokens))
        } catch {
            tokens += 1  // the token it would have used goes back to those behind it
            throw error
        }
        try await waitForGate()
    }

    /// Waits while a 429 holds every request back.
    private func waitForGate() async throws {
        while let closedUntil, clock.now < closedUntil {
            try await Task.sleep(until: closedUntil, clock: clock)
        }
    }

    /// Holds every request back for `seconds` (after a 429).
    func close(for seconds: Double) {
        let until = clock.now + .seconds(seconds)
        if closedUntil.map({ until > $0 }) ?? true { closedUntil = until }
    }

    private func refill() {
        let now = clock.now
        let elapsed = now - refilledAt
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        tokens = min(Double(budget.requests), tokens + seconds * Double(budget.requests) / budget.windowSeconds)
        refilledAt = now
    }
}
