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
@usableFromInline
internal enum LengthPrefixCodec {
    @inlinable
    internal static func scan(
        _ p: UnsafeRawBufferPointer,
        headerSize: Int,
        type: PacketType,
        options: PacketOptions
    ) -> ScanStep {
        guard p.count >= headerSize else { return .needMore(total: 0) }
        let payload: UInt64 =
            switch headerSize {
            case 4: UInt64(p.bigEndian32(at: 0))
            case 2: UInt64(p.bigEndian16(at: 0))
            default: UInt64(p[0])
            }
        return FrameLimits.frame(
            header: headerSize,
            payload: payload,
            available: p.count,
            options: options,
            type: type,
            stripHeader: true
        )
    }
}
