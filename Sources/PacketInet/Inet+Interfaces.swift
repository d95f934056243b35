#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One interface as `inet:getifaddrs/0` describes it.
public struct InterfaceInfo: Hashable, Sendable {
    /// An interface flag, Erlang's `ifaddrs_flag` subset that OTP reports, in Erlang's order.
    public enum Flag: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
        /// `up`: the interface is up.
        case up
        /// `broadcast`: it has a broadcast address.
        case broadcast
        /// `loopback`: it is a loopback interface.
        case loopback
        /// `pointtopoint`: it is a point-to-point link.
        case pointtopoint
        /// `running`: its resources are allocated.
        case running
        /// `multicast`: it supports multicast.
        case multicast

        /// The Erlang atom.
        public var description: String { rawValue }
    }

    /// One `{Key, Value}` of the interface's option list.
    public enum Option: Hashable, Sendable, CustomStringConvertible {
        /// `{flags, [Flag]}`.
        case flags([Flag])
        /// `{addr, Address}`.
        case addr(IPAddress)
        /// `{netmask, Address}`.
        case netmask(IPAddress)
        /// `{broadaddr, Address}`.
        case broadaddr(IPAddress)
        /// `{dstaddr, Address}`.
        case dstaddr(IPAddress)
        /// `{hwaddr, [Byte]}`.
        case hwaddr([UInt8])

        /// As Erlang's `~w` prints it.
        public var description: String {
            switch self {
            case .flags(let flags): "{flags,[" + flags.map(\.rawValue).joined(separator: ",") + "]}"
            case .addr(let a): "{addr,\(InetConform.erlangTuple(a))}"
            case .netmask(let a): "{netmask,\(InetConform.erlangTuple(a))}"
            case .broadaddr(let a): "{broadaddr,\(InetConform.erlangTuple(a))}"
            case .dstaddr(let a): "{dstaddr,\(InetConform.erlangTuple(a))}"
            case .hwaddr(let bytes): "{hwaddr,[" + bytes.map(String.init).joined(separator: ",") + "]}"
            }
        }
    }

    /// The interface name (`"lo"`, `"eth0"`).
    public var name: String
    /// The options in Erlang's order: flags; each address followed by its netmask and its
    /// broadcast or point-to-point destination; the hardware address last.
    public var options: [Option]

    /// The flags.
    public var flags: [Flag] {
        for case .flags(let flags) in options { return flags }
        return []
    }

    /// The addresses, in order.
    public var addresses: [IPAddress] {
        options.compactMap { if case .addr(let a) = $0 { a } else { nil } }
    }

    /// As Erlang's `~w` prints `{Name, Options}`.
    public var erlangTerm: String {
        "{" + InetConform.erlangString(name) + ",[" + options.map(\.description).joined(separator: ",") + "]}"
    }
}

extension Inet {
    /// `inet:getifaddrs/0`: every interface, in the order the system lists them first, each with
    /// its flags, its addresses (each followed by its netmask, then its `broadaddr` if the
    /// interface broadcasts or its `dstaddr` if it is point-to-point) and its hardware address.
    /// - Throws: the errno of `getifaddrs(3)` as Erlang names it.
    public static func getifaddrs() throws(InetError) -> [InterfaceInfo] {
        var list: UnsafeMutablePointer<ifaddrs>? = nil
        guard SystemCalls.getifaddrs(&list) == 0 else { throw InetError(errno: errno) }
        defer { freeifaddrs(list) }
        var names: [String] = []
        var flags: [String: [InterfaceInfo.Flag]] = [:]
        var addresses: [String: [InterfaceInfo.Option]] = [:]
        var hardware: [String: [UInt8]] = [:]
        var entry = list
        while let current = entry {
            let item = current.pointee
            entry = item.ifa_next
            let name = item.ifa_name.map { String(cString: $0) } ?? ""
            if flags[name] == nil {
                names.append(name)
                flags[name] = interfaceFlags(item.ifa_flags)
                addresses[name] = []
            }
            guard let addr = item.ifa_addr else { continue }
            let family = Int32(addr.pointee.sa_family)
            if let link = linkLayerAddress(addr, family: family) {
                hardware[name] = link
                continue
            }
            guard let address = IPAddress(sockaddr: addr) else { continue }
            var options: [InterfaceInfo.Option] = [.addr(address)]
            if let mask = item.ifa_netmask, let netmask = IPAddress(sockaddr: mask) {
                options.append(.netmask(netmask))
            }
            if let other = broadcastOrDestination(item), let otherAddress = IPAddress(sockaddr: other) {
                if item.ifa_flags & UInt32(IFF_POINTOPOINT) != 0 {
                    options.append(.dstaddr(otherAddress))
                } else if item.ifa_flags & UInt32(IFF_BROADCAST) != 0 {
                    options.append(.broadaddr(otherAddress))
                }
            }
            addresses[name, default: []].append(contentsOf: options)
        }
        return names.map { name in
            var options: [InterfaceInfo.Option] = [.flags(flags[name] ?? [])]
            options += addresses[name] ?? []
            if let hw = hardware[name] { options.append(.hwaddr(hw)) }
            return InterfaceInfo(name: name, options: options)
        }
    }

    /// The hardware address in a link-layer socket address, or `nil` if `family` is not the
    /// link layer's.
    static func linkLayerAddress(_ addr: UnsafeMutablePointer<sockaddr>, family: Int32) -> [UInt8]? {
        let link = UnsafeRawPointer(addr)
        #if canImport(Darwin)
        // struct sockaddr_dl (net/if_dl.h): len u8, family u8, index u16, type u8, nlen u8 at
        // byte 5, alen u8 at byte 6, slen u8, then data from byte 8: the name (nlen bytes),
        // then the address (alen bytes). Not compiled in this project's CI (Linux).
        guard family == AF_LINK else { return nil }
        let nameLength = Int(link.load(fromByteOffset: 5, as: UInt8.self))
        let length = Int(link.load(fromByteOffset: 6, as: UInt8.self))
        let total = Int(link.load(fromByteOffset: 0, as: UInt8.self))
        guard length > 0, 8 + nameLength + length <= total else { return nil }
        return (0..<length).map { link.load(fromByteOffset: 8 + nameLength + $0, as: UInt8.self) }
        #else
        // struct sockaddr_ll (linux/if_packet.h): family u16, protocol u16, ifindex i32,
        // hatype u16, pkttype u8, halen u8 at byte 11, addr[8] from byte 12.
        guard family == AF_PACKET else { return nil }
        let length = min(Int(link.load(fromByteOffset: 11, as: UInt8.self)), 8)
        return (0..<length).map { link.load(fromByteOffset: 12 + $0, as: UInt8.self) }
        #endif
    }

    /// The broadcast address (broadcast interfaces) or the peer's (point-to-point ones).
    static func broadcastOrDestination(_ item: ifaddrs) -> UnsafeMutablePointer<sockaddr>? {
        #if canImport(Darwin)
        // Darwin's ifaddrs has one field for both (its ifa_broadaddr is a macro for it).
        item.ifa_dstaddr
        #else
        item.ifa_ifu.ifu_broadaddr
        #endif
    }

    static func interfaceFlags(_ raw: UInt32) -> [InterfaceInfo.Flag] {
        let bits: [(InterfaceInfo.Flag, UInt32)] = [
            (.up, UInt32(IFF_UP)), (.broadcast, UInt32(IFF_BROADCAST)),
            (.loopback, UInt32(IFF_LOOPBACK)), (.pointtopoint, UInt32(IFF_POINTOPOINT)),
            (.running, UInt32(IFF_RUNNING)), (.multicast, UInt32(IFF_MULTICAST)),
        ]
        return bits.compactMap { raw & $0.1 != 0 ? $0.0 : nil }
    }
}
