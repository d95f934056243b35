/// An IPv4 or an IPv6 address: Erlang's `ip_address()`.
///
/// `description` prints what `inet:ntoa/1` prints.
public enum IPAddress: Hashable, Sendable, CustomStringConvertible {
    /// A four-part address, `{A, B, C, D}`.
    case v4(IPv4Address)
    /// An eight-part address, `{A, B, C, D, E, F, G, H}`.
    case v6(IPv6Address)

    /// The address of four (IPv4) or eight (IPv6) parts in range, else `nil` (where
    /// `inet:ntoa/1` answers `{error, einval}`).
    public init?(parts: some Collection<some BinaryInteger>) {
        switch parts.count {
        case 4:
            guard let address = IPv4Address(parts: parts) else { return nil }
            self = .v4(address)
        case 8:
            guard let address = IPv6Address(parts: parts) else { return nil }
            self = .v6(address)
        default:
            return nil
        }
    }

    /// The parts as Erlang's tuple holds them (4 or 8 of them).
    public var parts: [Int] {
        switch self {
        case .v4(let address): address.parts.map(Int.init)
        case .v6(let address): address.parts.map(Int.init)
        }
    }

    /// The address family: `.inet` or `.inet6`.
    public var family: Inet.Family {
        switch self {
        case .v4: .inet
        case .v6: .inet6
        }
    }

    /// As `inet:ntoa/1` prints it.
    public var description: String {
        switch self {
        case .v4(let address): Inet.ntoa(address)
        case .v6(let address): Inet.ntoa(address)
        }
    }
}
