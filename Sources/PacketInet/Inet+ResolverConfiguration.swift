#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The resolver settings in effect, as `inet:get_rc/0` lists them.
///
/// OTP 25 reads `resolv.conf` lazily: a fresh VM's `inet:get_rc()` lists only `resolv_conf`,
/// `hosts_file` and `lookup`, and native lookups (`inet:gethostbyname/1`, `inet:getaddr/2` with
/// the default `native` method) do not change that. Only once Erlang's own DNS client (`inet_res`)
/// has been used does the list gain the `nameservers` and `search` of `resolv.conf`.
/// ``dnsClientUsed`` chooses which of the two answers ``parameters`` gives.
public struct ResolverConfiguration: Hashable, Sendable {
    /// One `{Parameter, Value}` pair of `inet:get_rc/0`.
    public enum Parameter: Hashable, Sendable, CustomStringConvertible {
        /// `{nameservers, Address}`: one per `nameserver` line (port 53).
        case nameservers(IPAddress)
        /// `{search, [Domain]}`: from the last `search` or `domain` line.
        case search([String])
        /// `{resolv_conf, Path}`.
        case resolvConf(String)
        /// `{hosts_file, Path}`.
        case hostsFile(String)
        /// `{lookup, [Method]}`: `native`, the C library's resolver.
        case lookup([String])

        /// As Erlang's `~w` prints it.
        public var description: String {
            switch self {
            case .nameservers(let a): "{nameservers,\(InetConform.erlangTuple(a))}"
            case .search(let domains): "{search,[" + domains.map(InetConform.erlangString).joined(separator: ",") + "]}"
            case .resolvConf(let path): "{resolv_conf,\(InetConform.erlangString(path))}"
            case .hostsFile(let path): "{hosts_file,\(InetConform.erlangString(path))}"
            case .lookup(let methods): "{lookup,[" + methods.joined(separator: ",") + "]}"
            }
        }
    }

    /// The nameservers, in file order.
    public var nameservers: [IPAddress]
    /// The search list (a `domain` line makes it that one domain).
    public var search: [String]
    /// The resolver configuration file.
    public var resolvConf: String
    /// The hosts file.
    public var hostsFile: String
    /// Whether ``parameters`` answers as after a use of Erlang's DNS client (`nameservers` and
    /// `search` listed) or as a fresh VM (not listed).
    public var dnsClientUsed: Bool

    /// The settings read from `resolvConfText` (the text of the file at `resolvConf`); by default
    /// ``parameters`` lists them as Erlang does after its DNS client has been used.
    public init(
        resolvConfText: String, resolvConf: String = "/etc/resolv.conf", hostsFile: String = "/etc/hosts",
        dnsClientUsed: Bool = true
    ) {
        var nameservers: [IPAddress] = []
        var search: [String] = []
        for rawLine in resolvConfText.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            var line = rawLine[...]
            if let comment = line.firstIndex(where: { $0 == "#" || $0 == ";" }) { line = line[..<comment] }
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard let keyword = words.first else { continue }
            switch keyword {
            case "nameserver":
                if words.count >= 2, let address = try? Inet.parseStrictAddress(words[1]) {
                    nameservers.append(address)
                }
            case "search":
                search = words.dropFirst().map(String.init)
            case "domain":
                if words.count >= 2 { search = [String(words[1])] }
            default:
                continue
            }
        }
        self.nameservers = nameservers
        self.search = search
        self.resolvConf = resolvConf
        self.hostsFile = hostsFile
        self.dnsClientUsed = dnsClientUsed
    }

    /// The pairs in `inet:get_rc/0`'s order; `nameservers` and `search` only if
    /// ``dnsClientUsed``.
    public var parameters: [Parameter] {
        var result: [Parameter] = []
        if dnsClientUsed {
            result = nameservers.map(Parameter.nameservers)
            if !search.isEmpty { result.append(.search(search)) }
        }
        result.append(.resolvConf(resolvConf))
        result.append(.hostsFile(hostsFile))
        result.append(.lookup(["native"]))
        return result
    }

    /// As Erlang's `~w` prints `inet:get_rc()`.
    public var erlangTerm: String { "[" + parameters.map(\.description).joined(separator: ",") + "]" }
}

extension Inet {
    /// `inet:get_rc/0`: the files and the `native` lookup method (Erlang's default on Unix; an
    /// `.inetrc` file that changes it is not read). By default the answer of a VM whose DNS client
    /// (`inet_res`) has not been used, which is what a fresh `erl` prints: no `nameservers` or
    /// `search`. With `dnsClientUsed: true`, the answer after such a use, with the nameservers
    /// and search list of `resolvConf`. The returned value holds the nameservers and search
    /// list either way.
    public static func getRC(
        resolvConf: String = "/etc/resolv.conf", hostsFile: String = "/etc/hosts", dnsClientUsed: Bool = false
    ) -> ResolverConfiguration {
        ResolverConfiguration(
            resolvConfText: readTextFile(resolvConf) ?? "", resolvConf: resolvConf,
            hostsFile: hostsFile, dnsClientUsed: dnsClientUsed)
    }

    /// The whole text of a small file, or `nil` if it cannot be read.
    static func readTextFile(_ path: String) -> String? {
        guard let file = fopen(path, "r") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while bytes.count < 1 << 20 {
            let count = fread(&chunk, 1, chunk.count, file)
            if count <= 0 { break }
            bytes += chunk[0..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
