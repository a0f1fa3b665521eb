/// The deterministic "bad network" of the sandbox: per request, a jitter delay and whether to fail with a 5xx.
///
/// Values come from one SplitMix64 sequence seeded from the configuration's seed, consumed in request order.
struct FaultInjector: Sendable {
    /// What to do to one request.
    struct Plan: Sendable {
        var delayMs: Int
        /// 500, 502 or 503 when this request is to fail.
        var failure: Int?
        /// When a successful answer is to be spoiled: its body cut in half, or replaced by an HTML page.
        var malformed: Malformed?
    }

    /// The ways a successful answer can be spoiled.
    enum Malformed: Sendable {
        case truncated
        case html
    }

    private let latencyMs: Int
    private let jitterMs: Int
    private let failRate: Double
    private let malformedRate: Double
    private let generator: LockedBox<SplitMix64>

    init(configuration: SandboxConfiguration) {
        latencyMs = max(0, configuration.latencyMs)
        jitterMs = max(0, configuration.jitterMs)
        failRate = min(1, max(0, configuration.failRate))
        malformedRate = min(1, max(0, configuration.malformedRate))
        generator = LockedBox(SplitMix64(seed: configuration.seed ^ 0xFA17_FA17_FA17_FA17))
    }

    func next() -> Plan {
        generator.withLock { rng in
            let jitter = rng.int(in: 0...jitterMs)
            let roll = rng.unit()
            let kind = rng.int(in: 0...2)
            let failure: Int? = roll < failRate ? [500, 502, 503][kind] : nil
            var malformed: Malformed?
            if malformedRate > 0, rng.unit() < malformedRate {  // drawn only when on, so other sequences stay as they were
                malformed = rng.int(in: 0...1) == 0 ? .truncated : .html
            }
            return Plan(delayMs: latencyMs + jitter, failure: failure, malformed: malformed)
        }
    }

    /// The error of an injected failure, in the shape of the request's API.
    static func error(status: Int, family: APIFamily = .realtimeKit) -> APIError {
        if family == .moq { return .moqInjectedFailure(status: status) }
        let name = status == 502 ? "BAD_GATEWAY" : status == 503 ? "SERVICE_UNAVAILABLE" : "INTERNAL_SERVER_ERROR"
        return APIError(status: status, message: "\(name): injected failure (sandbox fail rate)", shape: .realtimeKit)
    }
}
