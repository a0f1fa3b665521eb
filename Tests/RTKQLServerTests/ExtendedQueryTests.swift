import NIOCore
import Testing

/// The extended query protocol: Parse/Bind/Describe/Execute/Sync with `$n` parameters bound server-side,
/// text and binary formats, named statements and portals, and partial fetches.
@Suite struct ExtendedQueryTests {
    private func parse(_ client: WireClient, name: String = "", _ sql: String, types: [Int32] = []) async throws {
        try await client.send("P") { body in
            body.writeNullTerminatedString(name)
            body.writeNullTerminatedString(sql)
            body.writeInteger(Int16(types.count))
            for type in types { body.writeInteger(type) }
        }
    }

    private func bind(_ client: WireClient, portal: String = "", statement: String = "", text parameters: [String?],
                      resultFormats: [Int16] = []) async throws {
        try await client.send("B") { body in
            body.writeNullTerminatedString(portal)
            body.writeNullTerminatedString(statement)
            body.writeInteger(Int16(0))
            body.writeInteger(Int16(parameters.count))
            for parameter in parameters {
                guard let parameter else { body.writeInteger(Int32(-1)); continue }
                body.writeInteger(Int32(parameter.utf8.count))
                body.writeString(parameter)
            }
            body.writeInteger(Int16(resultFormats.count))
            for format in resultFormats { body.writeInteger(format) }
        }
    }

    private func describePortal(_ client: WireClient, _ name: String = "") async throws {
        try await client.send("D") { $0.writeInteger(UInt8(ascii: "P")); $0.writeNullTerminatedString(name) }
    }

    private func execute(_ client: WireClient, _ portal: String = "", maxRows: Int32 = 0) async throws {
        try await client.send("E") { $0.writeNullTerminatedString(portal); $0.writeInteger(maxRows) }
    }

    @Test func parametersAreBoundServerSideAndResultsComeInBinary() async throws {
        try await ServerFixture.with { fixture in
            let client = try await WireClient.connected(port: fixture.port)
            try await parse(client, """
                SELECT id, recording_duration, invoked_time FROM cloudflare.realtime_kit.recordings
                WHERE account_id = $1 AND app_id = $2 AND recording_duration > $3 ORDER BY invoked_time LIMIT 1
                """, types: [0, 0, 20])
            try await bind(client, text: [fixture.account, fixture.app, "4000"], resultFormats: [0, 1, 1])
            try await describePortal(client)
            try await execute(client)
            try await client.send("S")
            let messages = try await client.readUntilReady()
            #expect(messages.types == "12TDCZ")
            #expect(messages[2].columns.map(\.oid) == [25, 20, 1184])
            let row = messages[3].rawValues
            #expect(row[0].map { String(decoding: $0, as: UTF8.self) } == "648660a0-5830-47e3-a1b3-24b2ee8d1bc9")
            #expect(row[1] == [0, 0, 0, 0, 0, 0, 0x13, 0x6D])  // 4973
            // 2026-01-01 06:18:22 UTC in microseconds since 2000-01-01.
            var timestamp = ByteBuffer(bytes: row[2]!)
            #expect(timestamp.readInteger(as: Int64.self) == 820_563_502_000_000)
            await client.close()
        }
    }

    @Test func namedPortalIsReadInPartsWithPortalSuspended() async throws {
        try await ServerFixture.with { fixture in
            let client = try await WireClient.connected(port: fixture.port)
            try await parse(client, name: "three", "VALUES (1), (2), (3)")
            try await bind(client, portal: "p", statement: "three", text: [])
            try await execute(client, "p", maxRows: 2)
            try await execute(client, "p", maxRows: 2)
            try await client.send("S")
            let messages = try await client.readUntilReady()
            #expect(messages.types == "12DDsDCZ")
            #expect(messages.rows == [["1"], ["2"], ["3"]])
            #expect(messages.first { $0.type == "C" }?.tag == "SELECT 3")
            await client.close()
        }
    }

    @Test func errorSkipsToSyncAndWrongParameterCountIsRefused() async throws {
        try await ServerFixture.with { fixture in
            let client = try await WireClient.connected(port: fixture.port)
            try await parse(client, "SELECT $1 + $2")
            try await bind(client, text: ["1"])
            try await execute(client)
            try await client.send("S")
            let messages = try await client.readUntilReady()
            #expect(messages.types == "1EZ")
            #expect(messages.error?["M"] == "bind message supplies 1 parameters, but prepared statement \"\" requires 2")
            try await parse(client, "SELECT 1; SELECT 2")
            try await client.send("S")
            #expect(try await client.readUntilReady().error?["M"] == "cannot insert multiple commands into a prepared statement")
            await client.close()
        }
    }
}
