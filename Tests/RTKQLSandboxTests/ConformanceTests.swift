import RTKQLJSON
import Foundation
import Testing
@testable import RTKQLSandbox

/// Every operation of the published description (spec/realtime_kit.yaml), called on the sandbox over HTTP:
/// the answer's status and body against the operation's response schema, and the request validation against
/// its request schema.
@Suite struct ConformanceTests {
    /// The order operations run in: reads first, then creates and changes, then what ends things (delete,
    /// stop, kick everyone), then what needs them ended (starting a meeting's livestream again).
    static func phase(_ operation: OpenAPIDocument.Operation) -> Int {
        switch operation.id {
        case "GetSessionSummary": return 2  // after post-sessions-session_id-summary asked for one
        case "stop_livestreaming", "KickAllParticipants", "MuteAllParticipants": return 3
        case "start-livestreaming": return 4
        default: return operation.method == "GET" ? 0 : operation.method == "DELETE" ? 3 : 1
        }
    }

    @Test func everyOperationAnswersWhatItsSchemaSays() async throws {
        let document = try OpenAPIDocument.load()
        let validator = SchemaValidator(document: document)
        let operations = document.operations.sorted { ConformanceTests.phase($0) < ConformanceTests.phase($1) }
        #expect(operations.count == 63)
        try await withSandbox { server, client in
            let fixtures = try await ConformanceFixtures.discover(client)
            #expect(fixtures.isComplete, "seeded data lacks something: \(fixtures)")
            for operation in operations {
                let url = client.baseURL + fixtures.path(operation, account: client.account, app: client.app)
                let body = operation.requestSchema.map { BodyMaker(document: document, fixtures: fixtures, operation: operation.id).make($0) }
                let result = try await client.send(operation.method, url, body: body?.rendered)
                let declared = try #require(operation.successStatus, "\(operation.id) declares no success")
                let statusMatches = declared == "2XX" ? (200..<300).contains(result.status) : String(result.status) == declared
                #expect(statusMatches, "\(operation.id): \(result.status), declared \(declared): \(result.text.prefix(300))")
                guard statusMatches, let schema = operation.responses.first(where: { $0.status == declared })?.schema else { continue }
                let problems = validator.problems(result.json, schema)
                #expect(problems.isEmpty, "\(operation.id): \(problems.prefix(8))")
            }
            // Every operation was served by a route (none fell through to "No route" or 405).
            let statuses = await server.requests().map(\.status)
            #expect(!statuses.contains(405))
        }
    }

    /// Each top-level property of each request schema: left out when required, given the wrong type, out of
    /// range, or off its enum, the request is refused with a 4xx whose message names the property.
    @Test func requestValidationNamesTheProperty() async throws {
        let document = try OpenAPIDocument.load()
        // The sandbox follows the newest published schema here: the track body's `layers` became optional.
        let newerSchema: Set<String> = ["startTrackRecordingForAMeeting.layers"]
        try await withSandbox { _, client in
            let fixtures = try await ConformanceFixtures.discover(client)
            var checked = 0
            for operation in document.operations {
                guard let schema = operation.requestSchema.flatMap(document.resolve) else { continue }
                let valid = BodyMaker(document: document, fixtures: fixtures, operation: operation.id).make(schema)
                let url = client.baseURL + fixtures.path(operation, account: client.account, app: client.app)
                let properties = OpenAPIDocument.object(schema["properties"]) ?? [:]
                var cases: [(String, String, JSONValue)] = []
                for key in (schema["required"] as? [String] ?? []) where !newerSchema.contains(operation.id + "." + key) {
                    cases.append(("missing", key, .object((valid.objectMembers ?? []).filter { $0.0 != key })))
                }
                for (key, raw) in properties.sorted(by: { $0.key < $1.key }) {
                    guard let property = document.resolve(raw) else { continue }
                    for (name, broken) in ConformanceTests.brokenValues(property) { cases.append((name, key, valid.setting(key, broken))) }
                    // One level down: the members of an object property, inside a valid object.
                    guard let members = OpenAPIDocument.object(property["properties"]), property["type"] as? String == "object" else { continue }
                    let base = BodyMaker(document: document, fixtures: fixtures, operation: operation.id).make(property)
                    for (member, memberRaw) in members.sorted(by: { $0.key < $1.key }) {
                        guard let memberSchema = document.resolve(memberRaw) else { continue }
                        for (name, broken) in ConformanceTests.brokenValues(memberSchema) {
                            cases.append((name, key + "." + member, valid.setting(key, base.setting(member, broken))))
                        }
                    }
                }
                for (kind, key, body) in cases {
                    let result = try await client.send(operation.method, url, body: body.rendered)
                    let message = result.json["error"]?["message"]?.stringValue ?? result.json["errors"]?[0]?["message"]?.stringValue
                        ?? result.text
                    #expect((400..<500).contains(result.status) && message.contains("\"\(key)"),
                            "\(operation.id) \(kind) \(key): \(result.status) \(message)")
                    checked += 1
                }
            }
            #expect(checked > 60)
        }
    }

    /// The wrong-type, out-of-range and off-enum values of a property, named.
    static func brokenValues(_ property: [String: Any]) -> [(String, JSONValue)] {
        var values: [(String, JSONValue)] = []
        if let wrong = wrongType(property) { values.append(("wrong type", wrong)) }
        if let outside = outOfRange(property) { values.append(("out of range", outside)) }
        if property["enum"] != nil, property["type"] as? String == "string" { values.append(("bad enum", .string("not-a-value"))) }
        return values
    }

    /// A value of another JSON type than the property's.
    static func wrongType(_ property: [String: Any]) -> JSONValue? {
        switch property["type"] as? String {
        case "string": return .int(12345)
        case "number", "integer", "boolean", "array", "object": return .string("wrong-type")
        default: return nil
        }
    }

    /// A number just outside the property's declared range.
    static func outOfRange(_ property: [String: Any]) -> JSONValue? {
        guard ["number", "integer"].contains(property["type"] as? String ?? "") else { return nil }
        if let maximum = property["maximum"] as? Int { return .int(Int64(maximum) + 1) }
        if let minimum = property["minimum"] as? Int { return .int(Int64(minimum) - 1) }
        return nil
    }
}

/// The validator the conformance test relies on finds each kind of drift.
@Suite struct SchemaValidatorTests {
    @Test func findsEveryKindOfDrift() throws {
        let document = try OpenAPIDocument.load()
        let operation = try #require(document.operations.first { $0.id == "get_all_meetings" })
        let schema = try #require(operation.responses.first { $0.status == "200" }?.schema)
        let answer = try JSONValue.parseRequest(Array("""
            {"success":true,"data":[{"id":"not-a-uuid","created_at":"yesterday","updated_at":null,"status":"SLEEPING",
            "title":7,"session_keep_alive_time_in_secs":5}]}
            """.utf8))
        #expect(SchemaValidator(document: document).problems(answer, schema) == [
            "$: required key paging missing",
            "$.data[0].id: not-a-uuid not a uuid",
            "$.data[0].created_at: yesterday not a date-time",
            "$.data[0].updated_at: null but not nullable",
            "$.data[0].status: SLEEPING not one of [\"ACTIVE\", \"INACTIVE\"]",
            "$.data[0].title: number, not a string",
            "$.data[0].session_keep_alive_time_in_secs: 5.0 below minimum 60.0",
        ].sorted())
    }
}
