import Testing
@testable import RTKQLSandbox

/// Credentials and the account/app scoping.
@Suite struct AuthTests {
    static let cloudflareAuthError = "{\"success\":false,\"errors\":[{\"code\":10000,\"message\":\"Authentication error\"}],\"messages\":[],\"result\":null}"

    @Test func missingAndWrongCredentials() async throws {
        try await withSandbox { _, client in
            let attempts: [[String: String]] = [
                [:],
                ["Authorization": "Bearer wrong"],
                ["Authorization": SandboxConfiguration.demoToken],
                ["Authorization": "Basic \(SandboxConfiguration.demoToken)"],
                ["X-Auth-Email": "me@example.com", "X-Auth-Key": "wrong"],
                ["X-Auth-Key": SandboxConfiguration.demoAPIKey],
            ]
            for headers in attempts {
                let result = try await client.send("GET", client.recordingsURL(), headers: headers)
                #expect(result.status == 401, "\(headers)")
                #expect(result.text == AuthTests.cloudflareAuthError)
            }
        }
    }

    @Test func bearerAndLegacyCredentials() async throws {
        try await withSandbox({ $0.tokens = ["t1", "t2"]; $0.apiKeys = ["k1"] }) { _, client in
            let attempts: [([String: String], Int)] = [
                (["Authorization": "Bearer t2"], 200),
                (["Authorization": "bearer t1"], 200),
                (TestClient.bearer, 401),
                (["X-Auth-Email": "anyone@example.com", "X-Auth-Key": "k1"], 200),
                (["X-Auth-Email": "", "X-Auth-Key": "k1"], 401),
            ]
            for (headers, status) in attempts {
                let result = try await client.send("GET", client.recordingsURL(), headers: headers)
                #expect(result.status == status, "\(headers)")
            }
        }
    }

    @Test func unknownAccountOrApp() async throws {
        try await withSandbox { _, client in
            let account = try await client.send("GET", client.recordingsURL(account: "ffffffffffffffffffffffffffffffff"))
            #expect(account.status == 404)
            #expect(account.json.keys == ["success", "error"])
            #expect(errorMessage(account) == "NOT_FOUND: account ffffffffffffffffffffffffffffffff not found")
            let app = try await client.send("GET", client.recordingsURL("/active-recording/x", app: "nope"))
            #expect(app.status == 404)
            #expect(errorMessage(app) == "NOT_FOUND: app nope not found")
            let second = try await client.send("GET", client.recordingsURL(app: SandboxConfiguration.demoAppIDs[1]))
            #expect(second.status == 200)
        }
    }

    @Test func appsAreIsolated() async throws {
        try await withSandbox { _, client in
            let other = client.forApp(SandboxConfiguration.demoAppIDs[1])
            let id = try #require(try await other.list("per_page=1").json["data"]?[0]?["id"]?.stringValue)
            #expect(try await other.get(id).status == 200)
            #expect(try await client.get(id).status == 404)
        }
    }
}
