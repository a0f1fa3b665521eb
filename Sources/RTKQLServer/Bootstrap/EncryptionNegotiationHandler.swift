import NIOCore
import NIOSSL

/// Answers the requests for encryption a client may send before its startup message: an SSLRequest gets
/// `S` and the connection continues over TLS when the server has a certificate, `N` otherwise; a GSSAPI
/// encryption request gets `N`. Any other first message passes on untouched, and the handler leaves the
/// pipeline.
final class EncryptionNegotiationHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let tls: NIOSSLContext?
    private var buffered = ByteBuffer()

    init(tls: NIOSSLContext?) {
        self.tls = tls
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var bytes = unwrapInboundIn(data)
        buffered.writeBuffer(&bytes)
        while buffered.readableBytes >= 8 {
            guard buffered.getInteger(at: buffered.readerIndex, as: Int32.self) == 8,
                  let code = buffered.getInteger(at: buffered.readerIndex + 4, as: Int32.self),
                  code == FrontendMessageParser.sslRequestCode || code == FrontendMessageParser.gssEncryptionRequestCode else {
                break
            }
            buffered.moveReaderIndex(forwardBy: 8)
            if code == FrontendMessageParser.sslRequestCode, let tls {
                context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: "S")), promise: nil)
                let handler = NIOSSLServerHandler(context: tls)
                try? context.pipeline.syncOperations.addHandler(handler, position: .before(self))
                passOn(context: context)
                return
            }
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: "N")), promise: nil)
        }
        if buffered.readableBytes >= 8 || (buffered.readableBytes >= 4
            && buffered.getInteger(at: buffered.readerIndex, as: Int32.self) != 8) {
            passOn(context: context)
        }
    }

    /// Hands what was read to the decoder and leaves the pipeline.
    private func passOn(context: ChannelHandlerContext) {
        let rest = buffered
        buffered = ByteBuffer()
        if rest.readableBytes > 0 { context.fireChannelRead(wrapInboundOut(rest)) }
        context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
    }
}
