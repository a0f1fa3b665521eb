/// What statements of one session remember between them.
public struct SessionState: Sendable {
    /// Set by `USE provider`.
    public var defaultProvider: String?

    public init(defaultProvider: String? = nil) {
        self.defaultProvider = defaultProvider
    }
}
