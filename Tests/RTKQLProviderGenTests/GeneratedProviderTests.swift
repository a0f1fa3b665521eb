import Foundation
import RTKQLProvider
import RTKQLProviderGen
import Testing

/// The committed provider data and resource docs are what the generator makes of the committed spec and
/// overlay (run `make provider` after changing either), and keep StackQL's names and verbs.
@Suite struct GeneratedProviderTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func generate() throws -> ProviderGenerator.Output {
        try ProviderGenerator.generate(spec: root.appendingPathComponent("spec/realtime_kit.yaml"),
                                       overlay: root.appendingPathComponent("spec/rtkql-overlay.yaml"))
    }

    @Test func committedProviderDataIsAFreshGeneration() throws {
        let output = try GeneratedProviderTests.generate()
        let committed = try String(contentsOf: GeneratedProviderTests.root.appendingPathComponent(
            "Sources/RTKQLProvider/Resources/providers/cloudflare.json"), encoding: .utf8)
        #expect(committed == output.json, "cloudflare.json is stale: run `make provider`")
        let docs = try String(contentsOf: GeneratedProviderTests.root.appendingPathComponent("docs/resources.md"), encoding: .utf8)
        #expect(docs == output.markdown, "docs/resources.md is stale: run `make provider`")
    }

    @Test func generationIsDeterministic() throws {
        #expect(try GeneratedProviderTests.generate().json == GeneratedProviderTests.generate().json)
    }

    @Test func everyStackQLResourceAndMethodKeepsItsNameAndVerb() throws {
        let service = try #require(try GeneratedProviderTests.generate().provider.service(named: "realtime_kit"))
        #expect(service.resources.count == 27)
        #expect(service.resources.map(\.name) == [
            "active_session", "analytics", "apps", "kit_livestreams", "kit_meetings", "kit_recordings", "kit_sessions",
            "livestream", "livestream_sessions", "livestreams", "livestreams_active_livestream",
            "livestreams_active_livestream_session", "livestreams_overall", "livestreams_sessions", "meetings",
            "meetings_participants", "presets", "recordings", "recordings_active_recording", "relays", "sessions",
            "sessions_chat", "sessions_participants", "sessions_peer_report", "sessions_summary", "sessions_transcript",
            "webhooks",
        ])
        // 63 StackQL methods, plus rtkql's three recordings methods (get by ID, start, active recording).
        #expect(service.resources.map(\.methods.count).reduce(0, +) == 66)
        func verbs(_ resource: String) -> [String] {
            service.resource(named: resource)?.methods.map { "\($0.name):\($0.sqlVerb.rawValue)" } ?? []
        }
        #expect(verbs("meetings") == [
            "create:insert", "update_meeting_by_id:update", "replace_meeting_by_id:replace", "add_participant:insert",
            "delete_meeting_participant:delete", "edit_participant:update", "refresh_participant_token:insert",
        ])
        #expect(verbs("active_session") == ["list:select", "kick:exec", "kick_all:exec", "mute:exec", "mute_all:exec", "create_poll:exec"])
        #expect(verbs("recordings") == [
            "list:select", "get_one_recording:select", "pause_resume_stop_recording:replace", "create_track:exec",
            "start:exec", "get_active_recording:exec",
        ])
        #expect(verbs("webhooks") == [
            "list:select", "create_webhook:insert", "delete_webhook:delete", "get:select", "edit_webhook:update",
            "replace_webhook:replace",
        ])
    }

    @Test func rowsComeFromTheRowPathAndPagingStylesAreData() throws {
        let service = try #require(try GeneratedProviderTests.generate().provider.service(named: "realtime_kit"))
        func method(_ resource: String, _ name: String) throws -> MethodDefinition {
            try #require(service.resource(named: resource)?.method(named: name))
        }
        #expect(try method("sessions", "list").response.rows == "data.sessions")
        #expect(try method("sessions_participants", "list").response.rows == "data.participants")
        #expect(try method("sessions_participants", "get_by_account").response.rows == "data.participant")
        #expect(try method("kit_sessions", "get_by_account").response.rows == "data.session")
        #expect(try method("active_session", "list").response.rows == "data")
        #expect(try method("apps", "list").response.rows == "data")
        #expect(try method("livestream", "list").response.rows == "data.livestreams")

        #expect(try method("kit_meetings", "list_by_account").pagination
                == Pagination(pageParameter: "page_no", sizeParameter: "per_page", pageSize: 100,
                              totalCount: "paging.total_count", style: .besideData))
        #expect(try method("kit_livestreams", "list").pagination
                == Pagination(pageParameter: "page_no", sizeParameter: "per_page", pageSize: 100,
                              totalCount: "data.paging.total_count", style: .insideData))
        #expect(try method("sessions", "list").pagination
                == Pagination(pageParameter: "page_no", sizeParameter: "per_page", pageSize: 100, totalCount: nil, style: PagingStyle.none))
        #expect(try method("apps", "list").pagination == nil)
        #expect(try method("kit_meetings", "get_by_account").pagination == nil)
    }

    @Test func fieldsCarryTypesFormatsEnumsAndNullability() throws {
        let service = try #require(try GeneratedProviderTests.generate().provider.service(named: "realtime_kit"))
        let sessions = try #require(service.resource(named: "sessions"))
        let status = try #require(sessions.field(named: "status"))
        #expect(status.type == .string)
        let livestreams = try #require(service.resource(named: "kit_livestreams"))
        #expect(livestreams.field(named: "paging") == nil)
        #expect(livestreams.field(named: "status")?.enum == ["LIVE", "IDLE", "ERRORED", "INVOKED"])
        #expect(livestreams.field(named: "id")?.format == "uuid")
        let kitRecordings = try #require(service.resource(named: "kit_recordings"))
        #expect(kitRecordings.field(named: "session_id")?.nullable == true)
        #expect(kitRecordings.field(named: "id")?.nullable == nil)
    }

    @Test func aBrokenOverlayIsRefusedWithItsReason() throws {
        let spec = try String(contentsOf: GeneratedProviderTests.root.appendingPathComponent("spec/realtime_kit.yaml"), encoding: .utf8)
        let overlay = """
            provider:
              name: cloudflare
              title: Cloudflare API
              version: v1
              baseURL: https://example.invalid
              auth: {bearerTokenEnvironment: TOKEN}
              service: {name: realtime_kit, title: RTK, description: d}
            pageSize: 100
            listCost: 10
            resources:
              no_such_resource: {}
            """
        #expect {
            try ProviderGenerator.generate(specYAML: spec, overlayYAML: overlay)
        } throws: { error in
            "\(error)" == "the overlay names resource no_such_resource, which StackQL's mapping does not have"
        }
    }
}
