import RTKQLJSON
import Testing
@testable import RTKQLSandbox

/// The MoQ relay routes (`/accounts/{account_id}/moq/relays`): Cloudflare's v4 envelope, the seeded relays,
/// every change seen by the answers after it, the schema's error codes, and the knobs.
@Suite struct RelayTests {
    /// The seeded relays of the demo account (seed 42).
    static let production = "64d5dbabcf2678d0999ac9729df3478d"
    static let staging = "12734855bdd95ccf42f54c1ef84c7982"
    static let fallback = "f520a4945d2900722c4fbdb465430e0d"
    /// The first relay created in a fresh sandbox: the next ID of the account's stream.
    static let created = "5137dba6b41564add16125a55d58513a"
    static let defaultConfig = #"{"lingering_subscribe":{"enabled":true,"max_timeout_ms":30000},"origin_fallback":{"enabled":false,"urls":[]}}"#
    static let seededList = #"{"result":["#
        + #"{"uid":"\#(production)","created":"2025-11-20T09:00:00.000Z","modified":"2025-11-22T11:00:00.000Z","name":"Production Live Stream"},"#
        + #"{"uid":"\#(staging)","created":"2025-11-21T09:00:00.000Z","modified":"2025-11-21T09:00:00.000Z","name":"Staging"},"#
        + #"{"uid":"\#(fallback)","created":"2025-11-22T09:00:00.000Z","modified":"2025-11-23T10:00:00.000Z","name":"Edge fallback"}"#
        + #"],"result_info":{"count":3,"total":3},"success":true,"errors":[],"messages":[]}"#

    /// A successful answer's text: `result` in Cloudflare's v4 envelope.
    static func ok(_ result: String) -> String {
        #"{"result":\#(result),"success":true,"errors":[],"messages":[]}"#
    }

    /// An error answer's text (`moqApiResponseError`).
    static func failure(_ code: Int, _ message: String) -> String {
        #"{"success":false,"errors":[{"code":\#(code),"message":\#(JSONWriter.quote(message))}],"messages":[],"result":null}"#
    }

    /// The `created` (or `modified`) of an answer, checked to be the clock's reading while the request was served.
    static func stamp(_ result: HTTPResult, _ key: String, between start: Millis, and end: Millis) -> String {
        let text = result.json["result"]?[key]?.stringValue ?? ""
        let millis = Timestamp.parse(text) ?? -1
        #expect(millis >= start && millis <= end, "\(key) \(text) not within the request")
        return text
    }

    @Test func listAnswersTheSeededRelays() async throws {
        try await withSandbox { _, client in
            let listed = try await client.send("GET", client.relaysURL())
            #expect(listed.status == 200)
            #expect(listed.headers["content-type"] == "application/json; charset=utf-8")
            #expect(listed.text == RelayTests.seededList)
        }
    }

    @Test func getAnswersStatusAndConfigButNoToken() async throws {
        try await withSandbox { _, client in
            let production = try await client.send("GET", client.relaysURL("/" + RelayTests.production))
            #expect(production.status == 200)
            #expect(production.text == RelayTests.ok(#"{"uid":"\#(RelayTests.production)","created":"2025-11-20T09:00:00.000Z","#
                + #""modified":"2025-11-22T11:00:00.000Z","name":"Production Live Stream","status":"connected","config":\#(RelayTests.defaultConfig)}"#))
            // Not connected: no status at all. Hex digits in either case name the same relay.
            let fallback = try await client.send("GET", client.relaysURL("/" + RelayTests.fallback.uppercased()))
            #expect(fallback.text == RelayTests.ok(#"{"uid":"\#(RelayTests.fallback)","created":"2025-11-22T09:00:00.000Z","#
                + #""modified":"2025-11-23T10:00:00.000Z","name":"Edge fallback","config":{"lingering_subscribe":{"enabled":false,"max_timeout_ms":30000},"#
                + #""origin_fallback":{"enabled":true,"urls":["https://relay-eu.moq.sandbox.invalid","https://relay-us.moq.sandbox.invalid"]}}}"#))
        }
    }

    @Test func createdRelayIsListedAndItsTokensAreShownOnce() async throws {
        try await withSandbox { _, client in
            let start = Timestamp.now()
            let created = try await client.send("POST", client.relaysURL(), body: #"{"name":"Launch event"}"#)
            let at = RelayTests.stamp(created, "created", between: start, and: Timestamp.now())
            #expect(created.status == 201)
            #expect(created.text == RelayTests.ok(#"{"uid":"\#(RelayTests.created)","created":"\#(at)","modified":"\#(at)","name":"Launch event","#
                + #""token_publish_subscribe":"eyJhbGciOiJFZDI1NTE5IiwidHlwIjoiSldUIn0.eyJzdWIiOiI1MTM3ZGJhNmI0MTU2NGFkZDE2MTI1YTU1ZDU4NTEzYSIsInNjb3BlIjoicHVibGlzaF9zdWJzY3JpYmUiLCJnZW4iOjF9.c2FuZGJveA","token_subscribe":"eyJhbGciOiJFZDI1NTE5IiwidHlwIjoiSldUIn0.eyJzdWIiOiI1MTM3ZGJhNmI0MTU2NGFkZDE2MTI1YTU1ZDU4NTEzYSIsInNjb3BlIjoic3Vic2NyaWJlIiwiZ2VuIjoxfQ.c2FuZGJveA","config":\#(RelayTests.defaultConfig)}"#))
            let listed = try await client.send("GET", client.relaysURL())
            #expect(listed.json["result"]?.arrayValue?.compactMap { $0["uid"]?.stringValue }
                    == [RelayTests.production, RelayTests.staging, RelayTests.fallback, RelayTests.created])
            #expect(listed.json["result"]?[3] == JSONValue.object([
                ("uid", .string(RelayTests.created)), ("created", .string(at)), ("modified", .string(at)), ("name", .string("Launch event")),
            ]))
            #expect(listed.json["result_info"] == .object([("count", .int(4)), ("total", .int(4))]))
            let one = try await client.send("GET", client.relaysURL("/" + RelayTests.created))
            #expect(one.text == RelayTests.ok(#"{"uid":"\#(RelayTests.created)","created":"\#(at)","modified":"\#(at)","name":"Launch event","#
                + #""config":\#(RelayTests.defaultConfig)}"#))
        }
    }

    @Test func putChangesWhatItIsGivenAndKeepsTheRest() async throws {
        try await withSandbox { _, client in
            let url = client.relaysURL("/" + RelayTests.staging)
            var start = Timestamp.now()
            let renamed = try await client.send("PUT", url, body: #"{"name":"Staging v2"}"#)
            var at = RelayTests.stamp(renamed, "modified", between: start, and: Timestamp.now())
            #expect(renamed.status == 200)
            #expect(renamed.text == RelayTests.ok(#"{"uid":"\#(RelayTests.staging)","created":"2025-11-21T09:00:00.000Z","modified":"\#(at)","#
                + #""name":"Staging v2","config":{"lingering_subscribe":{"enabled":true,"max_timeout_ms":10000},"origin_fallback":{"enabled":false,"urls":[]}}}"#))

            // Origin fallback on while lingering subscribe stays on: refused, nothing changed.
            let both = try await client.send("PUT", url, body: #"{"config":{"origin_fallback":{"enabled":true,"urls":["https://origin.example.org"]}}}"#)
            #expect(both.status == 400)
            #expect(both.text == RelayTests.failure(21009, #""config": origin_fallback and lingering_subscribe are mutually exclusive"#))

            // Each sub-object given replaces the whole sub-object: max_timeout_ms is back to its default.
            start = Timestamp.now()
            let switched = try await client.send("PUT", url, body: #"{"config":{"lingering_subscribe":{"enabled":false},"#
                                                 + #""origin_fallback":{"enabled":true,"urls":["https://origin.example.org"]}}}"#)
            at = RelayTests.stamp(switched, "modified", between: start, and: Timestamp.now())
            #expect(switched.text == RelayTests.ok(#"{"uid":"\#(RelayTests.staging)","created":"2025-11-21T09:00:00.000Z","modified":"\#(at)","#
                + #""name":"Staging v2","config":{"lingering_subscribe":{"enabled":false,"max_timeout_ms":30000},"#
                + #""origin_fallback":{"enabled":true,"urls":["https://origin.example.org"]}}}"#))
            let listed = try await client.send("GET", client.relaysURL())
            #expect(listed.json["result"]?[1] == JSONValue.object([
                ("uid", .string(RelayTests.staging)), ("created", .string("2025-11-21T09:00:00.000Z")), ("modified", .string(at)),
                ("name", .string("Staging v2")),
            ]))
        }
    }

    @Test func rotateGivesANewTokenOfTheTypeEachTime() async throws {
        try await withSandbox { _, client in
            let url = client.relaysURL("/\(RelayTests.production)/tokens/rotate")
            let before = try await client.send("GET", client.relaysURL("/" + RelayTests.production)).text
            let first = try await client.send("POST", url, body: #"{"type":"subscribe"}"#)
            #expect(first.status == 200)
            #expect(first.text == RelayTests.ok(#"{"type":"subscribe","token":"eyJhbGciOiJFZDI1NTE5IiwidHlwIjoiSldUIn0.eyJzdWIiOiI2NGQ1ZGJhYmNmMjY3OGQwOTk5YWM5NzI5ZGYzNDc4ZCIsInNjb3BlIjoic3Vic2NyaWJlIiwiZ2VuIjoyfQ.c2FuZGJveA"}"#))
            let second = try await client.send("POST", url, body: #"{"type":"subscribe"}"#)
            #expect(second.text == RelayTests.ok(#"{"type":"subscribe","token":"eyJhbGciOiJFZDI1NTE5IiwidHlwIjoiSldUIn0.eyJzdWIiOiI2NGQ1ZGJhYmNmMjY3OGQwOTk5YWM5NzI5ZGYzNDc4ZCIsInNjb3BlIjoic3Vic2NyaWJlIiwiZ2VuIjozfQ.c2FuZGJveA"}"#))
            let full = try await client.send("POST", url, body: #"{"type":"publish_subscribe"}"#)
            #expect(full.text == RelayTests.ok(#"{"type":"publish_subscribe","token":"eyJhbGciOiJFZDI1NTE5IiwidHlwIjoiSldUIn0.eyJzdWIiOiI2NGQ1ZGJhYmNmMjY3OGQwOTk5YWM5NzI5ZGYzNDc4ZCIsInNjb3BlIjoicHVibGlzaF9zdWJzY3JpYmUiLCJnZW4iOjJ9.c2FuZGJveA"}"#))
            // Tokens are never part of the relay; rotating one does not change the relay's metadata.
            #expect(try await client.send("GET", client.relaysURL("/" + RelayTests.production)).text == before)
        }
    }

    @Test func deletedRelayIsGoneFromEveryAnswer() async throws {
        try await withSandbox { _, client in
            let url = client.relaysURL("/" + RelayTests.fallback)
            let deleted = try await client.send("DELETE", url)
            #expect(deleted.status == 200)
            #expect(deleted.text == RelayTests.ok("null"))
            let gone = RelayTests.failure(21007, "A MoQ relay with this ID was not found.")
            for (method, path, body) in [("GET", "", nil), ("DELETE", "", nil), ("PUT", "", #"{"name":"x"}"#),
                                         ("POST", "/tokens/rotate", #"{"type":"subscribe"}"#)] {
                let answer = try await client.send(method, url + path, body: body)
                #expect(answer.status == 404, "\(method) \(path)")
                #expect(answer.text == gone, "\(method) \(path)")
            }
            let listed = try await client.send("GET", client.relaysURL()).json
            #expect(listed["result"]?.arrayValue?.compactMap { $0["uid"]?.stringValue } == [RelayTests.production, RelayTests.staging])
            #expect(listed["result_info"] == .object([("count", .int(2)), ("total", .int(2))]))
        }
    }

    @Test func refusalsCarryTheSchemaCodesAndChangeNothing() async throws {
        try await withSandbox { _, client in
            let relay = client.relaysURL("/" + RelayTests.production)
            let cases: [(String, String, String?, Int, Int, String)] = [
                ("GET", client.relaysURL("/not-a-relay"), nil, 400, 21003, "Relay ID should be 32 hex characters"),
                ("PUT", client.relaysURL("/" + RelayTests.production + "0"), "{}", 400, 21003, "Relay ID should be 32 hex characters"),
                ("GET", "\(client.baseURL)/accounts/ffffffffffffffffffffffffffffffff/moq/relays", nil, 404, 7003,
                 "account ffffffffffffffffffffffffffffffff not found"),
                ("POST", client.relaysURL(), nil, 400, 21002, #""name" is required"#),
                ("POST", client.relaysURL(), #"{"name":null}"#, 400, 21002, #""name" is required"#),
                ("POST", client.relaysURL(), #"{"name":""}"#, 400, 21002, #""name" is not allowed to be empty"#),
                ("POST", client.relaysURL(), #"{"name":5}"#, 400, 21004, #""name" must be a string"#),
                ("POST", client.relaysURL(), #"{"name":"#, 400, 21004, "request body is not valid JSON"),
                ("POST", client.relaysURL(), "[]", 400, 21004, #""value" must be of type object"#),
                ("PUT", relay, #"{"name":""}"#, 400, 21011, #""name" is not allowed to be empty"#),
                ("PUT", relay, #"{"config":[]}"#, 400, 21004, #""config" must be of type object"#),
                ("PUT", relay, #"{"config":{"lingering_subscribe":true}}"#, 400, 21004, #""config.lingering_subscribe" must be of type object"#),
                ("PUT", relay, #"{"config":{"lingering_subscribe":{"max_timeout_ms":300001}}}"#, 400, 21004,
                 #""config.lingering_subscribe.max_timeout_ms" must be less than or equal to 300000"#),
                ("PUT", relay, #"{"config":{"lingering_subscribe":{"max_timeout_ms":1.5}}}"#, 400, 21004,
                 #""config.lingering_subscribe.max_timeout_ms" must be an integer"#),
                ("PUT", relay, #"{"config":{"origin_fallback":{"enabled":"yes"}}}"#, 400, 21004, #""config.origin_fallback.enabled" must be a boolean"#),
                ("PUT", relay, #"{"config":{"origin_fallback":{"urls":[1]}}}"#, 400, 21004, #""config.origin_fallback.urls[0]" must be a string"#),
                ("POST", relay + "/tokens/rotate", "{}", 400, 21010, #""type" is required"#),
                ("POST", relay + "/tokens/rotate", #"{"type":"admin"}"#, 400, 21010, #""type" must be one of [publish_subscribe, subscribe]"#),
                ("POST", relay + "/tokens/rotate", #"{"type":1}"#, 400, 21010, #""type" must be one of [publish_subscribe, subscribe]"#),
                ("PATCH", relay, "{}", 405, 7001, "Method not allowed"),
            ]
            for (method, url, body, status, code, message) in cases {
                let answer = try await client.send(method, url, body: body)
                #expect(answer.status == status, "\(method) \(url) \(body ?? "")")
                #expect(answer.text == RelayTests.failure(code, message), "\(method) \(url) \(body ?? "")")
            }
            #expect(try await client.send("GET", client.relaysURL()).text == RelayTests.seededList)
            #expect(try await client.send("GET", relay).json["result"]?["config"]?.rendered == RelayTests.defaultConfig)
        }
    }

    @Test func knobsApplyToTheRelayRoutes() async throws {
        try await withSandbox({ $0.failRate = 1 }) { server, client in
            let failed = try await client.send("GET", client.relaysURL())
            #expect([500, 502, 503].contains(failed.status))
            #expect(failed.json.keys == ["success", "errors", "messages", "result"])
            #expect(failed.json["errors"]?[0]?["code"] == .int(21006))
            #expect(await server.requests().map(\.path) == ["/client/v4/accounts/\(client.account)/moq/relays"])
        }
        try await withSandbox({ $0.rateLimit = SandboxRateLimit(requests: 1, windowSeconds: 60) }) { _, client in
            #expect(try await client.send("GET", client.relaysURL()).status == 200)
            let limited = try await client.send("POST", client.relaysURL(), body: #"{"name":"x"}"#)
            #expect(limited.status == 429)
            #expect(limited.json["errors"]?[0]?["code"] == .int(971))
        }
        try await withSandbox { _, client in
            let large = #"{"name":""# + String(repeating: "x", count: RequestLogMiddleware.maxBodyBytes) + #""}"#
            let refused = try await client.send("POST", client.relaysURL(), body: large)
            #expect(refused.status == 413)
            #expect(refused.text == RelayTests.failure(21001, "Request body too large: larger than 1 MiB"))
        }
    }

    @Test func theRelaysAreTheSameForTheSameSeed() async throws {
        func listing(seed: UInt64) async throws -> String {
            try await withSandbox({ $0.seed = seed }) { _, client in
                _ = try await client.send("POST", client.relaysURL(), body: #"{"name":"Launch event"}"#)
                return try await client.send("GET", client.relaysURL()).json["result"]?.arrayValue?
                    .compactMap { $0["uid"]?.stringValue }.joined(separator: ",") ?? ""
            }
        }
        let first = try await listing(seed: 42)
        #expect(first == [RelayTests.production, RelayTests.staging, RelayTests.fallback, RelayTests.created].joined(separator: ","))
        #expect(try await listing(seed: 42) == first)
        #expect(try await listing(seed: 7) != first)
    }
}

extension TestClient {
    /// `<base>/accounts/<account>/moq/relays<suffix>`.
    func relaysURL(_ suffix: String = "") -> String {
        "\(baseURL)/accounts/\(account)/moq/relays\(suffix)"
    }
}
