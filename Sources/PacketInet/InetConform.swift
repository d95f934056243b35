/// The `packetcat conform inet` batch format (DESIGN.md): each line `FUNC ARG` gets the text
/// `io:format("~w~n", [inet:FUNC(...)])` prints in Erlang/OTP 25, without the newline.
///
/// FUNC is one of `parse_address parse_strict_address parse_ipv4_address parse_ipv4strict_address
/// parse_ipv6_address parse_ipv6strict_address ntoa`. For the parse functions ARG is the input
/// string's bytes as hex (`-` for none); for `ntoa` it is a comma-separated list of decimal
/// integers (optionally signed, any size; `-` for none), passed as a tuple of that size.
///
/// ```
/// parse_address 3132372e31   ->  {ok,{127,0,0,1}}
/// parse_address 787878       ->  {error,einval}
/// ntoa 1,2,3,4               ->  [49,46,50,46,51,46,52]      (~w prints a string as a list)
/// ntoa 1,2,3                 ->  {error,einval}
/// bogus line                 ->  badarg
/// ```
public enum InetConform {
    /// The functions of the format, by their Erlang names.
    public static let functions = [
        "parse_address", "parse_strict_address", "parse_ipv4_address", "parse_ipv4strict_address",
        "parse_ipv6_address", "parse_ipv6strict_address", "ntoa",
    ]

    /// The answer to one line (trailing `\r` and `\n` bytes are ignored): what Erlang prints, or
    /// `badarg` for a malformed line.
    ///
    /// Lexical rules (shared with the oracle, Tests/Oracle/conform.escript): the two fields are
    /// separated by exactly one space; hex is lowercase with an even number of digits; an
    /// integer is `-?[0-9]+` of any magnitude.
    public static func answer(_ line: Substring) -> String {
        var line = line
        while let last = line.utf8.last, last == 0x0D || last == 0x0A { line = line.dropLast() }
        guard let space = line.utf8.firstIndex(of: 0x20) else { return "badarg" }
        let function = line[..<space]
        let argument = line[line.utf8.index(after: space)...]
        if function == "ntoa" {
            guard let integers = parseIntegers(argument) else { return "badarg" }
            guard let address = IPAddress(parts: integers.compactMap { $0 }), !integers.contains(nil) else {
                return "{error,einval}"
            }
            return erlangString(Inet.ntoa(address))
        }
        guard let bytes = decodeHex(argument) else { return "badarg" }
        let result: IPAddress?
        switch function {
        case "parse_address": result = AddressParser.withBytes(bytes, AddressParser.address)
        case "parse_strict_address": result = AddressParser.withBytes(bytes, AddressParser.strictAddress)
        case "parse_ipv4_address": result = AddressParser.withBytes(bytes, AddressParser.ipv4).map(IPAddress.v4)
        case "parse_ipv4strict_address":
            result = AddressParser.withBytes(bytes) { AddressParser.ipv4Strict($0, from: 0, to: $0.count) }
                .map(IPAddress.v4)
        case "parse_ipv6_address": result = AddressParser.withBytes(bytes, AddressParser.ipv6Lenient).map(IPAddress.v6)
        case "parse_ipv6strict_address": result = AddressParser.withBytes(bytes, AddressParser.ipv6).map(IPAddress.v6)
        default: return "badarg"
        }
        guard let result else { return "{error,einval}" }
        return "{ok,\(erlangTuple(result))}"
    }

    /// Answers every line of `input`, one output line per input line (a final empty line is
    /// ignored).
    public static func run(_ input: String) -> String {
        var out = ""
        var lines = input.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        for line in lines {
            out += answer(line)
            out += "\n"
        }
        return out
    }

    /// `~w` of an address tuple: `{127,0,0,1}`.
    public static func erlangTuple(_ address: IPAddress) -> String {
        "{" + address.parts.map(String.init).joined(separator: ",") + "}"
    }

    /// `~w` of a string: the list of its character codes, `[49,46,50]` (`[]` when empty).
    /// Each Unicode scalar is one code, as in an Erlang string.
    public static func erlangString(_ text: String) -> String {
        "[" + text.unicodeScalars.map { String($0.value) }.joined(separator: ",") + "]"
    }

    /// Lowercase hex pairs to bytes; `-` is no bytes; anything else malformed is `nil`.
    static func decodeHex(_ text: Substring) -> [UInt8]? {
        if text == "-" { return [] }
        let utf8 = text.utf8
        guard !utf8.isEmpty, utf8.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count / 2)
        var high: UInt8? = nil
        for byte in utf8 {
            guard let digit = AddressParser.digitValue(byte), byte < 0x41 || byte > 0x46 else { return nil }
            if let h = high {
                bytes.append(h << 4 | digit)
                high = nil
            } else {
                high = digit
            }
        }
        return bytes
    }

    /// Comma-separated integers `-?[0-9]+` of any size: a value that does not fit an `Int` is
    /// `nil` inside the list (out of every address range anyway). `-` is the empty list; a
    /// malformed list is `nil`.
    static func parseIntegers(_ text: Substring) -> [Int?]? {
        if text == "-" { return [] }
        var values: [Int?] = []
        for item in text.utf8.split(separator: 0x2C, omittingEmptySubsequences: false) {
            var digits = item[...]
            var negative = false
            if digits.first == 0x2D {
                negative = true
                digits = digits.dropFirst()
            }
            guard !digits.isEmpty else { return nil }
            var value: Int? = 0
            for byte in digits {
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                if let v = value {
                    let (m, o1) = v.multipliedReportingOverflow(by: 10)
                    let (s, o2) = m.addingReportingOverflow(Int(byte &- 0x30))
                    value = o1 || o2 ? nil : s
                }
            }
            values.append(value.map { negative ? -$0 : $0 })
        }
        return values
    }
}
