/// `tpkt`: a TPKT packet ([RFC 1006, section 6](https://www.rfc-editor.org/rfc/rfc1006#section-6)),
/// as used by ISO transport over TCP (RDP, S7, ...). A 4-byte header: version 3, a reserved byte,
/// and the big-endian length of the whole packet, header included. The packet keeps its header.
///
/// ```
/// +-----+----------+-----------+-----------+=======================+
/// |  3  | reserved | length B1 | length B0 | TPDU (length - 4)     |   packet = all of it
/// +-----+----------+-----------+-----------+=======================+
/// ```
///
/// A version other than 3, or a length under 4, is invalid.
@usableFromInline
internal enum TPKTCodec {
    @inlinable
    internal static func scan(_ p: UnsafeRawBufferPointer, options: PacketOptions) -> ScanStep {
        guard p.count >= 4 else { return .needMore(total: 0) }
        guard p[0] == 3 else {
            return .invalid(ScanFailure(.tpktVersion, .tpkt, value: UInt64(p[0])))
        }
        let length = p.bigEndian(at: 2, width: 2)
        guard length >= 4 else {
            return .invalid(ScanFailure(.tpktLength, .tpkt, value: length))
        }
        return FrameLimits.frame(
            header: 4,
            payload: length - 4,
            available: p.count,
            options: options,
            type: .tpkt,
            stripHeader: false
        )
    }
}
