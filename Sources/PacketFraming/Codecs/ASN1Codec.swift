/// `asn1`: one BER-encoded TLV ([X.690](https://www.itu.int/rec/T-REC-X.690), section 8.1).
/// The packet is the whole TLV, identifier and length octets included.
///
/// ```
/// short tag:  +-----+--------+================+
///             | tag | 0LLLLLLL| value (L bytes)|
///             +-----+--------+================+
/// long tag:   | xxx11111 | 1ttttttt ... | 0ttttttt | length ... | value |
/// long length:| tag | 1000 0nnn | n length bytes (big-endian, n = 1...4) | value |
/// indefinite: | tag | 1000 0000 |   -> the packet is the identifier and length octets alone
/// ```
///
/// As in Erlang: a length of more than 4 length bytes is invalid; the indefinite form (`0x80`)
/// makes a packet of the header alone (the contents are not searched for end-of-contents); tags
/// of any length are skipped.
@usableFromInline
internal enum ASN1Codec {
    /// `resume` is where the previous call stopped skipping long-tag bytes (all bytes before it are
    /// continuation bytes), so that a long tag drip-fed byte by byte is scanned once.
    @inlinable
    internal static func scan(
        _ p: UnsafeRawBufferPointer,
        options: PacketOptions,
        resume: inout Int
    ) -> ScanStep {
        let n = p.count
        guard n >= 2 else { return .needMore(total: 0) }
        var i = 1
        if p[0] & 0x1F == 0x1F {
            i = Swift.max(1, resume)
            while i < n && p[i] & 0x80 != 0 { i += 1 }
            guard n - i >= 2 else {
                resume = i
                return .needMore(total: 0)
            }
            i += 1
        }
        let lengthByte = p[i]
        i += 1
        var payload = UInt64(lengthByte)
        if lengthByte & 0x80 != 0 {
            let width = Int(lengthByte & 0x7F)
            guard n - i >= width else { return .needMore(total: 0) }
            guard width <= 4 else {
                return .invalid(ScanFailure(.asn1LengthOctets, .asn1, value: UInt64(width)))
            }
            payload = p.bigEndian(at: i, width: width)
            i += width
        }
        return FrameLimits.frame(
            header: i,
            payload: payload,
            available: n,
            options: options,
            type: .asn1,
            stripHeader: false
        )
    }
}
