import RTKQLTransport

/// How rtkql authenticates to the API. The secret is only ever put in a request header.
public enum Credentials: Sendable, CustomStringConvertible {
    case none
    /// `Authorization: Bearer <token>` (from `CLOUDFLARE_API_TOKEN`).
    case bearer(token: String)
    /// The legacy global key: `X-Auth-Email` + `X-Auth-Key` (`CLOUDFLARE_EMAIL`, `CLOUDFLARE_API_KEY`).
    case legacy(email: String, key: String)

    /// Reads credentials from the environment: the bearer token first, then the legacy pair.
    public static func fromEnvironment(_ environment: [String: String], tokenVariable: String = "CLOUDFLARE_API_TOKEN") -> Credentials {
        if let token = environment[tokenVariable], !token.isEmpty { return .bearer(token: token) }
        if let email = environment["CLOUDFLARE_EMAIL"], let key = environment["CLOUDFLARE_API_KEY"], !email.isEmpty, !key.isEmpty {
            return .legacy(email: email, key: key)
        }
        return .none
    }

    /// The headers that carry the credentials (marked sensitive so they are never printed).
    var headers: [HTTPHeader] {
        switch self {
        case .none: return []
        case .bearer(let token): return [HTTPHeader("Authorization", "Bearer \(token)", sensitive: true)]
        case .legacy(let email, let key):
            return [HTTPHeader("X-Auth-Email", email), HTTPHeader("X-Auth-Key", key, sensitive: true)]
        }
    }

    /// The secret, so output can be checked never to contain it.
    var secret: String? {
        switch self {
        case .none: return nil
        case .bearer(let token): return token
        case .legacy(_, let key): return key
        }
    }

    /// Never shows the secret.
    public var description: String {
        switch self {
        case .none: return "no credentials"
        case .bearer: return "bearer token <redacted>"
        case .legacy(let email, _): return "legacy key for \(email) <redacted>"
        }
    }
}
