import PacketFraming

/// The few Erlang terms this package prints, and their `io:format("~w", [Term])` text.
///
/// `~w` writes atoms bare (quoted when they need it), integers in decimal, binaries as
/// `<<1,2,3>>`, lists as `[1,2,3]` (strings too: `~w` never prints `"abc"`) and tuples as `{a,b}`.
public indirect enum ErlangTerm: Sendable, Hashable {
    /// An atom, printed bare or quoted as `~w` does (`ok`, `'GET'`).
    case atom(String)
    /// An integer in decimal.
    case integer(Int)
    /// A binary: `<<1,2,3>>`.
    case binary(PacketBuffer)
    /// A list: `[1,2,3]`.
    case list([ErlangTerm])
    /// A tuple: `{a,b}`.
    case tuple([ErlangTerm])

    /// `{ok, ...}`, `{error, ...}`: a tuple whose first element is an atom.
    public static func tagged(_ tag: String, _ elements: ErlangTerm...) -> ErlangTerm {
        .tuple([.atom(tag)] + elements)
    }

    /// A string as Erlang holds it without `_bin`: a list of its byte values.
    public static func string(_ bytes: some Sequence<UInt8>) -> ErlangTerm {
        .list(bytes.map { .integer(Int($0)) })
    }

    /// The text `io:format("~w", [Term])` prints.
    public var formatted: String {
        var out: [UInt8] = []
        write(to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the `~w` text to `out`.
    public func write(to out: inout [UInt8]) {
        switch self {
        case .atom(let name):
            ErlangTerm.writeAtom(name, to: &out)
        case .integer(let value):
            out.append(contentsOf: String(value).utf8)
        case .binary(let bytes):
            out.append(contentsOf: "<<".utf8)
            var first = true
            for byte in bytes {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                ErlangTerm.writeDecimal(byte, to: &out)
            }
            out.append(contentsOf: ">>".utf8)
        case .list(let elements):
            ErlangTerm.writeSequence(elements, open: "[", close: "]", to: &out)
        case .tuple(let elements):
            ErlangTerm.writeSequence(elements, open: "{", close: "}", to: &out)
        }
    }

    private static func writeSequence(
        _ elements: [ErlangTerm], open: Character, close: Character, to out: inout [UInt8]
    ) {
        out.append(contentsOf: String(open).utf8)
        for (i, element) in elements.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            element.write(to: &out)
        }
        out.append(contentsOf: String(close).utf8)
    }

    private static func writeDecimal(_ byte: UInt8, to out: inout [UInt8]) {
        if byte >= 100 { out.append(UInt8(ascii: "0") + byte / 100) }
        if byte >= 10 { out.append(UInt8(ascii: "0") + byte / 10 % 10) }
        out.append(UInt8(ascii: "0") + byte % 10)
    }

    /// Atoms print bare when they start with a lowercase letter and hold only letters, digits,
    /// `_` and `@`, and are not reserved words; otherwise in single quotes (`'GET'`).
    private static func writeAtom(_ name: String, to out: inout [UInt8]) {
        let bytes = Array(name.utf8)
        var bare = !bytes.isEmpty && (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(bytes[0])
        if bare {
            for c in bytes {
                let ok =
                    (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(c)
                    || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(c)
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(c) || c == UInt8(ascii: "_")
                    || c == UInt8(ascii: "@")
                if !ok {
                    bare = false
                    break
                }
            }
        }
        if bare && reservedWords.contains(name) { bare = false }
        if bare {
            out.append(contentsOf: bytes)
            return
        }
        out.append(UInt8(ascii: "'"))
        for c in bytes {
            if c == UInt8(ascii: "'") || c == UInt8(ascii: "\\") { out.append(UInt8(ascii: "\\")) }
            out.append(c)
        }
        out.append(UInt8(ascii: "'"))
    }

    private static let reservedWords: Set<String> = [
        "after", "and", "andalso", "band", "begin", "bnot", "bor", "bsl", "bsr", "bxor", "case", "catch", "cond",
        "div", "else", "end", "fun", "if", "let", "maybe", "not", "of", "or", "orelse", "receive", "rem", "try",
        "when", "xor",
    ]
}

extension ErlangTerm: CustomStringConvertible {
    public var description: String { formatted }
}

// MARK: - The terms of decode_packet and gen_tcp:recv

extension ErlangTerm {
    /// What `erlang:decode_packet/3` returns for `result`.
    public static func decodePacket(_ result: DecodedPacket) -> ErlangTerm {
        switch result {
        case .packet(let packet, let rest): .tagged("ok", .binary(packet), .binary(rest))
        case .needMore(let total): .tagged("more", total.map { .integer($0) } ?? .atom("undefined"))
        case .invalid: .tagged("error", .atom("invalid"))
        }
    }

    /// What `gen_tcp:recv/2` returns for one packet: `{ok, Packet}`.
    public static func received(_ packet: PacketBuffer) -> ErlangTerm {
        .tagged("ok", .binary(packet))
    }

    /// `{error, closed}`: the end of the stream.
    public static let closed = ErlangTerm.tagged("error", .atom("closed"))

    /// `{error, emsgsize}`: a socket's answer to an invalid or oversize packet.
    public static let emsgsize = ErlangTerm.tagged("error", .atom("emsgsize"))
}

// MARK: - HTTP packets

extension ErlangTerm {
    /// The term Erlang builds for an HTTP packet: with strings (lists) for `http`/`httph`, with
    /// binaries for `http_bin`/`httph_bin`.
    public static func http(_ packet: HTTPPacket, binary: Bool) -> ErlangTerm {
        func text(_ bytes: PacketBuffer) -> ErlangTerm { binary ? .binary(bytes) : .string(bytes) }
        func version(_ v: HTTPVersion) -> ErlangTerm { .tuple([.integer(Int(v.major)), .integer(Int(v.minor))]) }
        switch packet {
        case .request(let request):
            let method: ErlangTerm =
                switch request.method {
                case .other(let name): text(name)
                default: .atom(request.method.name)
                }
            let uri: ErlangTerm =
                switch request.uri {
                case .asterisk: .atom("*")
                case .absoluteURI(let scheme, let host, let port, let path):
                    .tagged(
                        "absoluteURI",
                        .atom(scheme.rawValue),
                        text(host),
                        port.map { .integer(Int($0)) } ?? .atom("undefined"),
                        text(path)
                    )
                case .scheme(let name, let rest): .tagged("scheme", text(name), text(rest))
                case .absPath(let path): .tagged("abs_path", text(path))
                case .string(let string): text(string)
                }
            return .tagged("http_request", method, uri, version(request.version))
        case .response(let response):
            return .tagged(
                "http_response", version(response.version), .integer(Int(response.status)), text(response.reason))
        case .header(let header):
            let field: ErlangTerm =
                if let known = header.field {
                    .atom(known.canonicalName)
                } else {
                    text(PacketBuffer(header.canonicalNameBytes))
                }
            return .tagged("http_header", .integer(header.erlangIndex), field, text(header.name), text(header.value))
        case .endOfHeaders:
            return .atom("http_eoh")
        case .error(let line):
            return .tagged("http_error", text(line))
        }
    }

    /// What `erlang:decode_packet/3` returns for an HTTP type.
    public static func decodePacket(_ result: DecodedHTTPPacket, binary: Bool) -> ErlangTerm {
        switch result {
        case .packet(let packet, let rest): .tagged("ok", http(packet, binary: binary), .binary(rest))
        case .needMore(let total): .tagged("more", total.map { .integer($0) } ?? .atom("undefined"))
        case .invalid: .tagged("error", .atom("invalid"))
        }
    }
}
