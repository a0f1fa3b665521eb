import NIOCore
import RTKQLServer
import Testing

/// The frontend message parser against random and mutated byte streams: it returns messages, asks for
/// more bytes, or reports a protocol violation — never crashes, loops, or reads past its input.
@Suite struct FrontendParserFuzzTests {
    /// A valid session: startup, a query, an extended-protocol cycle, terminate.
    static let validStream: [UInt8] = {
        var buffer = ByteBuffer()
        func message(_ type: Character?, _ fill: (inout ByteBuffer) -> Void) {
            var body = ByteBuffer()
            fill(&body)
            if let type { buffer.writeInteger(type.asciiValue!) }
            buffer.writeInteger(Int32(body.readableBytes + 4))
            buffer.writeBuffer(&body)
        }
        message(nil) { $0.writeInteger(Int32(196_608)); $0.writeNullTerminatedString("user"); $0.writeNullTerminatedString("rtkql"); $0.writeInteger(UInt8(0)) }
        message("Q") { $0.writeNullTerminatedString("SELECT 1") }
        message("P") { $0.writeNullTerminatedString("s"); $0.writeNullTerminatedString("SELECT $1"); $0.writeInteger(Int16(1)); $0.writeInteger(Int32(20)) }
        message("B") { body in
            body.writeNullTerminatedString(""); body.writeNullTerminatedString("s")
            body.writeInteger(Int16(1)); body.writeInteger(Int16(1))
            body.writeInteger(Int16(1)); body.writeInteger(Int32(8)); body.writeInteger(Int64(7))
            body.writeInteger(Int16(0))
        }
        message("D") { $0.writeInteger(UInt8(ascii: "P")); $0.writeNullTerminatedString("") }
        message("E") { $0.writeNullTerminatedString(""); $0.writeInteger(Int32(0)) }
        message("S") { _ in }
        message("X") { _ in }
        return Array(buffer.readableBytesView)
    }()

    /// Parses `bytes` fed in chunks of `chunk` bytes; returns the messages and whether it stopped on a violation.
    static func parseAll(_ bytes: [UInt8], chunk: Int) -> (messages: [FrontendMessage], violation: ProtocolViolation?) {
        var parser = FrontendMessageParser(maximumMessageSize: 1 << 16)
        var buffer = ByteBuffer()
        var messages: [FrontendMessage] = []
        var offset = 0
        while offset < bytes.count {
            buffer.writeBytes(bytes[offset..<min(bytes.count, offset + chunk)])
            offset += chunk
            do {
                while let message = try parser.next(from: &buffer) { messages.append(message) }
            } catch {
                return (messages, error)
            }
        }
        return (messages, nil)
    }

    @Test func validStreamParsesInAnyChunking() {
        for chunk in [1, 2, 3, 7, 64, 4096] {
            let (messages, violation) = Self.parseAll(Self.validStream, chunk: chunk)
            #expect(violation == nil)
            #expect(messages.count == 8)
            #expect(messages[1] == .query("SELECT 1"))
            #expect(messages[2] == .parse(name: "s", query: "SELECT $1", parameterTypes: [20]))
            #expect(messages.last == .terminate)
        }
    }

    @Test func mutatedAndRandomStreamsNeverCrash() {
        var generator = SeededGenerator(seed: 17)
        var violations = 0
        for round in 0..<20_000 {
            var bytes = Self.validStream
            if round % 4 == 0 {
                bytes = (0..<Int.random(in: 0...300, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            } else {
                for _ in 0..<Int.random(in: 1...6, using: &generator) {
                    let index = Int.random(in: 0..<bytes.count, using: &generator)
                    switch Int.random(in: 0...2, using: &generator) {
                    case 0: bytes[index] = UInt8.random(in: 0...255, using: &generator)
                    case 1: bytes.remove(at: index)
                    default: bytes.insert(UInt8.random(in: 0...255, using: &generator), at: index)
                    }
                }
            }
            let (_, violation) = Self.parseAll(bytes, chunk: Int.random(in: 1...512, using: &generator))
            if violation != nil { violations += 1 }
        }
        #expect(violations > 1000)  // the mutations do reach the error paths
    }

    @Test func oversizedLengthIsRefusedBeforeTheBodyArrives() throws {
        var parser = FrontendMessageParser(maximumMessageSize: 1024)
        var buffer = ByteBuffer(bytes: [0, 0, 0, 9, 0, 3, 0, 0, 0, UInt8(ascii: "Q"), 0x7F, 0xFF, 0xFF, 0xFF])
        #expect(try parser.next(from: &buffer) == .startup(protocolVersion: 196_608, parameters: [:]))
        #expect(throws: ProtocolViolation("message of 2147483648 bytes is larger than the server's limit of 1024 bytes", tooLarge: true)) {
            _ = try parser.next(from: &buffer)
        }
    }
}

/// A deterministic random number generator (SplitMix64), so a failing round can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E4B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
