import PacketInet

extension Conform {
    /// `FUNC ARG`, FUNC one of `InetConform.functions`: for the parse functions ARG is HEX of the string's bytes; for `ntoa` it is a
    /// list of integers, passed as a tuple of that size.
    ///
    /// ```
    /// parse_address 3132372e31   ->  {ok,{127,0,0,1}}
    /// parse_address 787878       ->  {error,einval}
    /// ntoa 1,2,3,4               ->  [49,46,50,46,51,46,52]      (~w prints a string as a list)
    /// ntoa 1,2,3                 ->  {error,einval}
    /// bogus line                 ->  badarg
    /// ```
    static func inetAnswer(_ line: Substring) -> String {
        guard let fields = ConformLexer.fields(line, count: 2) else { return badarg }
        let function = fields[0]
        let argument = fields[1]
        if function == "ntoa" {
            guard let items = ConformLexer.list(argument) else { return badarg }
            var parts: [Int] = []
            var inRange = true
            for item in items {
                guard let value = ConformLexer.clampedInteger(item) else { return badarg }
                // A clamped value is out of every address range anyway.
                if value == .max || value == .min { inRange = false }
                parts.append(value)
            }
            guard inRange, let address = IPAddress(parts: parts) else { return "{error,einval}" }
            return InetConform.erlangString(Inet.ntoa(address))
        }
        guard let bytes = ConformLexer.hex(argument) else { return badarg }
        let result: IPAddress?
        switch function {
        case "parse_address": result = try? Inet.parseAddress(bytes: bytes)
        case "parse_strict_address": result = try? Inet.parseStrictAddress(bytes: bytes)
        case "parse_ipv4_address": result = (try? Inet.parseIPv4Address(bytes: bytes)).map(IPAddress.v4)
        case "parse_ipv4strict_address": result = (try? Inet.parseIPv4StrictAddress(bytes: bytes)).map(IPAddress.v4)
        case "parse_ipv6_address": result = (try? Inet.parseIPv6Address(bytes: bytes)).map(IPAddress.v6)
        case "parse_ipv6strict_address": result = (try? Inet.parseIPv6StrictAddress(bytes: bytes)).map(IPAddress.v6)
        default: return badarg
        }
        guard let result else { return "{error,einval}" }
        return "{ok,\(InetConform.erlangTuple(result))}"
    }
}
