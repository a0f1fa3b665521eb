/// Credential checks: `Authorization: Bearer <token>`, or the legacy `X-Auth-Email` + `X-Auth-Key` pair.
struct Auth: Sendable {
    let tokens: Set<String>
    let apiKeys: Set<String>

    init(configuration: SandboxConfiguration) {
        tokens = Set(configuration.tokens)
        apiKeys = Set(configuration.apiKeys)
    }

    /// True when the headers carry a configured bearer token, or any non-empty email with a configured key.
    func isAuthorized(authorization: String?, email: String?, key: String?) -> Bool {
        if let authorization {
            let trimmed = authorization.trimmingSpaces()
            if trimmed.count > 7, trimmed.prefix(7).lowercased() == "bearer " {
                let token = String(trimmed.dropFirst(7)).trimmingSpaces()
                if tokens.contains(token) { return true }
            }
        }
        if let email, let key, !email.trimmingSpaces().isEmpty, apiKeys.contains(key.trimmingSpaces()) {
            return true
        }
        return false
    }
}

extension String {
    func trimmingSpaces() -> String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return String(slice)
    }
}
