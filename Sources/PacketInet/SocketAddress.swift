#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - Conversions to and from the C socket address structures

extension IPv4Address {
    /// The address of an `in_addr` (network byte order inside).
    public init(_ address: in_addr) {
        self.init(value: UInt32(bigEndian: address.s_addr))
    }

    /// The address as an `in_addr`.
    public var inAddr: in_addr { in_addr(s_addr: value.bigEndian) }

    /// The address and port of a `sockaddr_in`.
    public init(_ socketAddress: sockaddr_in) {
        self.init(socketAddress.sin_addr)
    }

    /// A `sockaddr_in` for this address and `port`.
    public func sockaddr(port: UInt16 = 0) -> sockaddr_in {
        var result = sockaddr_in()
        #if canImport(Darwin)
        // BSD socket addresses carry their own length.
        result.sin_len = UInt8(MemoryLayout<sockaddr_in>.size)
        #endif
        result.sin_family = sa_family_t(AF_INET)
        result.sin_port = port.bigEndian
        result.sin_addr = inAddr
        return result
    }
}

extension IPv6Address {
    /// The address of an `in6_addr`.
    public init(_ address: in6_addr) {
        // The sixteen bytes in network order, read whole: the union's field names differ
        // between Glibc (`__in6_u`), Musl (`__in6_union`) and Darwin (`__u6_addr`).
        var high: UInt64 = 0
        var low: UInt64 = 0
        withUnsafeBytes(of: address) { raw in
            for i in 0..<8 { high = high << 8 | UInt64(raw[i]) }
            for i in 8..<16 { low = low << 8 | UInt64(raw[i]) }
        }
        self.init(high: high, low: low)
    }

    /// The address as an `in6_addr`.
    public var in6Addr: in6_addr {
        var result = in6_addr()
        withUnsafeMutableBytes(of: &result) { raw in
            for i in 0..<8 {
                raw[i] = UInt8(truncatingIfNeeded: high >> UInt64(56 - 8 * i))
                raw[8 + i] = UInt8(truncatingIfNeeded: low >> UInt64(56 - 8 * i))
            }
        }
        return result
    }

    /// The address of a `sockaddr_in6` (its scope id is not part of the address).
    public init(_ socketAddress: sockaddr_in6) {
        self.init(socketAddress.sin6_addr)
    }

    /// A `sockaddr_in6` for this address, `port` and `scopeID`.
    public func sockaddr(port: UInt16 = 0, scopeID: UInt32 = 0) -> sockaddr_in6 {
        var result = sockaddr_in6()
        #if canImport(Darwin)
        result.sin6_len = UInt8(MemoryLayout<sockaddr_in6>.size)
        #endif
        result.sin6_family = sa_family_t(AF_INET6)
        result.sin6_port = port.bigEndian
        result.sin6_addr = in6Addr
        result.sin6_scope_id = scopeID
        return result
    }
}

extension IPAddress {
    /// The address in a generic `sockaddr`, or `nil` unless its family is `AF_INET` or
    /// `AF_INET6`. `pointer` must point to at least as many bytes as its family's structure.
    public init?(sockaddr pointer: UnsafePointer<sockaddr>) {
        switch Int32(pointer.pointee.sa_family) {
        case AF_INET:
            let v4 = UnsafeRawPointer(pointer).loadUnaligned(as: sockaddr_in.self)
            self = .v4(IPv4Address(v4))
        case AF_INET6:
            let v6 = UnsafeRawPointer(pointer).loadUnaligned(as: sockaddr_in6.self)
            self = .v6(IPv6Address(v6))
        default:
            return nil
        }
    }

    /// The address and `port` in a `sockaddr_storage`, with the length to pass to the system.
    public func sockaddrStorage(port: UInt16 = 0) -> (storage: sockaddr_storage, length: socklen_t) {
        var storage = sockaddr_storage()
        let length: Int
        switch self {
        case .v4(let address):
            let v4 = address.sockaddr(port: port)
            length = MemoryLayout<sockaddr_in>.size
            withUnsafeMutableBytes(of: &storage) { $0.storeBytes(of: v4, as: sockaddr_in.self) }
        case .v6(let address):
            let v6 = address.sockaddr(port: port)
            length = MemoryLayout<sockaddr_in6>.size
            withUnsafeMutableBytes(of: &storage) { $0.storeBytes(of: v6, as: sockaddr_in6.self) }
        }
        return (storage, socklen_t(length))
    }
}
