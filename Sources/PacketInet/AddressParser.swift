// The address grammars of OTP 25's inet_parse, worked out by experiment against `erl` (see the
// "Erlang compatibility" notes in Inet+Parse.swift). Every routine reads a byte buffer with
// checked indices, does not allocate, and takes time linear in the input.

/// ASCII bytes the grammars use.
private enum ASCII {
    static let zero: UInt8 = 0x30
    static let dot: UInt8 = 0x2E
    static let colon: UInt8 = 0x3A
    static let percent: UInt8 = 0x25
    static let plus: UInt8 = 0x2B
    static let minus: UInt8 = 0x2D
    static let lowerX: UInt8 = 0x78
}

/// The address parsers over raw bytes. `nil` means Erlang answers `{error, einval}`.
enum AddressParser {
    /// Runs `body` over the contiguous bytes of `bytes`, copying only when they are not contiguous.
    static func withBytes<C: Collection<UInt8>, R>(
        _ bytes: C, _ body: (UnsafeBufferPointer<UInt8>) -> R
    ) -> R {
        if let result = bytes.withContiguousStorageIfAvailable(body) { return result }
        return Array(bytes).withUnsafeBufferPointer(body)
    }

    /// Runs `body` over the UTF-8 bytes of `text`.
    static func withBytes<S: StringProtocol, R>(_ text: S, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        return Array(text.utf8).withUnsafeBufferPointer(body)
    }

    /// The value of a digit in bases up to 16, or `nil`.
    @inline(__always)
    static func digitValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte &- 0x30
        case 0x41...0x46: byte &- 0x37
        case 0x61...0x66: byte &- 0x57
        default: nil
        }
    }

    /// What Erlang's `list_to_integer(Prefix ++ Chars, Base)` gives for `bytes[from..<to]`: an
    /// optional `+`/`-` and at least one digit of `base`. With `leadingZero`, the text is read as
    /// if preceded by a `0` (so it may be empty, and a sign in it is an error). The callers bound
    /// the length to 11 characters, so the value fits easily.
    static func erlangInteger(
        _ bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int, base: UInt8, leadingZero: Bool
    ) -> Int64? {
        var i = from
        var negative = false
        if !leadingZero, i < to, bytes[i] == ASCII.plus || bytes[i] == ASCII.minus {
            negative = bytes[i] == ASCII.minus
            i += 1
        }
        guard leadingZero || i < to else { return nil }
        var value: Int64 = 0
        while i < to {
            guard let digit = digitValue(bytes[i]), digit < base else { return nil }
            value = value &* Int64(base) &+ Int64(digit)
            i += 1
        }
        return negative ? -value : value
    }

    // MARK: - IPv4

    /// `inet:parse_ipv4_address/1`: one to four dot-separated fields, each decimal (an optional
    /// sign, at most 10 characters), octal after a leading `0` (leading zeros skipped, then at most
    /// 11 characters) or hexadecimal after `0x`/`0X` (leading zeros skipped, then at most 8
    /// characters, an optional sign first). The last field fills the bytes the others left.
    static func ipv4(_ bytes: UnsafeBufferPointer<UInt8>) -> IPv4Address? {
        let n = bytes.count
        var fields: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        var count = 0
        var i = 0
        while true {
            guard count < 4 else { return nil }
            var base: UInt8 = 10
            var limit = 10
            var leadingZero = false
            if i + 1 < n, bytes[i] == ASCII.zero, bytes[i + 1] | 0x20 == ASCII.lowerX {
                i += 2
                while i < n, bytes[i] == ASCII.zero { i += 1 }
                base = 16
                limit = 8
            } else if i < n, bytes[i] == ASCII.zero {
                i += 1
                while i < n, bytes[i] == ASCII.zero { i += 1 }
                base = 8
                limit = 11
                leadingZero = true
            }
            let start = i
            while i < n, bytes[i] != ASCII.dot {
                i += 1
                if i - start > limit { return nil }
            }
            guard let value = erlangInteger(bytes, from: start, to: i, base: base, leadingZero: leadingZero),
                value >= 0
            else { return nil }
            switch count {
            case 0: fields.0 = UInt64(value)
            case 1: fields.1 = UInt64(value)
            case 2: fields.2 = UInt64(value)
            default: fields.3 = UInt64(value)
            }
            count += 1
            if i == n { break }
            i += 1  // the dot
        }
        let (a, b, c, d) = fields
        let value: UInt64
        switch count {
        case 4:
            guard a < 256, b < 256, c < 256, d < 256 else { return nil }
            value = a << 24 | b << 16 | c << 8 | d
        case 3:
            guard a < 256, b < 256, c < 1 << 16 else { return nil }
            value = a << 24 | b << 16 | c
        case 2:
            guard a < 256, b < 1 << 24 else { return nil }
            value = a << 24 | b
        default:
            guard a < 1 << 32 else { return nil }
            value = a
        }
        return IPv4Address(value: UInt32(truncatingIfNeeded: value))
    }

    /// `inet:parse_ipv4strict_address/1` on `bytes[from..<to]`: exactly four decimal fields in
    /// 0...255, each a lone `0` or at most 3 characters not starting with `0` (a sign counts).
    static func ipv4Strict(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> IPv4Address? {
        var i = from
        var value: UInt32 = 0
        for field in 0..<4 {
            if field > 0 {
                guard i < to, bytes[i] == ASCII.dot else { return nil }
                i += 1
            }
            var part: Int64 = 0
            if i < to, bytes[i] == ASCII.zero {
                i += 1
            } else {
                let start = i
                while i < to, bytes[i] != ASCII.dot {
                    i += 1
                    if i - start > 3 { return nil }
                }
                guard let parsed = erlangInteger(bytes, from: start, to: i, base: 10, leadingZero: false),
                    parsed >= 0, parsed <= 255
                else { return nil }
                part = parsed
            }
            value = value << 8 | UInt32(truncatingIfNeeded: part)
        }
        guard i == to else { return nil }
        return IPv4Address(value: value)
    }

    // MARK: - IPv6

    /// `inet:parse_ipv6strict_address/1`: eight groups of one to four hex digits separated by
    /// `:`, or fewer around one `::` standing for at least one zero group; the last two groups may
    /// be a strict IPv4 address after a colon; a `%zone` (any bytes) may follow the last group or
    /// a final `::`, only on an address starting `fe80:0:` or `ff02:0:`. A zone starting with `0`
    /// must be a decimal number up to 65535 and becomes the second group (`fe80::1%07` is
    /// `{65152,7,0,0,0,0,0,1}`); any other zone is dropped.
    static func ipv6(_ bytes: UnsafeBufferPointer<UInt8>) -> IPv6Address? {
        let n = bytes.count
        var groups = Groups()
        var gap: Int? = nil
        var zone: Int? = nil  // where the zone's text starts
        var i = 0
        scan: do {
            if n >= 2, bytes[0] == ASCII.colon, bytes[1] == ASCII.colon {
                gap = 0
                i = 2
                if i == n { break scan }
                if bytes[i] == ASCII.percent {
                    zone = i + 1
                    break scan
                }
            }
            while true {
                let start = i
                var group: UInt16 = 0
                while i < n, let digit = digitValue(bytes[i]) {
                    guard i - start < 4 else { return nil }
                    group = group << 4 | UInt16(digit)
                    i += 1
                }
                guard i > start else { return nil }
                if i < n, bytes[i] == ASCII.dot {
                    guard groups.count <= 6, let v4 = ipv4Strict(bytes, from: start, to: n) else { return nil }
                    groups.append(UInt16(truncatingIfNeeded: v4.value >> 16))
                    groups.append(UInt16(truncatingIfNeeded: v4.value))
                    break scan
                }
                guard groups.count < 8 else { return nil }
                groups.append(group)
                if i == n { break scan }
                switch bytes[i] {
                case ASCII.percent:
                    zone = i + 1
                    break scan
                case ASCII.colon:
                    if i + 1 < n, bytes[i + 1] == ASCII.colon {
                        guard gap == nil else { return nil }
                        gap = groups.count
                        i += 2
                        if i == n { break scan }
                        if bytes[i] == ASCII.percent {
                            zone = i + 1
                            break scan
                        }
                    } else {
                        i += 1
                    }
                default:
                    return nil
                }
            }
        }
        var address: IPv6Address
        if let gap {
            guard groups.count <= 7 else { return nil }
            address = groups.address(zerosAt: gap)
        } else {
            guard groups.count == 8 else { return nil }
            address = groups.address(zerosAt: 8)
        }
        if let zone {
            // Erlang takes a zone only where it means something: link-local fe80:0::/32 and
            // link-local-scope multicast ff02:0::/32.
            guard address[0] == 0xfe80 || address[0] == 0xff02, address[1] == 0 else { return nil }
            // A zone starting with `0` is a decimal scope id, embedded in the second group the
            // KAME way; any other zone (an interface name, or `1`...) is dropped.
            if zone < n, bytes[zone] == ASCII.zero {
                var scope: UInt32 = 0
                for k in zone..<n {
                    guard let digit = digitValue(bytes[k]), digit < 10 else { return nil }
                    scope = scope &* 10 &+ UInt32(digit)
                    guard scope <= 0xffff else { return nil }
                }
                address.high |= UInt64(scope) << 32
            }
        }
        return address
    }

    /// Up to eight groups, gathered without allocating.
    struct Groups {
        var high: UInt64 = 0
        var low: UInt64 = 0
        var count = 0

        mutating func append(_ group: UInt16) {
            high = high << 16 | low >> 48
            low = low << 16 | UInt64(group)
            count += 1
        }

        /// The address with `8 - count` zero groups inserted before group `gap`.
        func address(zerosAt gap: Int) -> IPv6Address {
            var result = Groups()
            let tail = count - gap
            for k in 0..<count {
                if k == gap { for _ in 0..<(8 - count) { result.append(0) } }
                result.append(self[k])
            }
            if tail == 0 { for _ in 0..<(8 - count) { result.append(0) } }
            return IPv6Address(high: result.high, low: result.low)
        }

        /// Group `k` of the `count` appended, first appended first.
        subscript(k: Int) -> UInt16 {
            let shift = 16 * (count - 1 - k)  // 0...112
            let word = shift >= 64 ? high >> UInt64(shift - 64) : low >> UInt64(shift)
            return UInt16(truncatingIfNeeded: word)
        }
    }

    /// `inet:parse_ipv6_address/1`: the strict grammar, else an IPv4 address in the lenient
    /// grammar, IPv4-mapped (`::ffff:A.B.C.D`).
    static func ipv6Lenient(_ bytes: UnsafeBufferPointer<UInt8>) -> IPv6Address? {
        if let address = ipv6(bytes) { return address }
        return ipv4(bytes)?.ipv4Mapped
    }

    /// `inet:parse_address/1`: lenient IPv4 first, then lenient IPv6.
    static func address(_ bytes: UnsafeBufferPointer<UInt8>) -> IPAddress? {
        if let v4 = ipv4(bytes) { return .v4(v4) }
        if let v6 = ipv6(bytes) { return .v6(v6) }  // the lenient IPv4 fallback already failed
        return nil
    }

    /// `inet:parse_strict_address/1`: strict IPv4 first, then strict IPv6.
    static func strictAddress(_ bytes: UnsafeBufferPointer<UInt8>) -> IPAddress? {
        if let v4 = ipv4Strict(bytes, from: 0, to: bytes.count) { return .v4(v4) }
        if let v6 = ipv6(bytes) { return .v6(v6) }
        return nil
    }
}
