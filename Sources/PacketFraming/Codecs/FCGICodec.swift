/// `fcgi`: a FastCGI record ([FastCGI specification, section 3.3](https://fastcgi-archives.github.io/FastCGI_Specification.html#S3.3)).
/// An 8-byte header (version 1, type, request id, content length, padding length, reserved), the
/// content and the padding. The packet is header and content; the padding is consumed but not
/// delivered.
///
/// ```
/// +-----+------+--------+--------+--------+--------+-----+-----+==========+=========+
/// | ver | type | id B1  | id B0  | len B1 | len B0 | pad | res | content  | padding |
/// +-----+------+--------+--------+--------+--------+-----+-----+==========+=========+
///  packet = header + content                                      consumed, dropped
/// ```
///
/// A version other than 1 is invalid. `packet_size` limits content plus padding.
@usableFromInline
internal enum FCGICodec {
    @inlinable
    internal static func scan(_ p: UnsafeRawBufferPointer, options: PacketOptions) -> ScanStep {
        guard p.count >= 8 else { return .needMore(total: 0) }
        guard p[0] == 1 else {
            return .invalid(ScanFailure(.fcgiVersion, .fcgi, value: UInt64(p[0])))
        }
        let padding = Int(p[6])
        let payload = p.bigEndian(at: 4, width: 2) + UInt64(padding)
        return FrameLimits.frame(
            header: 8,
            payload: payload,
            available: p.count,
            options: options,
            type: .fcgi,
            stripHeader: false,
            trailer: padding
        )
    }
}
