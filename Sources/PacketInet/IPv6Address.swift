/// An IPv6 address: Erlang's `ip6_address()`, the tuple `{A, B, C, D, E, F, G, H}` of eight
/// 0...65535 parts.
///
/// ```
///  +------+------+------+------+------+------+------+------+
///  |  A   |  B   |  C   |  D   |  E   |  F   |  G   |  H   |   16 bits each, A first
///  +------+------+------+------+------+------+------+------+
///  |<----------- high ---------->|<----------- low ---------->|
/// ```
///
/// `description` prints what `inet:ntoa/1` prints (`"fe80::1"`, `"::ffff:1.2.3.4"`).
public struct IPv6Address: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Parts A...D, A in the top 16 bits.
    public var high: UInt64
    /// Parts E...H, E in the top 16 bits.
    public var low: UInt64

    /// The address whose first four parts are `high` and last four are `low`.
    @inlinable
    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// The address `{a, b, c, d, e, f, g, h}`.
    @inlinable
    public init(
        _ a: UInt16, _ b: UInt16, _ c: UInt16, _ d: UInt16,
        _ e: UInt16, _ f: UInt16, _ g: UInt16, _ h: UInt16
    ) {
        high = UInt64(a) << 48 | UInt64(b) << 32 | UInt64(c) << 16 | UInt64(d)
        low = UInt64(e) << 48 | UInt64(f) << 32 | UInt64(g) << 16 | UInt64(h)
    }

    /// The address of eight parts, or `nil` unless `parts` holds exactly eight values in
    /// 0...65535 (Erlang's `is_ip6_address` rule).
    public init?(parts: some Sequence<some BinaryInteger>) {
        var high: UInt64 = 0
        var low: UInt64 = 0
        var count = 0
        for part in parts {
            guard count < 8, let word = UInt16(exactly: part) else { return nil }
            high = high << 16 | low >> 48
            low = low << 16 | UInt64(word)
            count += 1
        }
        guard count == 8 else { return nil }
        self.high = high
        self.low = low
    }

    /// The sixteen bytes in network order.
    public init(
        bytes: (
            UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
            UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8
        )
    ) {
        var high: UInt64 = 0
        var low: UInt64 = 0
        withUnsafeBytes(of: bytes) { raw in
            for i in 0..<8 { high = high << 8 | UInt64(raw[i]) }
            for i in 8..<16 { low = low << 8 | UInt64(raw[i]) }
        }
        self.high = high
        self.low = low
    }

    /// The eight parts `[A, ..., H]`, as Erlang's tuple holds them.
    public var parts: [UInt16] { (0..<8).map { self[$0] } }

    /// Part `index` (0...7), `A` first.
    @inlinable
    public subscript(index: Int) -> UInt16 {
        precondition(index >= 0 && index < 8, "IPv6Address has parts 0...7")
        let word = index < 4 ? high : low
        return UInt16(truncatingIfNeeded: word >> (48 - 16 * UInt64(index & 3)))
    }

    /// `::`, Erlang's `any`.
    public static let any = IPv6Address(high: 0, low: 0)
    /// `::1`, Erlang's `loopback`.
    public static let loopback = IPv6Address(high: 0, low: 1)

    /// `"A:B:...:H"` with the longest run of zero parts written `::`, as `inet:ntoa/1` prints it.
    public var description: String { Inet.ntoa(self) }

    /// The IPv4 address of an IPv4-mapped address `::ffff:A.B.C.D`, else `nil`.
    public var ipv4Mapped: IPv4Address? {
        guard high == 0, low >> 32 == 0xffff else { return nil }
        return IPv4Address(value: UInt32(truncatingIfNeeded: low))
    }

    /// Whether the address is link-local unicast (`fe80::/10`).
    public var isLinkLocal: Bool { high >> 54 == 0x3fa }

    /// Whether the address is multicast (`ff00::/8`).
    public var isMulticast: Bool { high >> 56 == 0xff }

    public static func < (lhs: IPv6Address, rhs: IPv6Address) -> Bool {
        (lhs.high, lhs.low) < (rhs.high, rhs.low)
    }
}
