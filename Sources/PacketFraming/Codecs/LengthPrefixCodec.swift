/// `1`, `2` and `4`: a big-endian unsigned length, then that many bytes. The header is stripped
/// from the packet.
///
/// ```
/// 4:  +----+----+----+----+==================+
///     | L3 | L2 | L1 | L0 | payload (L bytes) |    packet = payload
///     +----+----+----+----+==================+
/// 2:  | L1 | L0 | payload ...   1: | L0 | payload ...
/// ```
///
/// A declared length over `packet_size` (when set) or a packet over 2^31 - 1 bytes in all is
/// invalid as soon as the header is complete. This is the framing of `{packet, N}` sockets,
/// SwiftNIO's `LengthFieldBasedFrameDecoder` with `.one`/`.two`/`.four`, and many RPC protocols.
///
/// This is the one implementation of the rule: the stateless codec and the streaming state
/// machine both call ``scan(_:headerSize:payloadLimit:type:options:)``, the machine with the
/// limit worked out once when its options are set.
@usableFromInline
internal enum LengthPrefixCodec {
    /// The largest payload accepted: `packet_size` when set, and never so large that the whole
    /// packet passes 2^31 - 1 bytes (Erlang's limit, whatever `packet_size` says).
    @inlinable
    internal static func payloadLimit(headerSize: Int, options: PacketOptions) -> Int {
        let packetSize = options.packetSize == 0 ? Int.max : Int(options.packetSize)
        return Swift.min(packetSize, Int(FrameLimits.maximumPacket) - headerSize)
    }

    /// The step for the bytes at `p`: the header read in one load. `type` and `options` only name
    /// the values in the error.
    @inlinable
    @inline(__always)
    internal static func scan(
        _ p: UnsafeRawBufferPointer,
        headerSize: Int,
        payloadLimit: Int,
        type: PacketType,
        options: PacketOptions
    ) -> ScanStep {
        let n = p.count
        if n < headerSize { return .needMore(total: 0) }
        // `n >= headerSize >= 1`, so the buffer has a base address and the load is in bounds.
        let base = p.baseAddress.unsafelyUnwrapped
        let payload =
            headerSize == 4
            ? Int(UInt32(bigEndian: base.loadUnaligned(as: UInt32.self)))
            : headerSize == 2
                ? Int(UInt16(bigEndian: base.loadUnaligned(as: UInt16.self))) : Int(base.load(as: UInt8.self))
        if _slowPath(payload > payloadLimit) {
            return .invalid(ScanFailure(.tooLarge, type, value: UInt64(payload), limit: UInt64(options.packetSize)))
        }
        let total = headerSize &+ payload
        if total > n { return .needMore(total: total) }
        return .packet(bodyStart: headerSize, bodyEnd: total, length: total)
    }

    /// The stateless scan (`decode_packet`), the limit worked out on the spot.
    @inlinable
    internal static func scan(
        _ p: UnsafeRawBufferPointer,
        headerSize: Int,
        type: PacketType,
        options: PacketOptions
    ) -> ScanStep {
        scan(
            p,
            headerSize: headerSize,
            payloadLimit: payloadLimit(headerSize: headerSize, options: options),
            type: type,
            options: options
        )
    }
}
