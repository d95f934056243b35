// MARK: - Text accessors and descriptions of the HTTP values
//
// `description` is what a person reads (`GET /index.html HTTP/1.1`, `Host: example.com`);
// `debugDescription` shows the structure and the bytes (`PacketBuffer(...)`) of every piece.

extension HTTPRequestURI: CustomStringConvertible, CustomDebugStringConvertible {
    /// The request target as text, rebuilt from Erlang's form of it: `*`,
    /// `http://host:8080/path`, `mailto:someone`, `/index.html?q=1`. An absolute URI's port is
    /// shown only when Erlang kept it (a port that is absent, zero or not all digits is lost).
    public var text: String {
        switch self {
        case .asterisk: "*"
        case .absoluteURI(let scheme, let host, let port, let path):
            "\(scheme.rawValue)://\(host.string)\(port.map { ":\($0)" } ?? "")\(path.string)"
        case .scheme(let name, let rest): "\(name.string):\(rest.string)"
        case .absPath(let bytes), .string(let bytes): bytes.string
        }
    }

    /// The path of an `abs_path` or absolute URI target, without its query: `/index.html` for
    /// `/index.html?q=1`. `nil` for the other forms (`*`, `scheme:...`, other strings).
    public var path: String? {
        guard let target = pathAndQuery else { return nil }
        guard let mark = Self.questionMark(in: target) else { return target.string }
        return target.slice(..<mark).string
    }

    /// The query of an `abs_path` or absolute URI target, after the first `?`: `q=1` for
    /// `/index.html?q=1`, `""` for `/a?`. `nil` when there is no `?` or the form has no path.
    public var query: String? {
        guard let target = pathAndQuery, let mark = Self.questionMark(in: target) else { return nil }
        return target.slice((mark + 1)...).string
    }

    /// The offset of the first `?` in `target`.
    static func questionMark(in target: PacketBuffer) -> Int? {
        target.withUnsafeBytes { $0.firstIndex(of: UInt8(ascii: "?")) }
    }

    /// The bytes of the path (with the query) of the two forms that have one.
    var pathAndQuery: PacketBuffer? {
        switch self {
        case .absPath(let bytes): bytes
        case .absoluteURI(_, _, _, let path): path
        case .asterisk, .scheme, .string: nil
        }
    }

    /// ``text``.
    public var description: String { text }

    /// The form and its bytes: `absPath(PacketBuffer(2 bytes: 2f 61))`.
    public var debugDescription: String {
        switch self {
        case .asterisk: "asterisk"
        case .absoluteURI(let scheme, let host, let port, let path):
            "absoluteURI(scheme: \(scheme.rawValue), host: \(host.debugDescription), port: "
                + "\(port.map(String.init) ?? "nil"), path: \(path.debugDescription))"
        case .scheme(let name, let rest): "scheme(name: \(name.debugDescription), rest: \(rest.debugDescription))"
        case .absPath(let bytes): "absPath(\(bytes.debugDescription))"
        case .string(let bytes): "string(\(bytes.debugDescription))"
        }
    }
}

extension HTTPRequestLine: CustomStringConvertible, CustomDebugStringConvertible {
    /// The line as sent, without its line break: `GET /index.html HTTP/1.1`.
    public var description: String { "\(method) \(uri) \(version)" }

    /// `HTTPRequestLine(method: GET, uri: absPath(PacketBuffer(...)), version: HTTP/1.1)`.
    public var debugDescription: String {
        "HTTPRequestLine(method: \(method), uri: \(uri.debugDescription), version: \(version))"
    }
}

extension HTTPResponseLine: CustomStringConvertible, CustomDebugStringConvertible {
    /// The line as sent, without its line break: `HTTP/1.1 200 OK` (`HTTP/1.1 204` without a
    /// reason).
    public var description: String {
        reason.isEmpty ? "\(version) \(status)" : "\(version) \(status) \(reason.string)"
    }

    /// `HTTPResponseLine(version: HTTP/1.1, status: 200, reason: PacketBuffer(...))`.
    public var debugDescription: String {
        "HTTPResponseLine(version: \(version), status: \(status), reason: \(reason.debugDescription))"
    }
}

extension HTTPHeader: CustomStringConvertible, CustomDebugStringConvertible {
    /// The name exactly as received, as text (``name`` decoded as UTF-8).
    public var nameString: String { name.string }

    /// `Name: value`, the name as received and the value as text (a folded value keeps its line
    /// breaks).
    public var description: String { "\(nameString): \(valueString)" }

    /// `HTTPHeader(field: host (index 14), name: PacketBuffer(...), value: PacketBuffer(...))`;
    /// `field: nil (index 0)` for a name Erlang does not know.
    public var debugDescription: String {
        "HTTPHeader(field: \(field.map { "\($0)" } ?? "nil") (index \(erlangIndex)), name: \(name.debugDescription), "
            + "value: \(value.debugDescription))"
    }
}

extension HTTPPacket: CustomStringConvertible, CustomDebugStringConvertible {
    /// The packet as a person reads it: the start line or the header as sent, `end of headers`,
    /// or `error: ` and the line quoted with Swift's escapes (`error: "\u{01}\r\n"`).
    public var description: String {
        switch self {
        case .request(let line): line.description
        case .response(let line): line.description
        case .header(let header): header.description
        case .endOfHeaders: "end of headers"
        case .error(let line): "error: " + String(reflecting: line.string)
        }
    }

    /// The case and the debug description of its value.
    public var debugDescription: String {
        switch self {
        case .request(let line): "request(\(line.debugDescription))"
        case .response(let line): "response(\(line.debugDescription))"
        case .header(let header): "header(\(header.debugDescription))"
        case .endOfHeaders: "endOfHeaders"
        case .error(let line): "error(line: \(line.debugDescription))"
        }
    }
}
