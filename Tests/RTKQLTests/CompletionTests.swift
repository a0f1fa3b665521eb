import RTKQL
import RTKQLProvider
import Testing

/// The shell's tab completion over the generated provider data.
@Suite struct CompletionTests {
    let vocabulary = CompletionVocabulary(registry: .bundled, extraWords: [".help", ".mode"])

    @Test func resourceNamesCompleteToResourcesNotMethods() {
        #expect(vocabulary.candidates(for: "cloudflare.realtime_kit.sess") == [
            "cloudflare.realtime_kit.sessions", "cloudflare.realtime_kit.sessions_chat",
            "cloudflare.realtime_kit.sessions_participants", "cloudflare.realtime_kit.sessions_peer_report",
            "cloudflare.realtime_kit.sessions_summary", "cloudflare.realtime_kit.sessions_transcript",
        ])
        #expect(vocabulary.candidates(for: "realtime_kit.kit_") == [
            "realtime_kit.kit_livestreams", "realtime_kit.kit_meetings", "realtime_kit.kit_recordings", "realtime_kit.kit_sessions",
        ])
    }

    @Test func methodsAfterTheResourceAndItsDot() {
        #expect(vocabulary.candidates(for: "cloudflare.realtime_kit.active_session.") == [
            "cloudflare.realtime_kit.active_session.create_poll", "cloudflare.realtime_kit.active_session.kick",
            "cloudflare.realtime_kit.active_session.kick_all", "cloudflare.realtime_kit.active_session.list",
            "cloudflare.realtime_kit.active_session.mute", "cloudflare.realtime_kit.active_session.mute_all",
        ])
        #expect(vocabulary.candidates(for: "realtime_kit.active_session.MU") == [
            "realtime_kit.active_session.mute", "realtime_kit.active_session.mute_all",
        ])
    }

    @Test func columnsParametersAndBodyProperties() {
        // webhooks: its columns and its parameters.
        #expect(vocabulary.candidates(for: "webhook_") == ["webhook_id"])
        for word in ["created_at", "enabled", "events", "id", "name", "updated_at", "url", "account_id", "app_id"] {
            #expect(vocabulary.candidates(for: word).contains(word), "\(word)")
        }
        #expect(vocabulary.candidates(for: "sel") == ["select"])
        #expect(vocabulary.candidates(for: "INS") == ["INSERT"])
        #expect(vocabulary.candidates(for: ".he") == [".help"])
    }

    @Test func everyResourceColumnParameterAndMethodIsOffered() throws {
        let resources = ProviderRegistry.bundled.allResources
        #expect(resources.count == 27)
        for resolved in resources {
            #expect(vocabulary.candidates(for: resolved.fullName).contains(resolved.fullName))
            for field in resolved.resource.fields { #expect(vocabulary.words.contains(field.name), "\(resolved.fullName).\(field.name)") }
            for parameter in resolved.resource.parameters { #expect(vocabulary.words.contains(parameter.name)) }
            let methods = vocabulary.candidates(for: resolved.fullName + ".")
            #expect(methods == resolved.resource.methods.map { "\(resolved.fullName).\($0.name)" }.sorted(), "\(resolved.fullName)")
            for method in resolved.resource.methods {
                for parameter in method.parameters { #expect(vocabulary.words.contains(parameter.name)) }
                for property in method.body?.properties.keys.sorted() ?? [] { #expect(vocabulary.words.contains(property)) }
            }
        }
    }
}
