import NIOCore
import PacketFraming

/// A SwiftNIO decoder for one `{packet, Type}` framing: each packet comes out as a `ByteBuffer`
/// slice of the bytes NIO read (no copy), exactly as an Erlang socket in `{packet, Type}`
/// passive mode delivers it.
///
/// ```swift
/// try channel.pipeline.syncOperations.addHandler(
///     ByteToMessageHandler(PacketFrameDecoder(.length4, options: PacketOptions(packetSize: 1 << 20))))
/// ```
///
/// It runs a `PacketFramingStateMachine` over the handler's cumulation buffer in place: a line
/// drip-fed a byte at a time is searched once, a header read once, and memory follows the bytes
/// that arrived, never a declared length. For the HTTP types each packet is the line as
/// received (use ``HTTPPacketDecoder`` for parsed packets); the http state still follows it.
///
/// Errors: an invalid header or a packet over `packet_size` (or 2^31 - 1 bytes), where a socket
/// answers `{error, emsgsize}`, throws the `PacketError` (the handler fires it down the
/// pipeline).
///
/// At the end of the stream (``decodeLast(buffer:seenEOF:)``) the whole packets still buffered
/// come out; the bytes of an unfinished packet are then dropped, as a socket drops them when its
/// peer closes (`{error, closed}`), unless ``dropsUnfinishedPacketAtEnd`` is `false`: the decoder
/// then throws `ByteToMessageDecoderError.leftoverDataWhenDone` with them.
public struct PacketFrameDecoder: NIOSingleStepByteToMessageDecoder {
    /// Each packet: a slice of the bytes NIO read.
    public typealias InboundOut = ByteBuffer

    @usableFromInline
    internal var machine: PacketFramingStateMachine

    /// The framing rules and the streaming state.
    public var state: PacketFramingStateMachine { machine }

    /// Whether the bytes of an unfinished packet are dropped at the end of the stream (as a
    /// socket does) rather than thrown with `ByteToMessageDecoderError.leftoverDataWhenDone`.
    /// `true` by default.
    public var dropsUnfinishedPacketAtEnd: Bool

    /// A decoder for `type` with `options`. Like a socket, it accepts `lineDelimiter` with any
    /// type (only `line` uses it).
    public init(_ type: PacketType, options: PacketOptions = PacketOptions(), dropsUnfinishedPacketAtEnd: Bool = true) {
        self.machine = PacketFramingStateMachine(type, options: options)
        self.dropsUnfinishedPacketAtEnd = dropsUnfinishedPacketAtEnd
    }

    /// Changes the packet type and options between packets, as `inet:setopts/2` does.
    public mutating func setType(_ type: PacketType, options: PacketOptions? = nil) {
        machine.setType(type, options: options)
    }

    /// The next packet, a slice of `buffer`, or `nil` until more bytes arrive.
    @inlinable
    public mutating func decode(buffer: inout ByteBuffer) throws(PacketError) -> ByteBuffer? {
        let offsets = buffer.withUnsafeReadableBytes { machine.nextFrameOffsets(in: $0) }
        guard let (start, end, length) = offsets else {
            if let error = machine.latchedError { throw error }
            return nil
        }
        // The frame lies within the readable bytes the machine was given, so the slice exists.
        let packet = buffer.getSlice(at: buffer.readerIndex &+ start, length: end &- start)
        buffer.moveReaderIndex(forwardBy: length)
        return packet.unsafelyUnwrapped
    }

    /// Passes on every packet the bytes NIO read complete, in one call. (The single-step
    /// protocol's own version of this is generic code in NIOCore that looks up type metadata for
    /// each packet; doing it here keeps the loop specialized: about twice the packets per second.)
    @inlinable
    public mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        while let packet = try decode(buffer: &buffer) {
            context.fireChannelRead(Self.wrapInboundOut(packet))
        }
        return .needMoreData
    }

    /// The packets still whole at the end of the stream, then the unfinished packet's bytes as
    /// the type's documentation says.
    @inlinable
    public mutating func decodeLast(
        context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool
    ) throws -> DecodingState {
        while let packet = try decodeLast(buffer: &buffer, seenEOF: seenEOF) {
            context.fireChannelRead(Self.wrapInboundOut(packet))
        }
        return .needMoreData
    }

    /// The packets still whole at the end of the stream, then `nil`; see the type's
    /// documentation for the bytes of an unfinished packet.
    @inlinable
    public mutating func decodeLast(buffer: inout ByteBuffer, seenEOF: Bool) throws -> ByteBuffer? {
        if let packet = try decode(buffer: &buffer) { return packet }
        let leftover = buffer.readSlice(length: buffer.readableBytes).unsafelyUnwrapped
        if !dropsUnfinishedPacketAtEnd && leftover.readableBytes > 0 {
            throw ByteToMessageDecoderError.leftoverDataWhenDone(leftover)
        }
        return nil
    }
}

/// A SwiftNIO encoder for `{packet, 1 | 2 | 4}`: adds the big-endian length header to each
/// outgoing `ByteBuffer`, as `gen_tcp:send/2` does; the other types send the bytes as they are.
///
/// ```swift
/// try channel.pipeline.syncOperations.addHandler(MessageToByteHandler(PacketFrameEncoder(.length2)))
/// ```
///
/// A payload too long for the header (over 255 bytes for `1`, 65,535 for `2`, 4 GiB - 1 for `4`)
/// fails the write with `PacketError.Code.payloadTooLarge`; nothing is written for it.
public struct PacketFrameEncoder: MessageToByteEncoder, Sendable {
    /// Each payload to send.
    public typealias OutboundIn = ByteBuffer

    /// The header rules.
    public let encoder: PacketEncoder

    /// An encoder for `type`.
    public init(_ type: PacketType) {
        self.encoder = PacketEncoder(type)
    }

    /// Writes the header and the payload to `out`.
    public func encode(data: ByteBuffer, out: inout ByteBuffer) throws {
        let length = data.readableBytes
        switch try encoder.headerWidth(payloadLength: length) {
        case 1: out.writeInteger(UInt8(truncatingIfNeeded: length))
        case 2: out.writeInteger(UInt16(truncatingIfNeeded: length))
        case 4: out.writeInteger(UInt32(truncatingIfNeeded: length))
        default: break
        }
        var data = data
        out.writeBuffer(&data)
    }
}
