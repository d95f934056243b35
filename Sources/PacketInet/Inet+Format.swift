// MARK: - Formatting addresses
//
// Erlang compatibility (`inet:ntoa/1`, OTP 25): IPv4 as `A.B.C.D`; IPv6 in lowercase hex without
// leading zeros, the first of the longest runs of two or more zero groups written `::` (a lone
// zero group stays `0`); `::` and `::1` as such; any other address whose first six groups are
// zero as `::A.B.C.D` (so `{0,0,0,0,0,0,0,2}` is `::0.0.0.2`), and `::ffff:A.B.C.D` for
// IPv4-mapped addresses. A link-local `fe80` or link-local-scope multicast `ff02` address whose
// second group is not zero is printed the KAME way, the inverse of what the parser does with a
// numeric zone: the second group is printed as `0` (and takes part in the zero-run search as a
// zero) and its value follows as a zone, `%0` and the value in decimal
// (`{16#fe80,5,0,0,0,0,0,1}` is `fe80::1%05`, `{16#ff02,10,0,0,0,0,0,2}` is `ff02::2%010`). Only
// these two first groups: `fe81`, `ff01`, `ff12`, `fec0` print plainly. A tuple of another size,
// or a part out of range, is `{error, einval}`.

extension Inet {
    /// `inet:ntoa/1` of an IPv4 address: `"A.B.C.D"`.
    public static func ntoa(_ address: IPv4Address) -> String {
        var text: [UInt8] = []
        text.reserveCapacity(15)
        appendDotted(address, to: &text)
        return String(decoding: text, as: UTF8.self)
    }

    /// `inet:ntoa/1` of an IPv6 address.
    public static func ntoa(_ address: IPv6Address) -> String {
        var text: [UInt8] = []
        text.reserveCapacity(39)
        appendIPv6(address, to: &text)
        return String(decoding: text, as: UTF8.self)
    }

    /// `inet:ntoa/1`.
    public static func ntoa(_ address: IPAddress) -> String {
        switch address {
        case .v4(let v4): ntoa(v4)
        case .v6(let v6): ntoa(v6)
        }
    }

    /// `inet:ntoa/1` of an Erlang tuple of integers: 4 parts in 0...255 or 8 in 0...65535.
    /// - Throws: `einval` for any other size or a part out of range, as Erlang does.
    public static func ntoa(parts: some Collection<some BinaryInteger>) throws(InetError) -> String {
        guard let address = IPAddress(parts: parts) else { throw InetError.einval }
        return ntoa(address)
    }

    static func appendDotted(_ address: IPv4Address, to text: inout [UInt8]) {
        for k in 0..<4 {
            if k > 0 { text.append(0x2E) }
            appendDecimal(address[k], to: &text)
        }
    }

    static func appendDecimal(_ byte: UInt8, to text: inout [UInt8]) {
        if byte >= 100 { text.append(0x30 &+ byte / 100) }
        if byte >= 10 { text.append(0x30 &+ byte / 10 % 10) }
        text.append(0x30 &+ byte % 10)
    }

    static func appendHex(_ group: UInt16, to text: inout [UInt8]) {
        var started = false
        for shift in stride(from: 12, through: 0, by: -4) {
            let nibble = Int(truncatingIfNeeded: group >> UInt16(shift) & 0xF)
            if nibble != 0 || started || shift == 0 {
                text.append(UInt8(truncatingIfNeeded: nibble < 10 ? 0x30 + nibble : 0x57 + nibble))
                started = true
            }
        }
    }

    static func appendIPv6(_ address: IPv6Address, to text: inout [UInt8]) {
        let colon: UInt8 = 0x3A
        if address.high == 0 {
            let low = address.low
            if low == 0 || low == 1 || low >> 32 == 0 || low >> 32 == 0xffff {
                text.append(colon)
                text.append(colon)
                if low == 0 { return }
                if low == 1 {
                    text.append(0x31)
                    return
                }
                if low >> 32 == 0xffff { text.append(contentsOf: "ffff:".utf8) }
                appendDotted(IPv4Address(value: UInt32(truncatingIfNeeded: low)), to: &text)
                return
            }
        }
        // KAME scope id in the second group of fe80/ff02: print the group as zero, then the zone.
        let first = address[0]
        let scope = address[1]
        if (first == 0xfe80 || first == 0xff02) && scope != 0 {
            var plain = address
            plain.high &= ~(0xffff << 32)
            appendGroups(plain, to: &text)
            text.append(contentsOf: "%0".utf8)
            text.append(contentsOf: String(scope).utf8)
            return
        }
        appendGroups(address, to: &text)
    }

    /// The eight groups in hex, the first longest run of at least two zero groups written `::`.
    static func appendGroups(_ address: IPv6Address, to text: inout [UInt8]) {
        let colon: UInt8 = 0x3A
        // The first longest run of at least two zero groups.
        var bestStart = -1
        var bestLength = 1
        var runStart = 0
        var runLength = 0
        for k in 0..<8 {
            if address[k] == 0 {
                if runLength == 0 { runStart = k }
                runLength += 1
                if runLength > bestLength {
                    bestStart = runStart
                    bestLength = runLength
                }
            } else {
                runLength = 0
            }
        }
        var k = 0
        while k < 8 {
            if k == bestStart {
                text.append(colon)
                text.append(colon)
                k += bestLength
                continue
            }
            if k > 0 && k != bestStart + bestLength { text.append(colon) }
            appendHex(address[k], to: &text)
            k += 1
        }
    }
}
