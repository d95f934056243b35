/// Erlang's `~w` text of the inet values: what `io:format("~w", [Term])` prints for an address
/// tuple and for a string. The `packetcat conform inet` batch format itself is
/// `Conform.answer(_:mode:)` with mode `.inet` in the PacketConform module.
public enum InetConform {
    /// The functions of the format, by their Erlang names.
    public static let functions = [
        "parse_address", "parse_strict_address", "parse_ipv4_address", "parse_ipv4strict_address",
        "parse_ipv6_address", "parse_ipv6strict_address", "ntoa",
    ]

    /// `~w` of an address tuple: `{127,0,0,1}`.
    public static func erlangTuple(_ address: IPAddress) -> String {
        "{" + address.parts.map(String.init).joined(separator: ",") + "}"
    }

    /// `~w` of a string: the list of its character codes, `[49,46,50]` (`[]` when empty).
    /// Each Unicode scalar is one code, as in an Erlang string.
    public static func erlangString(_ text: String) -> String {
        "[" + text.unicodeScalars.map { String($0.value) }.joined(separator: ",") + "]"
    }
}
