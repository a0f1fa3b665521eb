import Hummingbird

/// The per-request state the routes see: the body already read by the request-log step, the parsed query string,
/// the request's clock reading and the fault plan's verdict on spoiling a successful answer.
struct SandboxContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// The request body, read (up to the size limit) before routing.
    var body: [UInt8] = []
    /// The query string's pairs, percent-decoded.
    var query = QueryString(nil)
    /// The time the request is served at.
    var now: Millis = 0
    /// Set when a successful answer to this request is to be spoiled (the malformed-rate knob).
    var malformed: FaultInjector.Malformed?
    /// Whether the body was larger than the sandbox reads (answered 413).
    var bodyTooLarge = false
    /// What the fault knobs decided for this request (drawn by the latency step).
    var faultPlan: FaultInjector.Plan?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }

    /// A path parameter the route declares (`:name`), percent-decoded.
    func parameter(_ name: String) -> String {
        QueryString.decode(Substring(parameters.get(name) ?? ""))
    }
}
