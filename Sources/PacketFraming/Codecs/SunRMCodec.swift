/// `sunrm`: ONC RPC record marking ([RFC 5531, section 11](https://www.rfc-editor.org/rfc/rfc5531#section-11)).
/// A 4-byte big-endian header whose top bit marks the last fragment of a record and whose low 31
/// bits give the fragment's length. The packet is one fragment, header included.
///
/// ```
/// +-+-------------------------------+=====================+
/// |L|     length (31 bits)          | fragment (length)   |   packet = header + fragment
/// +-+-------------------------------+=====================+
///  L = 1 on the last fragment of a record (kept, not interpreted)
/// ```
@usableFromInline
internal enum SunRMCodec {
    @inlinable
    internal static func scan(_ p: UnsafeRawBufferPointer, options: PacketOptions) -> ScanStep {
        guard p.count >= 4 else { return .needMore(total: 0) }
        let payload = UInt64(p.bigEndian32(at: 0) & 0x7FFF_FFFF)
        return FrameLimits.frame(
            header: 4,
            payload: payload,
            available: p.count,
            options: options,
            type: .sunrm,
            stripHeader: false
        )
    }
}
