#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Erlang's `hostent` record: what a host lookup found.
///
/// `{hostent, Name, Aliases, AddrType, Length, AddrList}`.
public struct HostEnt: Hashable, Sendable, CustomStringConvertible {
    /// The official name (`h_name`).
    public var name: String
    /// Other names (`h_aliases`).
    public var aliases: [String]
    /// `.inet` or `.inet6` (`h_addrtype`).
    public var addrtype: Inet.Family
    /// The address length in bytes: 4 or 16 (`h_length`).
    public var length: Int
    /// The addresses (`h_addr_list`).
    public var addrList: [IPAddress]

    /// A host entry.
    public init(name: String, aliases: [String], addrtype: Inet.Family, addrList: [IPAddress]) {
        self.name = name
        self.aliases = aliases
        self.addrtype = addrtype
        self.length = addrtype == .inet ? 4 : 16
        self.addrList = addrList
    }

    /// As Erlang's `~w` prints the record: `{hostent,[108,...],[],inet,4,[{127,0,0,1}]}`.
    public var description: String {
        let aliasList = "[" + aliases.map(InetConform.erlangString).joined(separator: ",") + "]"
        let addresses = "[" + addrList.map(InetConform.erlangTuple).joined(separator: ",") + "]"
        return "{hostent,\(InetConform.erlangString(name)),\(aliasList),\(addrtype),\(length),\(addresses)}"
    }
}

/// A host as Erlang's inet functions take it: a name (which may be an address string) or an
/// address.
public enum InetHost: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// A host name or an address in text.
    case name(String)
    /// An address.
    case address(IPAddress)

    /// The host `value` (a name or an address in text).
    public init(stringLiteral value: String) {
        self = .name(value)
    }

    public var description: String {
        switch self {
        case .name(let name): name
        case .address(let address): address.description
        }
    }
}

// MARK: - Host lookups
//
// Erlang compatibility (OTP 25 with the default `native` lookup, which uses the C library's
// gethostbyname/gethostbyaddr, so `/etc/hosts` then DNS per nsswitch.conf):
// - A name is first read as an address of the family: a strict dotted quad for `inet`, a strict
//   IPv6 address for `inet6`. Anything else goes to the C library, which reads numbers made of
//   digits and dots only (`127.1`, `0177.1`), never hex (`0x7f.1` is `nxdomain`).
// - An empty name, or one with a byte outside the visible ASCII range 0x21...0x7E, is `einval`.
// - An address value of the other family is `eafnosupport` for getaddr(s); gethostbyname refuses
//   address values (`einval`).
// - A failed lookup is `nxdomain`.

extension Inet {
    /// `inet:gethostname/0`: this host's name, cut at its first dot as Erlang does.
    public static func gethostname() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard SystemCalls.gethostname(&buffer, buffer.count - 1) == 0 else { return "" }
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: bytes.prefix { $0 != 0x2E }, as: UTF8.self)
    }

    /// `inet:getaddrs/2`: the addresses of `host` in `family`.
    /// - Throws: `einval` for an empty or invalid name, `eafnosupport` for an address of the other
    ///   family, `nxdomain` when the lookup finds nothing.
    public static func getaddrs(_ host: InetHost, family: Family = .inet) throws(InetError) -> [IPAddress] {
        switch host {
        case .address(let address):
            guard address.family == family else { throw InetError.eafnosupport }
            return [address]
        case .name(let name):
            if let address = numericAddress(name, family: family) { return [address] }
            return try lookUp(name: name, family: family).addrList
        }
    }

    /// `inet:getaddrs/2` of a name or an address in text.
    public static func getaddrs(_ name: String, family: Family = .inet) throws(InetError) -> [IPAddress] {
        try getaddrs(.name(name), family: family)
    }

    /// `inet:getaddr/2`: the first address of `host` in `family`.
    public static func getaddr(_ host: InetHost, family: Family = .inet) throws(InetError) -> IPAddress {
        let addresses = try getaddrs(host, family: family)
        guard let first = addresses.first else { throw InetError.nxdomain }
        return first
    }

    /// `inet:getaddr/2` of a name or an address in text.
    public static func getaddr(_ name: String, family: Family = .inet) throws(InetError) -> IPAddress {
        try getaddr(.name(name), family: family)
    }

    /// `inet:gethostbyname/1,2`: the host entry of `name` in `family`. An address in text gives an
    /// entry named as written.
    public static func gethostbyname(_ name: String, family: Family = .inet) throws(InetError) -> HostEnt {
        if let address = numericAddress(name, family: family) {
            return HostEnt(name: name, aliases: [], addrtype: family, addrList: [address])
        }
        return try lookUp(name: name, family: family)
    }

    /// `inet:gethostbyaddr/1`: the host entry of `address`, by reverse lookup.
    /// - Throws: `nxdomain` when nothing is known about the address.
    public static func gethostbyaddr(_ address: IPAddress) throws(InetError) -> HostEnt {
        switch address {
        case .v4(let v4):
            var raw = v4.inAddr
            return try reverseLookUp(&raw, length: MemoryLayout<in_addr>.size, family: AF_INET)
        case .v6(let v6):
            var raw = v6.in6Addr
            return try reverseLookUp(&raw, length: MemoryLayout<in6_addr>.size, family: AF_INET6)
        }
    }

    /// `inet:gethostbyaddr/1` of an address in text (read as `inet:parse_address/1` does).
    public static func gethostbyaddr(_ text: String) throws(InetError) -> HostEnt {
        try gethostbyaddr(parseAddress(text))
    }

    // MARK: - Internals

    /// The address `name` spells in `family`'s strict grammar, if it does.
    static func numericAddress(_ name: String, family: Family) -> IPAddress? {
        switch family {
        case .inet: (try? parseIPv4StrictAddress(name)).map(IPAddress.v4)
        case .inet6: (try? parseIPv6StrictAddress(name)).map(IPAddress.v6)
        }
    }

    /// Asks the C library (`/etc/hosts`, then DNS as nsswitch.conf says).
    static func lookUp(name: String, family: Family) throws(InetError) -> HostEnt {
        guard !name.utf8.isEmpty, name.utf8.allSatisfy({ $0 >= 0x21 && $0 <= 0x7E }) else {
            throw InetError.einval
        }
        let af = family == .inet ? AF_INET : AF_INET6
        let hostEnt = try withHostEntry { (entry, buffer, found, herr) in
            #if canImport(Darwin)
            _ = (entry, buffer, found)
            return LookupStatus(getipnodebyname(name, af, 0, herr))
            #else
            let status = gethostbyname2_r(name, af, entry, buffer.baseAddress, buffer.count, found, herr)
            return LookupStatus(status, found.pointee)
            #endif
        }
        guard hostEnt.addrtype == family, !hostEnt.addrList.isEmpty else { throw InetError.nxdomain }
        return hostEnt
    }

    /// A reverse lookup of the `length` bytes at `address` in `family`.
    static func reverseLookUp(_ address: UnsafeRawPointer, length: Int, family: Int32) throws(InetError) -> HostEnt {
        try withHostEntry { (entry, buffer, found, herr) in
            #if canImport(Darwin)
            _ = (entry, buffer, found)
            return LookupStatus(getipnodebyaddr(address, length, family, herr))
            #else
            let status = gethostbyaddr_r(
                address, socklen_t(length), family, entry, buffer.baseAddress, buffer.count, found, herr)
            return LookupStatus(status, found.pointee)
            #endif
        }
    }

    /// What one C library lookup gave.
    enum LookupStatus {
        /// The entry.
        case found(UnsafeMutablePointer<hostent>)
        /// Nothing (or an error other than a small buffer).
        case notFound
        /// The entry did not fit the buffer (Glibc and Musl: ERANGE).
        case bufferTooSmall

        /// The status of a `_r` call: its return value and the entry it set.
        init(_ status: Int32, _ found: UnsafeMutablePointer<hostent>?) {
            if status == ERANGE {
                self = .bufferTooSmall
            } else if status == 0, let found {
                self = .found(found)
            } else {
                self = .notFound
            }
        }

        /// The status of a call that returns an allocated entry or `nil`.
        init(_ allocated: UnsafeMutablePointer<hostent>?) {
            self = allocated.map(LookupStatus.found) ?? .notFound
        }
    }

    /// Runs one thread-safe C library lookup and converts the entry it finds.
    ///
    /// - Glibc and Musl: `gethostbyname2_r`/`gethostbyaddr_r` fill `entry` inside `buffer`; on
    ///   ERANGE the buffer grows (up to 1 MiB) for another try.
    /// - Darwin has neither `_r` function; its thread-safe equivalents are `getipnodebyname(3)`
    ///   and `getipnodebyaddr(3)`, whose entry is allocated for the caller and released here with
    ///   `freehostent`. (This path is written for macOS but not compiled by this project's CI,
    ///   which runs on Linux.)
    static func withHostEntry(
        _ lookup: (
            _ entry: UnsafeMutablePointer<hostent>, _ buffer: UnsafeMutableBufferPointer<CChar>,
            _ found: UnsafeMutablePointer<UnsafeMutablePointer<hostent>?>, _ herr: UnsafeMutablePointer<Int32>
        ) -> LookupStatus
    ) throws(InetError) -> HostEnt {
        var entry = hostent()
        var found: UnsafeMutablePointer<hostent>? = nil
        var herr: Int32 = 0
        var buffer = [CChar](repeating: 0, count: 1024)
        while true {
            found = nil
            let status = buffer.withUnsafeMutableBufferPointer { buffer in lookup(&entry, buffer, &found, &herr) }
            switch status {
            case .found(let result):
                #if canImport(Darwin)
                defer { freehostent(result) }
                #endif
                return hostEnt(result.pointee)
            case .bufferTooSmall where buffer.count < 1 << 20:
                buffer = [CChar](repeating: 0, count: buffer.count * 4)
            case .notFound, .bufferTooSmall:
                throw InetError.nxdomain
            }
        }
    }

    /// A C `hostent` in Swift.
    static func hostEnt(_ entry: hostent) -> HostEnt {
        let name = entry.h_name.map { String(cString: $0) } ?? ""
        var aliases: [String] = []
        if var alias = entry.h_aliases {
            while let pointer = alias.pointee {
                aliases.append(String(cString: pointer))
                alias += 1
            }
        }
        let family: Family = entry.h_addrtype == AF_INET6 ? .inet6 : .inet
        var addresses: [IPAddress] = []
        if var item = entry.h_addr_list {
            while let pointer = item.pointee {
                let raw = UnsafeRawPointer(pointer)
                switch family {
                case .inet: addresses.append(.v4(IPv4Address(raw.loadUnaligned(as: in_addr.self))))
                case .inet6: addresses.append(.v6(IPv6Address(raw.loadUnaligned(as: in6_addr.self))))
                }
                item += 1
            }
        }
        return HostEnt(name: name, aliases: aliases, addrtype: family, addrList: addresses)
    }
}
