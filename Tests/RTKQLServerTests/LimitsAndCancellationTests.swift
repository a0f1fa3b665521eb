import NIOCore
import RTKQLServer
import Testing

/// Bad input and runaway statements: each gets a clear error and leaves other connections alone.
@Suite struct LimitsAndCancellationTests {
    @Test func hugeValueFailsForThatClientOnly() async throws {
        try await ServerFixture.with { fixture in
            let greedy = try await WireClient.connected(port: fixture.port)
            let other = try await WireClient.connected(port: fixture.port)
            let failed = try await greedy.query("SELECT randomblob(900000000)")
            #expect(failed.error?["C"] == "54000")
            #expect(failed.error?["M"] == "SQL error: string or blob too big")
            #expect(try await other.query("SELECT 1").rows == [["1"]])
            #expect(try await greedy.query("SELECT 2").rows == [["2"]])
            await greedy.close()
            await other.close()
        }
    }

    @Test func tooLargeMessageEndsTheConnectionWithAnError() async throws {
        try await ServerFixture.with(maximumMessageSize: 4096) { fixture in
            let client = try await WireClient.connected(port: fixture.port)
            let messages = try await client.query(String(repeating: "x", count: 10_000))
            #expect(messages.types == "E")
            #expect(messages.error?["S"] == "FATAL")
            #expect(messages.error?["C"] == "54000")
            #expect(messages.error?["M"] == "message of 10006 bytes is larger than the server's limit of 4096 bytes")
            #expect(try await client.next() == nil)
            let other = try await WireClient.connected(port: fixture.port)
            #expect(try await other.query("SELECT 1").rows == [["1"]])
            await other.close()
        }
    }

    @Test func malformedMessageIsAProtocolViolation() async throws {
        try await ServerFixture.with { fixture in
            let client = try await WireClient.connected(port: fixture.port)
            try await client.sendRaw([UInt8(ascii: "Q"), 0, 0, 0, 8, 0x41, 0x42, 0x43, 0x44])  // no terminator
            let messages = try await client.readUntilReady()
            #expect(messages.error?["C"] == "08P01")
            #expect(messages.error?["M"] == "invalid string in Query message: no terminator")
            #expect(try await client.next() == nil)
        }
    }

    @Test func connectionLimitRefusesTheExtraClient() async throws {
        try await ServerFixture.with(maximumConnections: 1) { fixture in
            let first = try await WireClient.connected(port: fixture.port)
            let second = try await WireClient(port: fixture.port)
            try await second.startup(user: "rtkql")
            let refused = try await second.readUntilReady()
            #expect(refused.error?["C"] == "53300")
            #expect(try await first.query("SELECT 1").rows == [["1"]])
            await first.close()
        }
    }

    @Test func unknownUserIsRefused() async throws {
        try await ServerFixture.with { fixture in
            let client = try await WireClient(port: fixture.port)
            try await client.startup(user: "postgres")
            let refused = try await client.readUntilReady()
            #expect(refused.error?["C"] == "28000")
        }
    }

    @Test func sslRequestIsRefusedWithoutACertificate() async throws {
        try await ServerFixture.with { fixture in
            let client = try await WireClient(port: fixture.port)
            try await client.sendRaw([0, 0, 0, 8, 0x04, 0xD2, 0x16, 0x2F])
            #expect(try await client.nextByte() == UInt8(ascii: "N"))
            try await client.startup(user: "rtkql")
            #expect(try await client.readUntilReady().last?.type == "Z")
        }
    }

    @Test func cancelRequestStopsTheRunningStatement() async throws {
        try await ServerFixture.with { fixture in
            let client = try await WireClient(port: fixture.port)
            try await client.startup(user: "rtkql")
            let greeting = try await client.readUntilReady()
            var key = greeting.first { $0.type == "K" }!.body
            let processID: Int32 = key.readInteger()!
            let secret: Int32 = key.readInteger()!
            try await client.send("Q") {
                $0.writeNullTerminatedString("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c")
            }
            try await Task.sleep(for: .milliseconds(300))
            let canceller = try await WireClient(port: fixture.port)
            var request = ByteBuffer()
            request.writeInteger(Int32(16)); request.writeInteger(Int32(80_877_102))
            request.writeInteger(processID); request.writeInteger(secret)
            try await canceller.sendRaw(Array(request.readableBytesView))
            let messages = try await client.readUntilReady()
            #expect(messages.error?["C"] == "57014")
            #expect(messages.error?["M"] == "canceling statement due to user request")
            #expect(try await client.query("SELECT 1").rows == [["1"]])
            await client.close()
        }
    }

    @Test func statementTimeoutStopsARunawayQuery() async throws {
        try await ServerFixture.with { fixture in
            let client = try await WireClient.connected(port: fixture.port)
            #expect(try await client.query("SET statement_timeout = '150ms'").types == "CZ")
            let messages = try await client.query("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c")
            #expect(messages.error?["C"] == "57014")
            #expect(messages.error?["M"]?.hasPrefix("statement timeout: the statement ran longer than 0.15 s") == true)
            await client.close()
        }
    }
}

/// Abrupt disconnects and the command line's refusals.
@Suite struct DisconnectAndCommandLineTests {
    @Test(.timeLimit(.minutes(1))) func clientLeavingMidStatementStopsIt() async throws {
        try await ServerFixture.with { fixture in
            let leaving = try await WireClient.connected(port: fixture.port)
            try await leaving.send("Q") {
                $0.writeNullTerminatedString("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c")
            }
            try await Task.sleep(for: .milliseconds(200))
            await leaving.close()
            let other = try await WireClient.connected(port: fixture.port)
            #expect(try await other.query("SELECT 1").rows == [["1"]])
            await other.close()
            while fixture.server.connectionCount > 0 { try await Task.sleep(for: .milliseconds(50)) }
        }
    }

    /// Clients that connect and never finish authenticating are let go after the authentication timeout
    /// (the silent one and the one that stops halfway through SCRAM), with SQLSTATE 08006; an authenticated
    /// client is not affected by it.
    @Test(.timeLimit(.minutes(1))) func clientsThatDoNotAuthenticateInTimeAreClosed() async throws {
        let verifier = try SCRAMVerifier(password: "secret")
        try await ServerFixture.with(authentication: .scram(verifier), authenticationTimeout: .milliseconds(400)) { fixture in
            let silent = try await WireClient(port: fixture.port)
            let halfway = try await WireClient(port: fixture.port)
            try await halfway.startup(user: "rtkql")
            let challenge = try await halfway.next()
            #expect(challenge?.type == "R")
            for client in [silent, halfway] {
                let error = try await client.next()
                #expect(error?.type == "E")
                #expect(error?.fields["C"] == "08006")
                #expect(error?.fields["M"] == "authentication timed out")
                #expect(try await client.next() == nil)
            }
        }
        try await ServerFixture.with(authenticationTimeout: .milliseconds(200)) { fixture in
            let client = try await WireClient.connected(port: fixture.port)
            try await Task.sleep(for: .milliseconds(600))
            #expect(try await client.query("SELECT 1").rows == [["1"]])
            await client.close()
        }
    }

    @Test func serveRefusesTrustOffLoopbackAndAMissingPassword() throws {
        let binary = RealClientTests.clientsDirectory.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(".build/debug/rtkql").path
        let trust = try run(binary, ["serve", "--listen", "0.0.0.0:0", "--trust-loopback"], environment: [:])
        #expect(trust.status == 2)
        #expect(trust.output.contains("--trust-loopback needs a loopback --listen address (127.0.0.1, ::1 or localhost), not 0.0.0.0"))
        let noPassword = try run("/usr/bin/env", ["-u", "RTKQL_SERVER_PASSWORD", binary, "serve", "--listen", "127.0.0.1:0"],
                                 environment: [:])
        #expect(noPassword.status == 2)
        #expect(noPassword.output.contains("set a password for --user rtkql: RTKQL_SERVER_PASSWORD or --password-file"))
        let badListen = try run(binary, ["serve", "--listen", "nowhere"], environment: [:])
        #expect(badListen.status == 2)
        #expect(badListen.output.contains("--listen expects HOST:PORT, for example 127.0.0.1:5433"))
    }
}
