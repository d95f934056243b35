import NIOCore
import PacketFraming

/// A SwiftNIO decoder for Erlang's HTTP packet types that passes on each message head as one
/// value: an `HTTPMessageHead` holding the start line, the header lines and the end of the
/// headers, then the message's body.
///
/// ```
///  GET /a HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello  GET /b HTTP/1.1\r\n\r\n
///  +------------------- .head(...) ------------------------++-.body-++-- .head(...) ---------+
/// ```
///
/// ```swift
/// try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(HTTPHeadDecoder(.httpBin)))
/// // inbound: .head(HTTPMessageHead), .body(ByteBuffer) ..., .head(HTTPMessageHead), ...
/// ```
///
/// The packets are those of ``HTTPPacketDecoder``, in the same order, with the same http → httph
/// → http switching and the same errors: flattening the heads' `packets` gives what
/// ``HTTPPacketDecoder`` passes on line by line (one pipeline message per line, as Erlang
/// delivers them). Passing on one message per head instead costs the pipeline a fraction:
/// Benchmarks/README.md has the figures. What makes a head:
///
/// - `http`, `http_bin`: a start line, its header lines, the end of the headers. A start line
///   that does not parse is a head of its own (that one `HTTPPacket.error(line:)`); a header
///   line that does not parse stays in its head, in place.
/// - `httph`, `httph_bin`: the header lines up to the end of the headers (no start line).
///
/// Bodies: as ``HTTPPacketDecoder``'s ``HTTPPacketDecoder/BodyMode``: with
/// ``HTTPPacketDecoder/BodyMode/contentLength`` (the default) the `contentLength` bytes after a
/// head come out as ``Part/body(_:)`` pieces as they arrive, then the next head; there is no
/// end marker, the pieces add up to the head's `contentLength`.
///
/// Memory: a head is held until its end, so a head with more than ``maximumHeaderCount`` header
/// lines throws `PacketError.Code.tooManyHeaders`, and each line is limited as in
/// ``HTTPPacketDecoder`` (a line over the limit throws `PacketError.Code.packetTooLarge`, a
/// socket's `{error, emsgsize}`). The headers of a head are one array (reserved once, its
/// capacity reused when the previous head was already released), and every value in them is a
/// slice of the decoder's buffer (no copy per value).
///
/// At the end of the stream the bytes of an unfinished line are dropped, as a socket drops them;
/// the lines of an unfinished head come out as a head whose `isComplete` is false, and the body
/// bytes that did arrive come out.
public struct HTTPHeadDecoder: ByteToMessageDecoder {
    /// What the decoder emits.
    public enum Part: Sendable, Hashable {
        /// A message head: its start line, header lines and end of headers, in order.
        case head(HTTPMessageHead)
        /// A piece of the body of the head before it.
        case body(ByteBuffer)
    }

    /// A head or a piece of a body.
    public typealias InboundOut = Part

    @usableFromInline
    internal var framer: PacketFramer

    /// How bodies are read.
    public var bodyMode: HTTPPacketDecoder.BodyMode

    /// The most header lines (parsed or not, the end of the headers not counted) one head may
    /// have; one more throws `PacketError.Code.tooManyHeaders`.
    public let maximumHeaderCount: Int

    /// The packets of the head being read.
    @usableFromInline
    internal var pending: ContiguousArray<HTTPPacket>

    /// The header-only types: a head has no start line.
    @usableFromInline
    internal let headerOnly: Bool

    /// The body bytes still to come for the current message.
    @usableFromInline
    internal var bodyRemaining = 0

    /// Whether `pending` still holds the head last passed on: it is emptied when the decoder is
    /// asked for the next part, after the reader had its chance to release that head, so that its
    /// capacity is reused without an allocation when nothing else holds it.
    @usableFromInline
    internal var pendingWasTaken = false

    /// Where in `pending` the last `Content-Length` header is, or -1.
    @usableFromInline
    internal var contentLengthIndex = -1

    /// The array capacity a head starts with (enough for a start line, 14 headers and the end).
    @usableFromInline
    internal static var initialCapacity: Int { 16 }

    /// A decoder for an HTTP `type` (`.http`, `.httpBin`, `.httph`, `.httphBin`) with `options`
    /// (`packetSize` limits a line; without a limit, lines longer than `maximumHTTPPacketSize`,
    /// 1 MiB by default, 0 for none, fail) and at most `maximumHeaderCount` header lines a head.
    public init(
        _ type: PacketType = .httpBin,
        options: PacketOptions = PacketOptions(),
        bodyMode: HTTPPacketDecoder.BodyMode = .contentLength,
        maximumHeaderCount: Int = 100,
        maximumHTTPPacketSize: Int = 1 << 20
    ) {
        precondition(type.isHTTP, "HTTPHeadDecoder needs an HTTP packet type, not \(type)")
        precondition(maximumHeaderCount >= 0, "HTTPHeadDecoder needs a maximumHeaderCount of 0 or more")
        self.framer = PacketFramer(type, options: options)
        self.framer.maximumHTTPPacketSize = maximumHTTPPacketSize
        self.bodyMode = bodyMode
        self.maximumHeaderCount = maximumHeaderCount
        self.headerOnly = type.isHeaderOnlyHTTP
        self.pending = ContiguousArray()
        self.pending.reserveCapacity(Self.initialCapacity)
    }

    /// Takes every byte NIO read and passes on each head and body piece they complete.
    public mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        framer.take(&buffer)
        while let part = try next() { context.fireChannelRead(Self.wrapInboundOut(part)) }
        return .needMoreData
    }

    /// The next head or body piece from the bytes taken, or `nil` until more bytes arrive.
    @inlinable
    internal mutating func next() throws(PacketError) -> Part? {
        // Called again once the last head was passed on (and, by a reader that keeps nothing,
        // released); here rather than with each packet, where the call would cost each packet a
        // retain and a release.
        if pendingWasTaken { startPending() }
        if bodyRemaining > 0 {
            guard let piece = framer.bodyPiece(remaining: &bodyRemaining) else { return nil }
            return .body(piece)
        }
        while let packet = try framer.nextHTTP() {
            switch packet {
            case .endOfHeaders:
                pending.append(packet)
                return .head(takeHead())
            case .request, .response:
                // Only in the start-line state, so `pending` is empty.
                pending.append(packet)
            case .error where pending.isEmpty && !headerOnly:
                // A start line that does not parse: Erlang stays in the start-line state.
                pending.append(packet)
                return .head(takeHead())
            case .header(let header):
                if pending.count &- (headerOnly ? 0 : 1) >= maximumHeaderCount { throw tooManyHeaders() }
                if header.field == .contentLength { contentLengthIndex = pending.count }
                pending.append(packet)
            case .error:
                if pending.count &- (headerOnly ? 0 : 1) >= maximumHeaderCount { throw tooManyHeaders() }
                pending.append(packet)
            }
        }
        return nil
    }

    /// The head read so far (`pending` is emptied on the next call of `next()`); the body that
    /// the head announces is read next.
    @inlinable
    internal mutating func takeHead() -> HTTPMessageHead {
        let head = HTTPMessageHead(packets: pending, hasStartLine: !headerOnly)
        pendingWasTaken = true
        if contentLengthIndex >= 0 {
            // The last `Content-Length` header (what `head.contentLength` finds, without the
            // search); a head that ended at an error start line has none.
            if bodyMode == .contentLength, case .header(let header) = head.packets[contentLengthIndex] {
                bodyRemaining = HTTPMessageHead.decimal(header.value) ?? 0
            }
            contentLengthIndex = -1
        }
        return head
    }

    /// Empties `pending` for the next head: in place when the reader released the last head
    /// (no allocation), else in a new array of the same capacity.
    @inlinable
    internal mutating func startPending() {
        pendingWasTaken = false
        if pending.capacity > 4 &* Self.initialCapacity {
            // After a long head, start small again rather than allocate its size for each head.
            pending = ContiguousArray()
            pending.reserveCapacity(Self.initialCapacity)
        } else {
            pending.removeAll(keepingCapacity: true)
        }
    }

    /// The error for one header line too many (the cold path).
    @inline(never)
    @usableFromInline
    internal func tooManyHeaders() -> PacketError {
        PacketError(
            code: .tooManyHeaders, reason: "HTTP message head with more than \(maximumHeaderCount) header lines")
    }

    /// The heads still whole at the end of the stream, what was read of an unfinished head (as a
    /// head whose `isComplete` is false) and the body bytes that arrived; an unfinished line is
    /// then dropped, as a socket drops it.
    public mutating func decodeLast(
        context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool
    ) throws -> DecodingState {
        _ = try decode(context: context, buffer: &buffer)
        if !pendingWasTaken && !pending.isEmpty {
            let head = HTTPMessageHead(packets: pending, hasStartLine: !headerOnly)
            pendingWasTaken = true
            contentLengthIndex = -1
            context.fireChannelRead(Self.wrapInboundOut(.head(head)))
        }
        _ = framer.finish()
        bodyRemaining = 0
        return .needMoreData
    }
}
