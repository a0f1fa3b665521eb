/// The two APIs the sandbox emulates, told apart by path: RealtimeKit's (`/accounts/{id}/realtime/kit/...`),
/// which answers `{success, data}` and `{success, error}`, and the MoQ relays' (`/accounts/{id}/moq/...`),
/// which answer Cloudflare's v4 envelope `{result, success, errors, messages}`. The steps that fail a request
/// before its route (injected failures, an oversized body) answer in the family's error shape.
enum APIFamily: Sendable, Equatable {
    case realtimeKit
    case moq

    /// The family of a request path.
    init(path: String) {
        self = path.contains("/moq/") ? .moq : .realtimeKit
    }
}
