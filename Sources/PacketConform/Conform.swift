import PacketFraming

/// The `packetcat conform` batch formats (DESIGN.md): one line in, one line out, each line the
/// text Erlang/OTP prints for the same question. Tests diff this against the real `erl`.
public enum Conform {
    /// The batch formats.
    public enum Mode: String, Sendable, CaseIterable {
        /// `TYPE OPTS HEX` -> `~w` of `erlang:decode_packet(T, B, O)`.
        case packet
        /// `TYPE OPTS HEX` -> `~w` of each `gen_tcp:recv(S, 0)` result on the stream, space-separated.
        case stream
    }

    /// The answer to one input line (without its newline).
    public static func answer(_ line: Substring, mode: Mode) -> String {
        switch mode {
        case .packet: packetAnswer(line)
        case .stream: streamAnswer(line)
        }
    }

    /// Answers every line of `input`, one output line per input line (an empty last line is
    /// ignored).
    public static func run(_ input: String, mode: Mode) -> String {
        var out = ""
        var lines = input.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        for line in lines {
            out += answer(line.hasSuffix("\r") ? line.dropLast() : line, mode: mode)
            out += "\n"
        }
        return out
    }

    static let badarg = "badarg"

    /// One request of either format, parsed.
    struct Request {
        var type: PacketType
        var options: PacketOptions
        var bytes: [UInt8]
    }

    /// How option values are checked: as `decode_packet/3` checks them, or as a socket's
    /// `inet:setopts/2` does (it takes `packet_size` modulo 2^32 and `line_delimiter` modulo 256).
    enum OptionRules {
        case decodePacket
        case socket
    }

    /// Parses `TYPE OPTS HEX`; `nil` for a malformed line or an option Erlang refuses.
    static func parse(_ line: Substring, allowed: Set<PacketOptions.Name>, rules: OptionRules) -> Request? {
        let fields = line.split(separator: " ", omittingEmptySubsequences: false)
        guard fields.count == 3, let type = PacketType(erlangName: String(fields[0])) else { return nil }
        var options = PacketOptions()
        if fields[1] != "-" {
            for item in fields[1].split(separator: ",", omittingEmptySubsequences: false) {
                let pair = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                guard pair.count == 2, let name = PacketOptions.Name(rawValue: String(pair[0])), allowed.contains(name)
                else { return nil }
                let value: Int? =
                    switch rules {
                    case .decodePacket: parseInteger(pair[1])
                    case .socket where name == .lineDelimiter: parseInteger(pair[1], modulo: 256)
                    case .socket: pair[1].hasPrefix("-") ? nil : parseInteger(pair[1], modulo: 1 << 32)
                    }
                guard let value, (try? options.set(name, to: value)) != nil else { return nil }
            }
        }
        let bytes: [UInt8]
        if fields[2] == "-" {
            bytes = []
        } else {
            guard !fields[2].isEmpty, let decoded = Hex.decode(fields[2]) else { return nil }
            bytes = decoded
        }
        return Request(type: type, options: options, bytes: bytes)
    }

    /// The sign and the digits of a decimal integer (`-?[0-9]+`), or `nil`.
    static func decimal(_ text: Substring) -> (negative: Bool, digits: Substring.UTF8View)? {
        let negative = text.first == "-"
        let digits = (negative ? text.dropFirst() : text).utf8
        guard !digits.isEmpty, digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            return nil
        }
        return (negative, digits)
    }

    /// A decimal integer of any size reduced modulo `modulus` (a negative one to its two's
    /// complement residue), or `nil` if `text` is not a decimal integer.
    static func parseInteger(_ text: Substring, modulo modulus: Int) -> Int? {
        guard let (negative, digits) = decimal(text) else { return nil }
        var value = 0
        for c in digits { value = (value * 10 + Int(c - UInt8(ascii: "0"))) % modulus }
        return negative ? (modulus - value) % modulus : value
    }

    /// A decimal integer, possibly signed, any size: values beyond `Int` are clamped (every option
    /// refuses them anyway).
    static func parseInteger(_ text: Substring) -> Int? {
        guard let (negative, digits) = decimal(text) else { return nil }
        var value = 0
        for c in digits {
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(Int(c - UInt8(ascii: "0")))
            if o1 || o2 { return negative ? Int.min : Int.max }
            value = a
        }
        return negative ? -value : value
    }

    static func packetAnswer(_ line: Substring) -> String {
        guard let request = parse(line, allowed: Set(PacketOptions.Name.allCases), rules: .decodePacket),
            let codec = try? PacketCodec(request.type, options: request.options)
        else { return badarg }
        if request.type.isHTTP {
            let result = codec.decodeHTTP(PacketBuffer(request.bytes))
            return ErlangTerm.decodePacket(result, binary: request.type.isBinaryHTTP).formatted
        }
        return ErlangTerm.decodePacket(codec.decode(PacketBuffer(request.bytes))).formatted
    }

    static func streamAnswer(_ line: Substring) -> String {
        streamAnswer(line, nextChunkSize: { Int.max })
    }

    /// The `conform stream` answer with the stream fed to the framer in chunks of the sizes
    /// `nextChunkSize` returns (at least 1 byte each), draining it after every chunk: the answer
    /// must not depend on the sizes.
    public static func streamAnswer(_ line: Substring, nextChunkSize: () -> Int) -> String {
        guard let request = parse(line, allowed: [.packetSize, .lineDelimiter], rules: .socket), request.type != .raw
        else {
            return badarg
        }
        var framer = PacketFramer(request.type, options: request.options)
        // A socket whose receive buffer is larger than the stream: no HTTP line limit of its own.
        framer.maximumHTTPPacketSize = 0
        var terms: [ErlangTerm] = []
        var offset = 0
        while offset < request.bytes.count {
            let size = Swift.min(Swift.max(1, nextChunkSize()), request.bytes.count - offset)
            framer.append(contentsOf: request.bytes[offset..<(offset + size)])
            offset += size
            if !drain(&framer, into: &terms) { return terms.map(\.formatted).joined(separator: " ") }
        }
        terms += streamTerms(&framer)
        return terms.map(\.formatted).joined(separator: " ")
    }

    /// Drains `framer` as successive `gen_tcp:recv(S, 0)` calls would, after the peer sent
    /// everything and closed: each packet, then `{error, emsgsize}` or `{error, closed}`.
    public static func streamTerms(_ framer: inout PacketFramer) -> [ErlangTerm] {
        var terms: [ErlangTerm] = []
        if drain(&framer, into: &terms) { terms.append(.closed) }
        return terms
    }

    /// Appends `{ok, Packet}` for every packet `framer` can deliver now; on a framing error
    /// appends `{error, emsgsize}` and returns `false`.
    static func drain(_ framer: inout PacketFramer, into terms: inout [ErlangTerm]) -> Bool {
        do {
            if framer.type.isHTTP {
                while let packet = try framer.nextPacket()?.http {
                    terms.append(.tagged("ok", .http(packet, binary: framer.type.isBinaryHTTP)))
                }
            } else {
                while let packet = try framer.next() { terms.append(.received(packet)) }
            }
            return true
        } catch {
            terms.append(.emsgsize)
            return false
        }
    }
}
