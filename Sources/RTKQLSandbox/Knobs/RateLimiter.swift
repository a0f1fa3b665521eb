/// A sliding-window request budget: at most `limit` admitted requests in any `window`.
actor RateLimiter {
    /// The verdict for one request.
    struct Decision: Sendable {
        var allowed: Bool
        /// Requests left in the current window after this one.
        var remaining: Int
        /// Seconds until a slot frees up (the `Retry-After` of a 429), at least 1.
        var retryAfterSeconds: Int
    }

    let limit: Int
    let windowSeconds: Int
    private let window: Duration
    private let clock = ContinuousClock()
    private var admitted: [ContinuousClock.Instant] = []
    private var head = 0

    init(_ rateLimit: SandboxRateLimit) {
        limit = max(1, rateLimit.requests)
        windowSeconds = max(1, rateLimit.windowSeconds)
        window = .seconds(windowSeconds)
    }

    func admit() -> Decision {
        let now = clock.now
        while head < admitted.count, admitted[head] + window <= now { head += 1 }
        if head > 1024, head * 2 > admitted.count {
            admitted.removeFirst(head)
            head = 0
        }
        let inWindow = admitted.count - head
        if inWindow < limit {
            admitted.append(now)
            let oldest = admitted[head]
            return Decision(allowed: true, remaining: limit - inWindow - 1, retryAfterSeconds: seconds(until: oldest + window, from: now))
        }
        return Decision(allowed: false, remaining: 0, retryAfterSeconds: seconds(until: admitted[head] + window, from: now))
    }

    private func seconds(until instant: ContinuousClock.Instant, from now: ContinuousClock.Instant) -> Int {
        let wait = now.duration(to: instant).components
        let whole = Int(wait.seconds) + (wait.attoseconds > 0 ? 1 : 0)
        return max(1, whole)
    }
}
