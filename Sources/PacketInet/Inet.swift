/// Erlang/OTP's `inet` utilities, byte-exact with OTP 25: address parsing and formatting, host
/// and interface lookups, resolver settings, and POSIX error names and texts.
///
/// | Erlang                               | Swift                                   |
/// |--------------------------------------|-----------------------------------------|
/// | `inet:parse_address/1`               | ``Inet/parseAddress(_:)``               |
/// | `inet:parse_strict_address/1`        | ``Inet/parseStrictAddress(_:)``         |
/// | `inet:parse_ipv4_address/1`          | ``Inet/parseIPv4Address(_:)``           |
/// | `inet:parse_ipv4strict_address/1`    | ``Inet/parseIPv4StrictAddress(_:)``     |
/// | `inet:parse_ipv6_address/1`          | ``Inet/parseIPv6Address(_:)``           |
/// | `inet:parse_ipv6strict_address/1`    | ``Inet/parseIPv6StrictAddress(_:)``     |
/// | `inet:ntoa/1`                        | ``Inet/ntoa(_:)-(IPAddress)``, `description` |
/// | `inet:format_error/1`                | ``Inet/formatError(_:)-(String)``       |
/// | `inet:gethostname/0`                 | ``Inet/gethostname()``                  |
/// | `inet:getaddr/2`, `inet:getaddrs/2`  | ``Inet/getaddr(_:family:)-(String,_)``, ``Inet/getaddrs(_:family:)-(String,_)`` |
/// | `inet:gethostbyname/1,2`             | ``Inet/gethostbyname(_:family:)``       |
/// | `inet:gethostbyaddr/1`               | ``Inet/gethostbyaddr(_:)-(IPAddress)``            |
/// | `inet:getifaddrs/0`                  | ``Inet/getifaddrs()``                   |
/// | `inet:get_rc/0`                      | ``Inet/getRC(resolvConf:hostsFile:dnsClientUsed:)``                   |
/// | `{error, Atom}`                      | ``InetError`` with ``InetError/Code``   |
public enum Inet {
    /// An address family: Erlang's `inet` and `inet6`.
    public enum Family: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
        /// IPv4, `inet`.
        case inet
        /// IPv6, `inet6`.
        case inet6

        /// The Erlang atom.
        public var description: String { rawValue }
    }
}
