import PacketFraming

/// The readable forms of HTTP packets, for `decode`, `split` and `sample` in text format.
///
/// Bytes are shown as ASCII where they are printable; `\r`, `\n` and `\t` as those escapes, any
/// other byte as `\xNN`, so that every packet fits on one line (a folded header shows its
/// continuation as `\r\n (...)`).
enum HTTPText {
    /// `request`, `response`, `header`, `end of headers` or `error`.
    static func kind(_ packet: HTTPPacket) -> String {
        switch packet {
        case .request: "request"
        case .response: "response"
        case .header: "header"
        case .endOfHeaders: "end of headers"
        case .error: "error"
        }
    }

    /// The packet as on the wire, on one line: `GET /index.html HTTP/1.1`, `HTTP/1.1 200 OK`,
    /// `Host: example.com`, `unparsable line "..."`; empty for the end of headers.
    static func summary(_ packet: HTTPPacket) -> String {
        switch packet {
        case .request(let request):
            "\(method(request.method)) \(uri(request.uri)) \(request.version)"
        case .response(let response):
            response.reason.isEmpty
                ? "\(response.version) \(response.status)"
                : "\(response.version) \(response.status) \(escaped(response.reason))"
        case .header(let header):
            "\(escaped(header.name)): \(escaped(header.value))"
        case .endOfHeaders:
            ""
        case .error(let line):
            "unparsable line \(quoted(line))"
        }
    }

    /// One line for `decode`: `request: GET / HTTP/1.1`, `header: Content-Length (index 38) = "5"`,
    /// `end of headers`, `error: unparsable line "..."`. A header shows the field as Erlang reports
    /// it, its index (0 for fields Erlang does not know) and the name as sent when that differs.
    static func describe(_ packet: HTTPPacket) -> String {
        switch packet {
        case .header(let header):
            let canonical = header.canonicalNameBytes
            var details = "index \(header.erlangIndex)"
            if !header.name.elementsEqual(canonical) { details += ", sent as \(escaped(header.name))" }
            return "header: \(escaped(canonical)) (\(details)) = \(quoted(header.value))"
        case .endOfHeaders:
            return "end of headers"
        default:
            return "\(kind(packet)): \(summary(packet))"
        }
    }

    /// The method as sent.
    static func method(_ method: HTTPMethod) -> String {
        switch method {
        case .other(let name): escaped(name)
        default: method.name
        }
    }

    /// The request target, rebuilt from Erlang's form of it.
    static func uri(_ uri: HTTPRequestURI) -> String {
        switch uri {
        case .asterisk:
            "*"
        case .absoluteURI(let scheme, let host, let port, let path):
            "\(scheme.rawValue)://\(escaped(host))\(port.map { ":\($0)" } ?? "")\(escaped(path))"
        case .scheme(let name, let rest):
            "\(escaped(name)):\(escaped(rest))"
        case .absPath(let path), .string(let path):
            escaped(path)
        }
    }

    /// `bytes` in double quotes, `"` and `\` escaped too.
    static func quoted(_ bytes: some Sequence<UInt8>) -> String {
        "\"" + escaped(bytes, quoting: true) + "\""
    }

    /// `bytes` as printable ASCII with escapes for everything else.
    static func escaped(_ bytes: some Sequence<UInt8>, quoting: Bool = false) -> String {
        var out: [UInt8] = []
        for b in bytes {
            switch b {
            case UInt8(ascii: "\r"): out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case UInt8(ascii: "\n"): out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case UInt8(ascii: "\t"): out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                if quoting { out.append(UInt8(ascii: "\\")) }
                out.append(b)
            case 0x20..<0x7F:
                out.append(b)
            default:
                out += [UInt8(ascii: "\\"), UInt8(ascii: "x"), hexDigits[Int(b >> 4)], hexDigits[Int(b & 0xF)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
}
