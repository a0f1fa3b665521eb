import RTKQLJSON
/// The two tokens of a relay (`moqRotateTokenResponse.type`).
enum RelayTokenType: String, Sendable, CaseIterable {
    case publishSubscribe = "publish_subscribe"
    case subscribe = "subscribe"
}

/// A MoQ relay (`/moq/relays`): its metadata, configuration, whether a publisher is connected, and the
/// generation of each of its tokens (a rotation starts the next one, and the token of the last one is void).
struct RelayRecord: Sendable {
    var uid: String
    var name: String
    var createdAt: Millis
    var modifiedAt: Millis
    /// `status: "connected"` when set; the schema omits the status otherwise.
    var connected: Bool
    var config: RelayConfig
    var publishSubscribeGeneration = 1
    var subscribeGeneration = 1

    /// The list item (`moqRelayListItem`): `uid, created, modified, name`.
    var listJSON: JSONValue {
        .object([("uid", .string(uid)), ("created", .time(createdAt)), ("modified", .time(modifiedAt)), ("name", .string(name))])
    }

    /// The relay (`moqRelay`): the list item, `status` when connected, and `config`; never a token.
    var json: JSONValue {
        var members = listJSON.objectMembers ?? []
        if connected { members.append(("status", .string("connected"))) }
        members.append(("config", config.json))
        return .object(members)
    }

    /// The answer to its creation (`moqRelayCreateResponse`): the list item, both tokens (shown this once), `config`.
    var createdJSON: JSONValue {
        .object((listJSON.objectMembers ?? []) + [
            ("token_publish_subscribe", .string(token(.publishSubscribe))), ("token_subscribe", .string(token(.subscribe))),
            ("config", config.json),
        ])
    }

    /// The current generation of a token.
    func generation(_ type: RelayTokenType) -> Int {
        type == .publishSubscribe ? publishSubscribeGeneration : subscribeGeneration
    }

    /// Voids the token of `type` by starting its next generation.
    mutating func rotate(_ type: RelayTokenType) {
        switch type {
        case .publishSubscribe: publishSubscribeGeneration += 1
        case .subscribe: subscribeGeneration += 1
        }
    }

    /// The current token of `type`: opaque, three dot-separated base64url parts like an Ed25519-signed JWT (the
    /// schema's example starts so), naming the relay, the token's scope and its generation.
    func token(_ type: RelayTokenType) -> String {
        "eyJhbGciOiJFZDI1NTE5IiwidHlwIjoiSldUIn0."
            + Base64URL.encode("{\"sub\":\"\(uid)\",\"scope\":\"\(type.rawValue)\",\"gen\":\(generation(type))}") + ".c2FuZGJveA"
    }
}
