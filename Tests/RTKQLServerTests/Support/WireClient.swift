import NIOCore
import NIOPosix

/// A minimal PostgreSQL protocol client for tests: sends raw frontend messages and reads backend messages
/// as type byte and body, over a real loopback connection.
final class WireClient {
    /// One backend message.
    struct Message: CustomStringConvertible {
        var type: Character
        var body: ByteBuffer

        /// The fields of an ErrorResponse or NoticeResponse, by field code.
        var fields: [Character: String] {
            var body = body
            var fields: [Character: String] = [:]
            while let code: UInt8 = body.readInteger(), code != 0, let value = body.readNullTerminatedString() {
                fields[Character(Unicode.Scalar(code))] = value
            }
            return fields
        }

        /// The values of a DataRow, as text (nil for NULL).
        var values: [String?] {
            var body = body
            let count: Int16 = body.readInteger()!
            return (0..<count).map { _ in
                let length: Int32 = body.readInteger()!
                return length < 0 ? nil : body.readString(length: Int(length))!
            }
        }

        /// The raw bytes of each DataRow value.
        var rawValues: [[UInt8]?] {
            var body = body
            let count: Int16 = body.readInteger()!
            return (0..<count).map { _ in
                let length: Int32 = body.readInteger()!
                return length < 0 ? nil : body.readBytes(length: Int(length))!
            }
        }

        /// A RowDescription's columns: name and type OID.
        var columns: [(name: String, oid: Int32)] {
            var body = body
            let count: Int16 = body.readInteger()!
            return (0..<count).map { _ in
                let name = body.readNullTerminatedString()!
                body.moveReaderIndex(forwardBy: 6)
                let oid: Int32 = body.readInteger()!
                body.moveReaderIndex(forwardBy: 8)
                return (name, oid)
            }
        }

        /// A CommandComplete's tag.
        var tag: String {
            var body = body
            return body.readNullTerminatedString() ?? ""
        }

        var description: String { "\(type)" }
    }

    private let channel: any Channel
    private var inbound: AsyncStream<ByteBuffer>.Iterator
    private var buffer = ByteBuffer()

    init(port: Int) async throws {
        let (stream, continuation) = AsyncStream<ByteBuffer>.makeStream()
        channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(Receiver(continuation: continuation))
                }
            }
            .connect(host: "127.0.0.1", port: port).get()
        inbound = stream.makeAsyncIterator()
    }

    /// Hands what the server sends to the client's stream, and ends it when the connection closes.
    private final class Receiver: ChannelInboundHandler, Sendable {
        typealias InboundIn = ByteBuffer
        let continuation: AsyncStream<ByteBuffer>.Continuation

        init(continuation: AsyncStream<ByteBuffer>.Continuation) {
            self.continuation = continuation
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            continuation.yield(unwrapInboundIn(data))
        }

        func channelInactive(context: ChannelHandlerContext) {
            continuation.finish()
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            context.close(promise: nil)
        }
    }

    /// Connects and starts a session as `user` on a trusting server; returns the messages up to ReadyForQuery.
    static func connected(port: Int, user: String = "rtkql") async throws -> WireClient {
        let client = try await WireClient(port: port)
        try await client.startup(user: user)
        let messages = try await client.readUntilReady()
        precondition(messages.contains { $0.type == "R" })
        return client
    }

    /// Sends bytes as they are.
    func sendRaw(_ bytes: [UInt8]) async throws {
        try await channel.writeAndFlush(ByteBuffer(bytes: bytes))
    }

    func startup(user: String, database: String? = nil) async throws {
        var body = ByteBuffer()
        body.writeInteger(Int32(196_608))
        body.writeNullTerminatedString("user"); body.writeNullTerminatedString(user)
        if let database { body.writeNullTerminatedString("database"); body.writeNullTerminatedString(database) }
        body.writeInteger(UInt8(0))
        var message = ByteBuffer()
        message.writeInteger(Int32(body.readableBytes + 4))
        message.writeBuffer(&body)
        try await channel.writeAndFlush(message)
    }

    /// Sends a typed message with `body`.
    func send(_ type: Character, _ fill: (inout ByteBuffer) -> Void = { _ in }) async throws {
        var body = ByteBuffer()
        fill(&body)
        var message = ByteBuffer()
        message.writeInteger(type.asciiValue!)
        message.writeInteger(Int32(body.readableBytes + 4))
        message.writeBuffer(&body)
        try await channel.writeAndFlush(message)
    }

    /// Sends a simple Query and reads its answers up to ReadyForQuery.
    func query(_ sql: String) async throws -> [Message] {
        try await send("Q") { $0.writeNullTerminatedString(sql) }
        return try await readUntilReady()
    }

    /// The next message, or nil when the server closed the connection.
    func next() async throws -> Message? {
        while true {
            if buffer.readableBytes >= 5, let length: Int32 = buffer.getInteger(at: buffer.readerIndex + 1),
               buffer.readableBytes >= Int(length) + 1 {
                let type: UInt8 = buffer.readInteger()!
                buffer.moveReaderIndex(forwardBy: 4)
                return Message(type: Character(Unicode.Scalar(type)), body: buffer.readSlice(length: Int(length) - 4)!)
            }
            guard var more = await inbound.next() else { return nil }
            buffer.writeBuffer(&more)
        }
    }

    /// Reads one raw byte (the answer to an SSLRequest).
    func nextByte() async throws -> UInt8? {
        while buffer.readableBytes == 0 {
            guard var more = await inbound.next() else { return nil }
            buffer.writeBuffer(&more)
        }
        return buffer.readInteger()
    }

    /// Messages up to and including ReadyForQuery (or until the connection closes).
    func readUntilReady() async throws -> [Message] {
        var messages: [Message] = []
        while let message = try await next() {
            messages.append(message)
            if message.type == "Z" { break }
        }
        return messages
    }

    func close() async {
        try? await channel.close()
    }

    deinit {
        channel.close(promise: nil)
    }
}

extension Array where Element == WireClient.Message {
    /// The DataRows' values as text.
    var rows: [[String?]] { filter { $0.type == "D" }.map(\.values) }
    /// The first ErrorResponse's fields.
    var error: [Character: String]? { first { $0.type == "E" }?.fields }
    /// The message types in order, as a string (`TDDCZ`).
    var types: String { String(map(\.type)) }
}
