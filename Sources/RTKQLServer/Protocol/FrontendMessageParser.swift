import NIOCore

/// Cuts a byte stream into frontend messages: first the untyped startup-phase messages (SSL request,
/// startup, cancel request), then typed messages (`Q`, `P`, `B`, …). Pure and incremental — it takes the
/// bytes received so far and returns nil until a whole message is there — so it is fuzzed directly.
public struct FrontendMessageParser: Sendable {
    /// The largest message accepted, length word included; bigger ones are a protocol violation.
    public let maximumMessageSize: Int
    private var startupPhase = true

    static let protocolVersion3: Int32 = 196_608
    static let sslRequestCode: Int32 = 80_877_103
    static let cancelRequestCode: Int32 = 80_877_102
    static let gssEncryptionRequestCode: Int32 = 80_877_104

    /// A parser at the start of a connection, refusing messages over `maximumMessageSize` bytes.
    public init(maximumMessageSize: Int) {
        self.maximumMessageSize = maximumMessageSize
    }

    /// The next whole message at the start of `buffer` (consumed), or nil when more bytes are needed.
    public mutating func next(from buffer: inout ByteBuffer) throws(ProtocolViolation) -> FrontendMessage? {
        if startupPhase { return try nextStartupMessage(from: &buffer) }
        guard buffer.readableBytes >= 5,
              let type: UInt8 = buffer.getInteger(at: buffer.readerIndex),
              let length: Int32 = buffer.getInteger(at: buffer.readerIndex + 1) else { return nil }
        guard length >= 4 else { throw ProtocolViolation("invalid message length \(length)") }
        try checkSize(Int(length) + 1)
        guard buffer.readableBytes >= Int(length) + 1 else { return nil }
        buffer.moveReaderIndex(forwardBy: 5)
        var body = buffer.readSlice(length: Int(length) - 4)!
        let message = try Self.typedMessage(type, body: &body)
        guard body.readableBytes == 0 else {
            throw ProtocolViolation("message \(Self.describe(type)) has \(body.readableBytes) bytes too many")
        }
        return message
    }

    private mutating func nextStartupMessage(from buffer: inout ByteBuffer) throws(ProtocolViolation) -> FrontendMessage? {
        guard let length: Int32 = buffer.getInteger(at: buffer.readerIndex) else { return nil }
        guard length >= 8 else { throw ProtocolViolation("invalid startup packet length \(length)") }
        try checkSize(Int(length))
        guard buffer.readableBytes >= Int(length) else { return nil }
        buffer.moveReaderIndex(forwardBy: 4)
        var body = buffer.readSlice(length: Int(length) - 4)!
        let code: Int32 = body.readInteger()!
        switch code {
        case Self.sslRequestCode:
            guard body.readableBytes == 0 else { throw ProtocolViolation("invalid SSL request length") }
            return .sslRequest
        case Self.gssEncryptionRequestCode:
            guard body.readableBytes == 0 else { throw ProtocolViolation("invalid GSSAPI encryption request length") }
            return .gssEncryptionRequest
        case Self.cancelRequestCode:
            guard body.readableBytes == 8, let processID: Int32 = body.readInteger(),
                  let secret: Int32 = body.readInteger() else { throw ProtocolViolation("invalid cancel request length") }
            return .cancelRequest(processID: processID, secretKey: secret)
        case Self.protocolVersion3:
            var parameters: [String: String] = [:]
            while true {
                let name = try Self.string(&body, in: "startup packet")
                if name.isEmpty { break }
                parameters[name] = try Self.string(&body, in: "startup packet")
            }
            guard body.readableBytes == 0 else { throw ProtocolViolation("invalid startup packet layout: bytes after the terminator") }
            startupPhase = false
            return .startup(protocolVersion: code, parameters: parameters)
        default:
            throw ProtocolViolation("unsupported frontend protocol \(code >> 16).\(code & 0xFFFF): server supports 3.0")
        }
    }

    private func checkSize(_ size: Int) throws(ProtocolViolation) {
        guard size <= maximumMessageSize else {
            throw ProtocolViolation("message of \(size) bytes is larger than the server's limit of \(maximumMessageSize) bytes",
                                    tooLarge: true)
        }
    }

    private static func typedMessage(_ type: UInt8, body: inout ByteBuffer) throws(ProtocolViolation) -> FrontendMessage {
        switch type {
        case UInt8(ascii: "Q"):
            return .query(try string(&body, in: "Query"))
        case UInt8(ascii: "P"):
            let name = try string(&body, in: "Parse")
            let query = try string(&body, in: "Parse")
            let count = try int16(&body, in: "Parse")
            var types: [Int32] = []
            for _ in 0..<max(0, Int(count)) { types.append(try int32(&body, in: "Parse")) }
            return .parse(name: name, query: query, parameterTypes: types)
        case UInt8(ascii: "B"):
            return .bind(try bind(&body))
        case UInt8(ascii: "D"):
            return .describe(kind: try objectKind(&body, in: "Describe"), name: try string(&body, in: "Describe"))
        case UInt8(ascii: "E"):
            return .execute(portal: try string(&body, in: "Execute"), maxRows: try int32(&body, in: "Execute"))
        case UInt8(ascii: "C"):
            return .close(kind: try objectKind(&body, in: "Close"), name: try string(&body, in: "Close"))
        case UInt8(ascii: "S"): return .sync
        case UInt8(ascii: "H"): return .flush
        case UInt8(ascii: "X"): return .terminate
        case UInt8(ascii: "p"):
            defer { body.moveReaderIndex(to: body.writerIndex) }
            return .authenticationResponse(body)
        case UInt8(ascii: "d"), UInt8(ascii: "c"), UInt8(ascii: "f"), UInt8(ascii: "F"):
            body.moveReaderIndex(to: body.writerIndex)
            return .unsupported(type)
        default:
            throw ProtocolViolation("invalid frontend message type \(describe(type))")
        }
    }

    private static func bind(_ body: inout ByteBuffer) throws(ProtocolViolation) -> FrontendMessage.Bind {
        let portal = try string(&body, in: "Bind")
        let statement = try string(&body, in: "Bind")
        let formatCount = try count(&body, in: "Bind")
        var formats: [Int16] = []
        for _ in 0..<formatCount { formats.append(try int16(&body, in: "Bind")) }
        let parameterCount = try count(&body, in: "Bind")
        var parameters: [ByteBuffer?] = []
        for _ in 0..<parameterCount {
            let length = try int32(&body, in: "Bind")
            if length == -1 { parameters.append(nil); continue }
            guard length >= 0, let value = body.readSlice(length: Int(length)) else {
                throw ProtocolViolation("invalid parameter length \(length) in Bind message")
            }
            parameters.append(value)
        }
        let resultCount = try count(&body, in: "Bind")
        var resultFormats: [Int16] = []
        for _ in 0..<resultCount { resultFormats.append(try int16(&body, in: "Bind")) }
        return .init(portal: portal, statement: statement, parameterFormats: formats, parameters: parameters,
                     resultFormats: resultFormats)
    }

    private static func objectKind(_ body: inout ByteBuffer, in message: String) throws(ProtocolViolation) -> FrontendMessage.ObjectKind {
        guard let byte: UInt8 = body.readInteger() else { throw ProtocolViolation("\(message) message is too short") }
        guard let kind = FrontendMessage.ObjectKind(rawValue: byte) else {
            throw ProtocolViolation("invalid \(message) message subtype \(byte)")
        }
        return kind
    }

    private static func string(_ body: inout ByteBuffer, in message: String) throws(ProtocolViolation) -> String {
        guard let end = body.readableBytesView.firstIndex(of: 0) else {
            throw ProtocolViolation("invalid string in \(message) message: no terminator")
        }
        let length = end - body.readerIndex
        let bytes = body.readBytes(length: length)!
        body.moveReaderIndex(forwardBy: 1)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw ProtocolViolation("invalid UTF-8 in \(message) message")
        }
        return text
    }

    private static func int16(_ body: inout ByteBuffer, in message: String) throws(ProtocolViolation) -> Int16 {
        guard let value: Int16 = body.readInteger() else { throw ProtocolViolation("\(message) message is too short") }
        return value
    }

    private static func int32(_ body: inout ByteBuffer, in message: String) throws(ProtocolViolation) -> Int32 {
        guard let value: Int32 = body.readInteger() else { throw ProtocolViolation("\(message) message is too short") }
        return value
    }

    private static func count(_ body: inout ByteBuffer, in message: String) throws(ProtocolViolation) -> Int {
        let value = try int16(&body, in: message)
        guard value >= 0 else { throw ProtocolViolation("negative count \(value) in \(message) message") }
        return Int(value)
    }

    private static func describe(_ type: UInt8) -> String {
        (0x20..<0x7F).contains(type) ? "'\(Character(Unicode.Scalar(type)))'" : "0x\(String(type, radix: 16))"
    }
}

/// Decodes frontend messages in a channel pipeline.
final class FrontendMessageDecoder: ByteToMessageDecoder {
    typealias InboundOut = FrontendMessage
    private var parser: FrontendMessageParser

    init(maximumMessageSize: Int) {
        parser = FrontendMessageParser(maximumMessageSize: maximumMessageSize)
    }

    func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let message = try parser.next(from: &buffer) else { return .needMoreData }
        context.fireChannelRead(wrapInboundOut(message))
        return .continue
    }

    func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        try decode(context: context, buffer: &buffer)
    }
}
