/// One packet of Erlang's HTTP packet types (`http`, `http_bin`, `httph`, `httph_bin`): a start
/// line, a header, the end of the headers, or a line that could not be parsed.
///
/// Every piece of text is a zero-copy slice of the buffer the line was found in; `String`
/// accessors decode on demand. The same values come out for `http` and `http_bin` (Erlang gives
/// lists for the one and binaries for the other).
///
/// | Erlang | Swift |
/// |---|---|
/// | `{http_request, Method, Uri, Version}` | ``request(_:)`` |
/// | `{http_response, Version, Status, Reason}` | ``response(_:)`` |
/// | `{http_header, Index, Field, UnmodifiedField, Value}` | ``header(_:)`` |
/// | `http_eoh` | ``endOfHeaders`` |
/// | `{http_error, Line}` | ``error(line:)`` |
public enum HTTPPacket: Sendable, Hashable {
    /// A request line: `GET /index.html HTTP/1.1`.
    case request(HTTPRequestLine)
    /// A status line: `HTTP/1.1 200 OK`.
    case response(HTTPResponseLine)
    /// A header field, with its continuation lines if folded.
    case header(HTTPHeader)
    /// The empty line that ends the headers.
    case endOfHeaders
    /// A line that is not what the state expects: the whole line, terminator included.
    case error(line: PacketBuffer)
}

/// `{http_request, Method, Uri, Version}`.
public struct HTTPRequestLine: Sendable, Hashable {
    /// The method: Erlang's atom for the seven it knows, else the method as written.
    public var method: HTTPMethod
    /// The request target, as Erlang classifies it.
    public var uri: HTTPRequestURI
    /// `{0, 9}` when the line has no version, as in HTTP/0.9.
    public var version: HTTPVersion

    /// The request line of `method`, `uri` and `version`.
    public init(method: HTTPMethod, uri: HTTPRequestURI, version: HTTPVersion) {
        self.method = method
        self.uri = uri
        self.version = version
    }
}

/// `{http_response, Version, Status, Reason}`.
public struct HTTPResponseLine: Sendable, Hashable {
    /// The protocol version of the status line.
    public var version: HTTPVersion
    /// The status code, with Erlang's 32-bit wrap-around for absurd digit strings.
    public var status: Int32
    /// The reason phrase, possibly empty.
    public var reason: PacketBuffer

    /// The status line of `version`, `status` and `reason`.
    public init(version: HTTPVersion, status: Int32, reason: PacketBuffer) {
        self.version = version
        self.status = status
        self.reason = reason
    }

    /// The reason phrase as text.
    public var reasonString: String { reason.string }
}

/// `{Major, Minor}`, each wrapping at 32 bits as in Erlang.
public struct HTTPVersion: Sendable, Hashable, CustomStringConvertible {
    /// The major version: `1` in `HTTP/1.0`.
    public var major: Int32
    /// The minor version: `0` in `HTTP/1.0`.
    public var minor: Int32

    /// The version `major.minor`.
    public init(major: Int32, minor: Int32) {
        self.major = major
        self.minor = minor
    }

    /// `{0, 9}`: what a request line without a version means.
    public static let http09 = HTTPVersion(major: 0, minor: 9)
    /// `{1, 0}`.
    public static let http10 = HTTPVersion(major: 1, minor: 0)
    /// `{1, 1}`.
    public static let http11 = HTTPVersion(major: 1, minor: 1)

    public var description: String { "HTTP/\(major).\(minor)" }
}

/// The request method: the seven Erlang knows as atoms, or any other token.
public enum HTTPMethod: Sendable, Hashable, CustomStringConvertible {
    /// `OPTIONS`.
    case options
    /// `GET`.
    case get
    /// `HEAD`.
    case head
    /// `POST`.
    case post
    /// `PUT`.
    case put
    /// `DELETE`.
    case delete
    /// `TRACE`.
    case trace
    /// Any other method, case kept (`get` is not `GET`, as in Erlang).
    case other(PacketBuffer)

    /// The method as written: `GET`, `PATCH`, ...
    public var name: String {
        switch self {
        case .options: "OPTIONS"
        case .get: "GET"
        case .head: "HEAD"
        case .post: "POST"
        case .put: "PUT"
        case .delete: "DELETE"
        case .trace: "TRACE"
        case .other(let bytes): bytes.string
        }
    }

    public var description: String { name }
}

/// The scheme of an absolute URI that Erlang recognises.
public enum HTTPScheme: String, Sendable, Hashable {
    /// `http`.
    case http
    /// `https`.
    case https
}

/// The request target, in Erlang's five forms.
public enum HTTPRequestURI: Sendable, Hashable {
    /// `*` (Erlang `'*'`).
    case asterisk
    /// `http://host:port/path` or `https://...` (`{absoluteURI, Scheme, Host, Port, Path}`); the
    /// port is `nil` when absent, zero or not all digits (Erlang's `undefined`), the path `/` when
    /// absent.
    case absoluteURI(scheme: HTTPScheme, host: PacketBuffer, port: Int32?, path: PacketBuffer)
    /// `scheme:rest` for any other scheme (`{scheme, Scheme, String}`).
    case scheme(name: PacketBuffer, rest: PacketBuffer)
    /// A path starting with `/`, or any target of at most one byte (`{abs_path, Path}`).
    case absPath(PacketBuffer)
    /// Anything else (a plain string in Erlang).
    case string(PacketBuffer)
}

/// `{http_header, Index, Field, UnmodifiedField, Value}`.
///
/// A parsed header holds one slice of its line, from the name to the end of the value, so that
/// it costs one reference however it is copied; ``name`` and ``value`` are slices of it.
public struct HTTPHeader: Sendable, Hashable {
    /// The field, when it is one of the 52 Erlang knows.
    public var field: HTTPField?

    /// The name's bytes, then the value's (with what separates them in between).
    @usableFromInline
    internal var bytes: PacketBuffer

    /// The name's length at the start of `bytes`.
    @usableFromInline
    internal var nameCount: Int

    /// Where the value starts in `bytes`; it runs to the end.
    @usableFromInline
    internal var valueStart: Int

    /// A header from its parts. When `name` and `value` are slices of one buffer with the name
    /// first (as the parser makes them) nothing is copied; otherwise their bytes are joined into
    /// a new buffer.
    public init(field: HTTPField?, name: PacketBuffer, value: PacketBuffer) {
        self.field = field
        if name.storage === value.storage && name.upper <= value.lower {
            bytes = PacketBuffer(storage: name.storage, lower: name.lower, upper: value.upper)
            nameCount = name.count
            valueStart = value.lower - name.lower
        } else {
            var joined = PacketBuffer(capacity: name.count + value.count)
            joined.append(contentsOf: name)
            joined.append(contentsOf: value)
            bytes = joined
            nameCount = name.count
            valueStart = name.count
        }
    }

    /// The parser's header: the name at `nameEnd` bytes of `line`, the value at
    /// `valueStart..<valueEnd`.
    @inlinable
    internal init(field: HTTPField?, line: LineRef, nameEnd: Int, valueStart: Int, valueEnd: Int) {
        self.field = field
        self.bytes = line.slice(0..<valueEnd)
        self.nameCount = nameEnd
        self.valueStart = valueStart
    }

    /// The name exactly as received (Erlang's `UnmodifiedField`).
    @inlinable
    public var name: PacketBuffer {
        get { bytes.uncheckedSlice(0, nameCount) }
        set { self = HTTPHeader(field: field, name: newValue, value: value) }
    }

    /// The value: whitespace after the colon skipped, trailing whitespace and folded
    /// continuation lines (with their line breaks) kept, as in Erlang.
    @inlinable
    public var value: PacketBuffer {
        get { bytes.uncheckedSlice(valueStart, bytes.count) }
        set { self = HTTPHeader(field: field, name: name, value: newValue) }
    }

    public static func == (lhs: HTTPHeader, rhs: HTTPHeader) -> Bool {
        lhs.field == rhs.field && lhs.name == rhs.name && lhs.value == rhs.value
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(field)
        hasher.combine(name)
        hasher.combine(value)
    }

    /// Erlang's `Index`: the field's 1-based index, 0 for other names.
    public var erlangIndex: Int { field?.erlangIndex ?? 0 }

    /// The name as Erlang reports `Field` for it, as text (like ``HTTPField/canonicalName``): a
    /// known field's canonical name; another name of at most 50 bytes re-cased (first letter and
    /// letters after `-` upper case, the rest lower case: `x-foo-BAR` gives `X-Foo-Bar`); a longer
    /// name as received.
    public var canonicalName: String { String(decoding: canonicalNameBytes, as: UTF8.self) }

    /// ``canonicalName`` as bytes (a name need not be valid UTF-8).
    public var canonicalNameBytes: [UInt8] {
        if let field { return HTTPField.names[field.rawValue - 1] }
        guard name.count <= HTTPParser.maximumRecasedName else { return name.bytes }
        return HTTPParser.recased(name)
    }

    /// The value as text.
    public var valueString: String { value.string }
}
