import ArgumentParser
import PacketInet

/// `packetcat inet`: Erlang's inet utilities for people (the machine format is
/// `packetcat conform inet`).
struct InetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inet",
        abstract: "Parse and print IP addresses, look up hosts and interfaces, as Erlang/OTP's inet does.",
        discussion: """
            Each subcommand answers what the inet function of the same name answers in Erlang/OTP 25; \
            errors are Erlang's atoms (einval, nxdomain, eafnosupport, ...).
            """,
        subcommands: [
            InetParse.self, InetNtoa.self, InetGetaddrs.self, InetHostent.self, InetIfaddrs.self,
            InetHostname.self, InetFormatError.self, InetRC.self,
        ]
    )
}

/// An address family option: `inet`, `inet6`.
extension Inet.Family: ExpressibleByArgument {}

/// Turns an inet error into packetcat's one-sentence failure.
func inetFailure(_ subject: String, _ error: InetError) -> CLIError {
    .failure("\(subject): \(error.atom) (\(error.reason))")
}

/// `packetcat inet parse`.
struct InetParse: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Parse addresses as inet:parse_address/1 (or a stricter or one-family variant) does.",
        discussion: """
            Prints, for each address, its inet:ntoa/1 text and its Erlang tuple; exits 1 if any \
            address is refused (einval).

            Examples:
              packetcat inet parse 127.1 fe80::1%eth0
              packetcat inet parse --strict --family inet6 ::ffff:10.0.0.1
            """
    )

    @Flag(help: "Use the strict grammars (parse_strict_address, parse_ipv4strict_address, parse_ipv6strict_address).")
    var strict = false

    @Option(help: "Only this family: inet (parse_ipv4_address) or inet6 (parse_ipv6_address).")
    var family: Inet.Family?

    @Argument(help: "The addresses.")
    var addresses: [String]

    func run() throws {
        var failed = 0
        for text in addresses {
            do throws(InetError) {
                let address: IPAddress
                switch (family, strict) {
                case (nil, false): address = try Inet.parseAddress(text)
                case (nil, true): address = try Inet.parseStrictAddress(text)
                case (.inet, false): address = .v4(try Inet.parseIPv4Address(text))
                case (.inet, true): address = .v4(try Inet.parseIPv4StrictAddress(text))
                case (.inet6, false): address = .v6(try Inet.parseIPv6Address(text))
                case (.inet6, true): address = .v6(try Inet.parseIPv6StrictAddress(text))
                }
                print("\(text)\t\(address)\t\(InetConform.erlangTuple(address))")
            } catch {
                print("\(text)\t{error,\(error.atom)}")
                failed += 1
            }
        }
        if failed > 0 { throw CLIError(message: "", status: 1) }
    }
}

/// `packetcat inet ntoa`.
struct InetNtoa: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ntoa",
        abstract: "Print address tuples as inet:ntoa/1 does.",
        discussion: """
            Each argument is a tuple's parts separated by commas: 4 parts in 0..255 or 8 in 0..65535.

            Example:
              packetcat inet ntoa 0,0,0,0,0,65535,258,772     prints ::ffff:1.2.3.4
            """
    )

    @Argument(help: "The tuples, e.g. 127,0,0,1.")
    var tuples: [String]

    func run() throws {
        var failed = 0
        for tuple in tuples {
            let parts = tuple.split(separator: ",", omittingEmptySubsequences: false).map { Int($0) }
            if let address = IPAddress(parts: parts.compactMap { $0 }), !parts.contains(nil) {
                print(address)
            } else {
                print("{error,einval}")
                failed += 1
            }
        }
        if failed > 0 { throw CLIError(message: "", status: 1) }
    }
}

/// `packetcat inet getaddrs`.
struct InetGetaddrs: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "getaddrs",
        abstract: "Print the addresses of a host, as inet:getaddrs/2 finds them.",
        discussion: """
            The host is a name (looked up in /etc/hosts, then DNS) or an address.

            Example:
              packetcat inet getaddrs localhost --family inet6
            """
    )

    @Option(help: "The address family: inet or inet6.")
    var family: Inet.Family = .inet

    @Argument(help: "The host name or address.")
    var host: String

    func run() throws {
        do throws(InetError) {
            for address in try Inet.getaddrs(host, family: family) { print(address) }
        } catch {
            throw inetFailure(host, error)
        }
    }
}

/// `packetcat inet hostent`.
struct InetHostent: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hostent",
        abstract: "Print a host entry: inet:gethostbyname/2 for a name, inet:gethostbyaddr/1 for an address.",
        discussion: """
            Example:
              packetcat inet hostent localhost
              packetcat inet hostent 127.0.0.1
            """
    )

    @Option(help: "The address family of a name lookup: inet or inet6.")
    var family: Inet.Family = .inet

    @Argument(help: "A host name, or an address to look up in reverse.")
    var host: String

    func run() throws {
        do throws(InetError) {
            let entry: HostEnt
            if let address = try? Inet.parseAddress(host) {
                entry = try Inet.gethostbyaddr(address)
            } else {
                entry = try Inet.gethostbyname(host, family: family)
            }
            print("name:      \(entry.name)")
            print("aliases:   \(entry.aliases.joined(separator: " "))")
            print("addrtype:  \(entry.addrtype)")
            print("length:    \(entry.length)")
            print("addr_list: \(entry.addrList.map(\.description).joined(separator: " "))")
        } catch {
            throw inetFailure(host, error)
        }
    }
}

/// `packetcat inet ifaddrs`.
struct InetIfaddrs: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ifaddrs",
        abstract: "List the network interfaces as inet:getifaddrs/0 does.",
        discussion: "With --erlang, prints the term as Erlang's ~w would."
    )

    @Flag(help: "Print the Erlang term.")
    var erlang = false

    func run() throws {
        let interfaces: [InterfaceInfo]
        do throws(InetError) {
            interfaces = try Inet.getifaddrs()
        } catch {
            throw inetFailure("getifaddrs", error)
        }
        if erlang {
            print("{ok,[" + interfaces.map(\.erlangTerm).joined(separator: ",") + "]}")
            return
        }
        for interface in interfaces {
            print("\(interface.name):")
            for option in interface.options {
                switch option {
                case .flags(let flags): print("  flags      \(flags.map(\.rawValue).joined(separator: " "))")
                case .addr(let a): print("  addr       \(a)")
                case .netmask(let a): print("  netmask    \(a)")
                case .broadaddr(let a): print("  broadaddr  \(a)")
                case .dstaddr(let a): print("  dstaddr    \(a)")
                case .hwaddr(let bytes):
                    let hex = bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }
                    print("  hwaddr     \(hex.joined(separator: ":"))")
                }
            }
        }
    }
}

/// `packetcat inet hostname`.
struct InetHostname: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hostname",
        abstract: "Print this host's name as inet:gethostname/0 does (cut at the first dot)."
    )

    func run() throws {
        print(Inet.gethostname())
    }
}

/// `packetcat inet format-error`.
struct InetFormatError: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "format-error",
        abstract: "Explain Erlang error atoms as inet:format_error/1 does.",
        discussion: """
            Examples:
              packetcat inet format-error eaddrinuse nxdomain
              packetcat inet format-error --all       the whole POSIX table
            """
    )

    @Flag(help: "Print every POSIX atom with its text.")
    var all = false

    @Argument(help: "The atoms, e.g. econnrefused.")
    var atoms: [String] = []

    func validate() throws {
        if !all && atoms.isEmpty { throw ValidationError("Give at least one atom, or --all.") }
    }

    func run() throws {
        let list = all ? InetError.Code.allPosix.map(\.rawValue) : atoms
        for atom in list { print("\(atom)\t\(Inet.formatError(atom))") }
    }
}

/// `packetcat inet rc`.
struct InetRC: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rc",
        abstract: "Print the resolver settings in effect as inet:get_rc/0 lists them.",
        discussion: """
            By default what a fresh Erlang VM answers (OTP reads resolv.conf only when its own DNS \
            client, inet_res, is first used: no nameservers or search). With --dns-client-used, \
            the answer after that use. With --erlang, prints the term as Erlang's ~w would.
            """
    )

    @Flag(help: "Print the Erlang term.")
    var erlang = false

    @Flag(help: "Answer as after a use of Erlang's DNS client (lists nameservers and search).")
    var dnsClientUsed = false

    func run() throws {
        let rc = Inet.getRC(dnsClientUsed: dnsClientUsed)
        if erlang {
            print(rc.erlangTerm)
            return
        }
        for parameter in rc.parameters {
            switch parameter {
            case .nameservers(let a): print("nameservers  \(a)")
            case .search(let domains): print("search       \(domains.joined(separator: " "))")
            case .resolvConf(let path): print("resolv_conf  \(path)")
            case .hostsFile(let path): print("hosts_file   \(path)")
            case .lookup(let methods): print("lookup       \(methods.joined(separator: " "))")
            }
        }
    }
}
