/// An IPv4 address: Erlang's `ip4_address()`, the tuple `{A, B, C, D}` of four 0...255 parts.
///
/// ```
///  +--------+--------+--------+--------+
///  |   A    |   B    |   C    |   D    |    "A.B.C.D", value = A<<24 | B<<16 | C<<8 | D
///  +--------+--------+--------+--------+
/// ```
///
/// `description` prints what `inet:ntoa/1` prints (`"127.0.0.1"`).
public struct IPv4Address: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The address as a 32-bit number in host byte order (`A` in the top byte).
    public var value: UInt32

    /// The address whose number is `value` (`A` in the top byte).
    @inlinable
    public init(value: UInt32) {
        self.value = value
    }

    /// The address `{a, b, c, d}`.
    @inlinable
    public init(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) {
        value = UInt32(a) << 24 | UInt32(b) << 16 | UInt32(c) << 8 | UInt32(d)
    }

    /// The address of four parts, or `nil` unless `parts` holds exactly four values in 0...255
    /// (Erlang's `is_ip4_address` rule).
    public init?(parts: some Sequence<some BinaryInteger>) {
        var value: UInt32 = 0
        var count = 0
        for part in parts {
            guard count < 4, let byte = UInt8(exactly: part) else { return nil }
            value = value << 8 | UInt32(byte)
            count += 1
        }
        guard count == 4 else { return nil }
        self.value = value
    }

    /// The four parts `[A, B, C, D]`, as Erlang's tuple holds them.
    public var parts: [UInt8] {
        [
            UInt8(truncatingIfNeeded: value >> 24), UInt8(truncatingIfNeeded: value >> 16),
            UInt8(truncatingIfNeeded: value >> 8), UInt8(truncatingIfNeeded: value),
        ]
    }

    /// Part `index` (0...3), `A` first.
    @inlinable
    public subscript(index: Int) -> UInt8 {
        precondition(index >= 0 && index < 4, "IPv4Address has parts 0...3")
        return UInt8(truncatingIfNeeded: value >> (24 - 8 * UInt32(index)))
    }

    /// `0.0.0.0`, Erlang's `any`.
    public static let any = IPv4Address(value: 0)
    /// `127.0.0.1`, Erlang's `loopback`.
    public static let loopback = IPv4Address(127, 0, 0, 1)
    /// `255.255.255.255`, Erlang's `broadcast`.
    public static let broadcast = IPv4Address(value: .max)

    /// `"A.B.C.D"`, as `inet:ntoa/1` prints it.
    public var description: String { Inet.ntoa(self) }

    /// The IPv4-mapped IPv6 address `::ffff:A.B.C.D`.
    public var ipv4Mapped: IPv6Address {
        IPv6Address(high: 0, low: 0xffff_0000_0000 | UInt64(value))
    }

    public static func < (lhs: IPv4Address, rhs: IPv4Address) -> Bool { lhs.value < rhs.value }
}
