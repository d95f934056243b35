import NIOCore
import PacketFraming

/// A SwiftNIO decoder for Erlang's HTTP packet types (`http`, `http_bin`, `httph`, `httph_bin`):
/// each line comes out parsed into an `HTTPPacket`, with the http state of a socket (a start
/// line, then headers, then a start line again after the end of the headers), and, after the
/// headers, the body whose length `Content-Length` gave, so that the next pipelined message is
/// read as one.
///
/// ```swift
/// try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(HTTPPacketDecoder(.httpBin)))
/// // inbound: .packet(.request(...)), .packet(.header(...)), ..., .packet(.endOfHeaders),
/// //          .body(ByteBuffer) ..., .packet(.request(...)) ...
/// ```
///
/// Bodies: with ``BodyMode/contentLength`` (the default) the bytes after the end of the headers
/// come out as ``Part/body(_:)`` pieces as they arrive, as many bytes in all as the last
/// `Content-Length` header of the message said (none when it had none, or when its value is not
/// a decimal number: those bytes are then read as the next start line, as a socket would). A
/// chunked body is left to the caller: use ``BodyMode/none`` and frame it with a
/// ``PacketFrameDecoder`` of type `line` and raw reads, or switch the pipeline.
///
/// The lines are framed by the package's `PacketFramer`: the bytes NIO read are copied into its
/// buffer once, and every value of a packet is a slice of that buffer (no copy per value).
/// Errors: a line over the limit throws `PacketError.Code.packetTooLarge` (a socket's
/// `{error, emsgsize}`). At the end of the stream, the bytes of an unfinished line are dropped,
/// as a socket drops them; the body bytes that did arrive come out.
public struct HTTPPacketDecoder: ByteToMessageDecoder {
    /// What the decoder emits.
    public enum Part: Sendable, Hashable {
        /// An HTTP packet: a start line, a header, the end of the headers, or an error line.
        case packet(HTTPPacket)
        /// A piece of a body (see ``BodyMode``).
        case body(ByteBuffer)
    }

    /// How the bytes after the headers are read.
    public enum BodyMode: Sendable, Hashable {
        /// As many bytes as the message's `Content-Length` says, as ``Part/body(_:)`` pieces.
        case contentLength
        /// None: the next bytes are HTTP packets again (the caller handles bodies).
        case none
    }

    /// A packet or a piece of a body.
    public typealias InboundOut = Part

    @usableFromInline
    internal var framer: PacketFramer

    /// How bodies are read.
    public var bodyMode: BodyMode

    /// The body bytes still to come for the current message.
    @usableFromInline
    internal var bodyRemaining = 0

    /// The current message's `Content-Length`, once a valid one was seen.
    @usableFromInline
    internal var contentLength: Int? = nil

    /// A decoder for an HTTP `type` (`.http`, `.httpBin`, `.httph`, `.httphBin`) with `options`
    /// (`packetSize` limits a line). Without a limit, lines longer than
    /// `maximumHTTPPacketSize` (1 MiB by default, 0 for none) fail.
    public init(
        _ type: PacketType = .httpBin,
        options: PacketOptions = PacketOptions(),
        bodyMode: BodyMode = .contentLength,
        maximumHTTPPacketSize: Int = 1 << 20
    ) {
        precondition(type.isHTTP, "HTTPPacketDecoder needs an HTTP packet type, not \(type)")
        self.framer = PacketFramer(type, options: options)
        self.framer.maximumHTTPPacketSize = maximumHTTPPacketSize
        self.bodyMode = bodyMode
    }

    /// Takes every byte NIO read and passes on each packet and body piece they complete.
    public mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        framer.take(&buffer)
        while let part = try next() { context.fireChannelRead(Self.wrapInboundOut(part)) }
        return .needMoreData
    }

    /// The next packet or body piece from the bytes taken, or `nil` until more bytes arrive.
    @inlinable
    internal mutating func next() throws(PacketError) -> Part? {
        if bodyRemaining > 0 {
            guard let piece = framer.bodyPiece(remaining: &bodyRemaining) else { return nil }
            return .body(piece)
        }
        guard case .http(let packet) = try framer.nextPacket() else { return nil }
        if bodyMode == .contentLength { track(packet) }
        return .packet(packet)
    }

    /// Follows `Content-Length` through a message, and starts the body at its end.
    @inlinable
    internal mutating func track(_ packet: HTTPPacket) {
        switch packet {
        case .request, .response:
            contentLength = nil
        case .header(let header) where header.field == .contentLength:
            contentLength = Self.decimal(header.value)
        case .endOfHeaders:
            bodyRemaining = contentLength ?? 0
            contentLength = nil
        default:
            break
        }
    }

    /// A `Content-Length` value: the rule of `HTTPMessageHead.contentLength`.
    @inlinable
    internal static func decimal(_ value: PacketBuffer) -> Int? { HTTPMessageHead.decimal(value) }

    /// The packets still whole at the end of the stream and the body bytes that arrived; an
    /// unfinished line is then dropped, as a socket drops it.
    public mutating func decodeLast(
        context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool
    ) throws -> DecodingState {
        _ = try decode(context: context, buffer: &buffer)
        _ = framer.finish()
        bodyRemaining = 0
        contentLength = nil
        return .needMoreData
    }
}
