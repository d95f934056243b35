// MARK: - Parsing addresses
//
// Erlang compatibility (OTP 25, found by experiment; the differential tests pin every rule):
// - Lenient IPv4 (`parse_ipv4_address`, `parse_address`) takes 1 to 4 dot-separated fields. The
//   last fills the bytes the others leave (`127.1` is 127.0.0.1, `10.0.258` is 10.0.1.2, `1` is
//   0.0.0.1). A field is decimal with an optional `+`/`-` (10 characters at most, so
//   `+4294967295` is refused), octal after a leading `0`, or hex after `0x`/`0X`; leading zeros
//   after the prefix are skipped and do not count. A sign is read by Erlang's `list_to_integer`,
//   so `-0`, `+0` and `0x-0` are zero, `0x+1` is one, but `+0x1` and `0+1` are errors. Oddest of
//   all: `0x0` is an error (nothing is left after the zeros) while `0x0+0` is zero.
// - Strict IPv4 takes exactly four decimal fields of at most three characters in 0...255; a
//   field starting with `0` must be `0` alone, but `+00` and `-0` are zero.
// - IPv6 allows one `::` standing for at least one zero group, groups of 1 to 4 hex digits, a
//   strict IPv4 tail after a colon (`::1.2.3.4`, never `::127.1`), and a zone `%anything` after
//   the last group or a final `::`, accepted only on fe80:0::/32 and ff02:0::/32 (`::1%lo` is
//   einval). A zone is dropped (`fe80::1%eth0` and `fe80::1%2` are `{65152,0,0,0,0,0,0,1}`)
//   unless it starts with `0`: then it must be all decimal digits, at most 65535, and becomes the
//   second group, the KAME scope-id embedding (`fe80::1%07` is `{65152,7,0,0,0,0,0,1}`;
//   `fe80::1%0x1` and `fe80::1%0.` are einval).
// - The lenient IPv6 parser falls back to lenient IPv4, giving `::ffff:A.B.C.D`; the strict one
//   does not. `parse_address` tries lenient IPv4 then IPv6; `parse_strict_address` strict IPv4
//   then strict IPv6.
// - No whitespace, brackets or other characters are allowed anywhere (but in a zone).

extension Inet {
    /// `inet:parse_address/1`: an IPv4 address in the lenient grammar (`127.1`, `0x7f.1`, ...),
    /// else an IPv6 address (or a lenient IPv4 one, IPv4-mapped).
    /// - Throws: `einval` where Erlang answers `{error, einval}`.
    public static func parseAddress(_ text: some StringProtocol) throws(InetError) -> IPAddress {
        try check(AddressParser.withBytes(text, AddressParser.address))
    }

    /// `inet:parse_address/1` on raw bytes (each byte one Latin-1 character, as Erlang sees a
    /// list of bytes).
    public static func parseAddress(bytes: some Collection<UInt8>) throws(InetError) -> IPAddress {
        try check(AddressParser.withBytes(bytes, AddressParser.address))
    }

    /// `inet:parse_strict_address/1`: a dotted-quad IPv4 address, else a strict IPv6 address.
    public static func parseStrictAddress(_ text: some StringProtocol) throws(InetError) -> IPAddress {
        try check(AddressParser.withBytes(text, AddressParser.strictAddress))
    }

    /// `inet:parse_strict_address/1` on raw bytes.
    public static func parseStrictAddress(bytes: some Collection<UInt8>) throws(InetError) -> IPAddress {
        try check(AddressParser.withBytes(bytes, AddressParser.strictAddress))
    }

    /// `inet:parse_ipv4_address/1`: the lenient IPv4 grammar (1 to 4 fields, decimal, octal or
    /// hex, an optional sign).
    public static func parseIPv4Address(_ text: some StringProtocol) throws(InetError) -> IPv4Address {
        try check(AddressParser.withBytes(text, AddressParser.ipv4))
    }

    /// `inet:parse_ipv4_address/1` on raw bytes.
    public static func parseIPv4Address(bytes: some Collection<UInt8>) throws(InetError) -> IPv4Address {
        try check(AddressParser.withBytes(bytes, AddressParser.ipv4))
    }

    /// `inet:parse_ipv4strict_address/1`: exactly `A.B.C.D`, decimal, each 0...255.
    public static func parseIPv4StrictAddress(_ text: some StringProtocol) throws(InetError) -> IPv4Address {
        try check(AddressParser.withBytes(text) { AddressParser.ipv4Strict($0, from: 0, to: $0.count) })
    }

    /// `inet:parse_ipv4strict_address/1` on raw bytes.
    public static func parseIPv4StrictAddress(bytes: some Collection<UInt8>) throws(InetError) -> IPv4Address {
        try check(AddressParser.withBytes(bytes) { AddressParser.ipv4Strict($0, from: 0, to: $0.count) })
    }

    /// `inet:parse_ipv6_address/1`: an IPv6 address, or a lenient IPv4 one as `::ffff:A.B.C.D`.
    public static func parseIPv6Address(_ text: some StringProtocol) throws(InetError) -> IPv6Address {
        try check(AddressParser.withBytes(text, AddressParser.ipv6Lenient))
    }

    /// `inet:parse_ipv6_address/1` on raw bytes.
    public static func parseIPv6Address(bytes: some Collection<UInt8>) throws(InetError) -> IPv6Address {
        try check(AddressParser.withBytes(bytes, AddressParser.ipv6Lenient))
    }

    /// `inet:parse_ipv6strict_address/1`: an IPv6 address only.
    public static func parseIPv6StrictAddress(_ text: some StringProtocol) throws(InetError) -> IPv6Address {
        try check(AddressParser.withBytes(text, AddressParser.ipv6))
    }

    /// `inet:parse_ipv6strict_address/1` on raw bytes.
    public static func parseIPv6StrictAddress(bytes: some Collection<UInt8>) throws(InetError) -> IPv6Address {
        try check(AddressParser.withBytes(bytes, AddressParser.ipv6))
    }

    @inline(__always)
    private static func check<T>(_ result: T?) throws(InetError) -> T {
        guard let result else { throw InetError.einval }
        return result
    }
}

extension IPv4Address {
    /// The address `text` in the strict grammar (`"A.B.C.D"`), or `nil`.
    public init?(_ text: some StringProtocol) {
        guard let address = AddressParser.withBytes(text, { AddressParser.ipv4Strict($0, from: 0, to: $0.count) })
        else { return nil }
        self = address
    }
}

extension IPv6Address {
    /// The address `text` in the strict IPv6 grammar, or `nil`.
    public init?(_ text: some StringProtocol) {
        guard let address = AddressParser.withBytes(text, AddressParser.ipv6) else { return nil }
        self = address
    }
}

extension IPAddress {
    /// The address `text` as `inet:parse_strict_address/1` reads it, or `nil`.
    public init?(_ text: some StringProtocol) {
        guard let address = AddressParser.withBytes(text, AddressParser.strictAddress) else { return nil }
        self = address
    }
}
