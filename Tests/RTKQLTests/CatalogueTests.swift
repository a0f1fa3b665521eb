import RTKQL
import RTKQLProvider
import Testing

/// SHOW RESOURCES, SHOW METHODS and DESCRIBE over every generated resource, with StackQL's columns.
@Suite struct CatalogueTests {
    let engine = Engine(configuration: EngineConfiguration())
    let resources = ProviderRegistry.bundled.allResources

    @Test func showResourcesListsEveryResource() async throws {
        let listed = try await engine.query("SHOW RESOURCES IN cloudflare.realtime_kit")
        #expect(listed.columns == ["name", "id", "description"])
        #expect(listed.rows.map { $0[1] } == resources.map { .text($0.fullName) })
        #expect(resources.count == 27)
    }

    @Test func showMethodsForEveryResource() async throws {
        for resolved in resources {
            let methods = try await engine.query("SHOW METHODS IN \(resolved.fullName)")
            #expect(methods.columns == ["MethodName", "RequiredParams", "SQLVerb"])
            #expect(methods.rows == resolved.resource.methods.map {
                [.text($0.name), .text($0.requiredInputs.joined(separator: ", ")), .text($0.sqlVerb.rawValue.uppercased())]
            }, "\(resolved.fullName)")
            #expect(!methods.rows.isEmpty, "\(resolved.fullName) has no methods")
            let extended = try await engine.query("SHOW EXTENDED METHODS IN \(resolved.fullName)")
            #expect(extended.columns == ["MethodName", "RequiredParams", "OptionalParams", "SQLVerb", "description"])
            #expect(extended.rows.map { [$0[0], $0[1], $0[3]] } == methods.rows, "\(resolved.fullName)")
            #expect(extended.rows.map { $0[2] } == resolved.resource.methods.map { .text($0.optionalInputs.joined(separator: ", ")) })
        }
        // OptionalParams: the optional parameters, then the body's optional properties (the required ones are
        // in RequiredParams).
        let webhooks = try await engine.query("SHOW EXTENDED METHODS IN cloudflare.realtime_kit.webhooks")
        #expect(webhooks.rows.map { [$0[0], $0[2]] } == [
            [.text("list"), .text("")], [.text("create_webhook"), .text("enabled")], [.text("delete_webhook"), .text("")],
            [.text("get"), .text("")], [.text("edit_webhook"), .text("enabled, events, name, url")],
            [.text("replace_webhook"), .text("enabled")],
        ])
    }

    /// Two generated resources pinned by hand: every SQL verb, and EXEC methods. RequiredParams are the path
    /// parameters, then the request body's required properties in the schema's order.
    @Test func showMethodsOfWebhooksAndActiveSession() async throws {
        let webhooks = try await engine.query("SHOW METHODS IN cloudflare.realtime_kit.webhooks")
        #expect(webhooks.rows == [
            [.text("list"), .text("account_id, app_id"), .text("SELECT")],
            [.text("create_webhook"), .text("account_id, app_id, name, url, events"), .text("INSERT")],
            [.text("delete_webhook"), .text("account_id, app_id, webhook_id"), .text("DELETE")],
            [.text("get"), .text("account_id, app_id, webhook_id"), .text("SELECT")],
            [.text("edit_webhook"), .text("account_id, app_id, webhook_id"), .text("UPDATE")],
            [.text("replace_webhook"), .text("account_id, app_id, webhook_id, name, url, events"), .text("REPLACE")],
        ])
        let active = try await engine.query("SHOW METHODS IN cloudflare.realtime_kit.active_session LIKE 'mute%'")
        #expect(active.rows == [
            [.text("mute"), .text("account_id, app_id, meeting_id, participant_ids, custom_participant_ids"), .text("EXEC")],
            [.text("mute_all"), .text("account_id, app_id, meeting_id, allow_unmute"), .text("EXEC")],
        ])
    }

    /// An INSERT method and an EXEC method whose bodies have required properties, with SHOW METHODS and SHOW
    /// EXTENDED METHODS: the body's required properties are required parameters too.
    @Test func showMethodsOfRelaysListsTheBodysRequiredProperties() async throws {
        let relays = try await engine.query("SHOW METHODS IN cloudflare.realtime_kit.relays")
        #expect(relays.rows == [
            [.text("list"), .text("account_id"), .text("SELECT")],
            [.text("post_accounts_account_id_moq_relays"), .text("account_id, name"), .text("INSERT")],
            [.text("delete_accounts_account_id_moq_relays_relay_id"), .text("account_id, relay_id"), .text("DELETE")],
            [.text("get"), .text("account_id, relay_id"), .text("SELECT")],
            [.text("put_accounts_account_id_moq_relays_relay_id"), .text("account_id, relay_id"), .text("REPLACE")],
            [.text("rotate"), .text("account_id, relay_id, type"), .text("EXEC")],
        ])
        let extended = try await engine.query("SHOW EXTENDED METHODS IN cloudflare.realtime_kit.relays LIKE 'post%'")
        #expect(extended.rows == [[
            .text("post_accounts_account_id_moq_relays"), .text("account_id, name"), .text(""), .text("INSERT"),
            .text("Provisions a new MoQ relay instance. Auto-creates a publish+subscribe token and a subscribe-only token. Token "
                  + "values are included in the response (shown once). Config is set to defaults (lingering subscribe enabled, 30s "
                  + "ceiling, origin fallback off). Use PUT to modify."),
        ]])
        let rotate = try await engine.query("SHOW EXTENDED METHODS IN cloudflare.realtime_kit.relays LIKE 'rotate'")
        #expect(rotate.rows == [[
            .text("rotate"), .text("account_id, relay_id, type"), .text(""), .text("EXEC"),
            .text("Generates a new token for the specified type. The old token is immediately invalidated. Token value is shown "
                  + "once in the response."),
        ]])
    }

    @Test func describeEveryResource() async throws {
        for resolved in resources {
            let described = try await engine.query("DESCRIBE \(resolved.fullName)")
            #expect(described.columns == ["name", "type"])
            let fields = resolved.resource.fields
            #expect(Array(described.rows.prefix(fields.count)) == fields.map { [.text($0.name), .text($0.displayType)] }, "\(resolved.fullName)")
            for row in described.rows.dropFirst(fields.count) {
                guard case .text(let type) = row[1] else { Issue.record("\(row)"); continue }
                #expect(type.hasSuffix(" parameter"), "\(resolved.fullName): \(row)")
            }
            let extended = try await engine.query("DESCRIBE EXTENDED \(resolved.fullName)")
            #expect(extended.columns == ["name", "type", "description"])
            #expect(extended.rows.map { [$0[0], $0[1]] } == described.rows, "\(resolved.fullName)")
        }
    }

    @Test func describeWebhooks() async throws {
        let described = try await engine.query("DESCRIBE cloudflare.realtime_kit.webhooks")
        #expect(described.rows.map { $0[0] } == ["created_at", "enabled", "events", "id", "name", "updated_at", "url",
                                                 "account_id", "app_id", "webhook_id"].map { .text($0) })
    }
}
