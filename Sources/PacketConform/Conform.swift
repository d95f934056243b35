import PacketFraming

/// The `packetcat conform` batch formats (documented in the PacketConform catalog's article
/// <doc:ConformBatchFormats>): one line in, one line out, each line the text Erlang/OTP 25
/// prints for the same question. Tests diff this against the real `erl`.
public enum Conform {
    /// The batch formats.
    public enum Mode: String, Sendable, CaseIterable {
        /// `TYPE OPTS HEX` -> `~w` of `erlang:decode_packet(T, B, O)`.
        case packet
        /// `TYPE OPTS HEX` -> `~w` of each `gen_tcp:recv(S, 0)` result on the stream, space-separated.
        case stream
        /// `FUNC ARG` -> `~w` of `inet:FUNC(Arg)`.
        case inet
    }

    /// The answer to one input line (trailing `\r` and `\n` bytes are ignored): what Erlang
    /// prints, or `badarg` for a malformed line.
    public static func answer(_ line: Substring, mode: Mode) -> String {
        let line = ConformLexer.stripped(line)
        return switch mode {
        case .packet: packetAnswer(line)
        case .stream: streamAnswer(line)
        case .inet: inetAnswer(line)
        }
    }

    /// Answers every line of `input`, one output line per input line (a last line that is empty
    /// once its `\r` bytes are stripped is ignored).
    public static func run(_ input: String, mode: Mode) -> String {
        var out = ""
        for line in ConformLexer.lines(input) {
            out += answer(line, mode: mode)
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

    /// Parses `TYPE OPTS HEX` with the shared lexical rules (``ConformLexer``); `nil` for a
    /// malformed line or an option Erlang refuses.
    static func parse(_ line: Substring, allowed: Set<PacketOptions.Name>, rules: OptionRules) -> Request? {
        guard let fields = ConformLexer.fields(line, count: 3), let type = PacketType(erlangName: String(fields[0])),
            let items = ConformLexer.list(fields[1]), let bytes = ConformLexer.hex(fields[2])
        else { return nil }
        var options = PacketOptions()
        for item in items {
            guard let (key, text) = ConformLexer.option(item), let name = PacketOptions.Name(rawValue: String(key)),
                allowed.contains(name)
            else { return nil }
            let value: Int? =
                switch rules {
                case .decodePacket: ConformLexer.clampedInteger(text)
                case .socket where name == .lineDelimiter: ConformLexer.integer(text, modulo: 256)
                case .socket: text.hasPrefix("-") ? nil : ConformLexer.integer(text, modulo: 1 << 32)
                }
            guard let value, (try? options.set(name, to: value)) != nil else { return nil }
        }
        return Request(type: type, options: options, bytes: bytes)
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
