/// `cdr`: a CORBA GIOP message ([GIOP, CORBA 3.0 section 15.4](https://www.omg.org/spec/CORBA/3.0/)).
/// A 12-byte header: the magic `GIOP`, version, flags, message type and a 4-byte body size whose
/// byte order is given by bit 0 of the flags (1 = little-endian). The packet is header and body.
///
/// ```
/// +---+---+---+---+-----+-----+-------+------+-------------------+================+
/// | G | I | O | P | maj | min | flags | type | size (4, see flags)| body (size)    |
/// +---+---+---+---+-----+-----+-------+------+-------------------+================+
/// ```
///
/// Anything but `GIOP` in the first four bytes is invalid once 12 bytes are at hand.
@usableFromInline
internal enum CDRCodec {
    @inlinable
    internal static func scan(_ p: UnsafeRawBufferPointer, options: PacketOptions) -> ScanStep {
        guard p.count >= 12 else { return .needMore(total: 0) }
        guard
            p[0] == UInt8(ascii: "G") && p[1] == UInt8(ascii: "I") && p[2] == UInt8(ascii: "O")
                && p[3] == UInt8(ascii: "P")
        else {
            return .invalid(ScanFailure(.cdrMagic, .cdr))
        }
        var payload = p.bigEndian(at: 8, width: 4)
        if p[6] & 0x01 != 0 {
            payload = UInt64(UInt32(truncatingIfNeeded: payload).byteSwapped)
        }
        return FrameLimits.frame(
            header: 12,
            payload: payload,
            available: p.count,
            options: options,
            type: .cdr,
            stripHeader: false
        )
    }
}
