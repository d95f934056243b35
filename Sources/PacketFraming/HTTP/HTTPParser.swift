/// Parses one HTTP packet (a line found by ``HTTPCodec``) into an ``HTTPPacket``, as Erlang's
/// `decode_packet` does for the http types. Every text value is a slice of the line.
@usableFromInline
internal enum HTTPParser {
    /// Names longer than this are reported as received, not re-cased, and never recognised.
    @usableFromInline
    internal static let maximumRecasedName = 50

    /// Token characters, as Erlang's HTTP decoder has them: 33 through 127 except the separators
    /// `()<>@,;:\"/[]?={}`; controls, space and bytes over 127 end a token.
    @usableFromInline
    internal static let isToken: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for c in 33...127 { table[c] = true }
        for c in "()<>@,;:\\\"/[]?={}".utf8 { table[Int(c)] = false }
        return table
    }()

    @inlinable
    internal static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 }

    @inlinable
    internal static func isDigit(_ c: UInt8) -> Bool { c &- 0x30 < 10 }

    /// The packet in `line`, and the http state after it (`true`: headers expected).
    @inlinable
    internal static func parse(_ line: PacketBuffer, headerState: Bool) -> (HTTPPacket, Bool) {
        line.withUnsafeBytes { p in
            var n = p.count
            if n >= 2 && p[n - 2] == HTTPCodec.cr {
                n -= 2
            } else if n >= 1 && p[n - 1] == HTTPCodec.lf {
                n -= 1
            }
            if headerState {
                if n == 0 { return (.endOfHeaders, false) }
                if let header = parseHeader(p, n, line) { return (.header(header), true) }
                return (.error(line: line), true)
            }
            if n >= 5 && p[0] == 0x48 && p[1] == 0x54 && p[2] == 0x54 && p[3] == 0x50 && p[4] == 0x2F {
                if let response = parseResponse(p, n, line) { return (.response(response), true) }
            } else if let request = parseRequest(p, n, line) {
                return (.request(request), true)
            }
            return (.error(line: line), false)
        }
    }

    /// Digits at `i`, accumulated with 32-bit wrap-around as Erlang does; `nil` if there are none.
    @inlinable
    internal static func digits(_ p: UnsafeRawBufferPointer, _ i: inout Int, _ n: Int) -> Int32? {
        let start = i
        var value: Int32 = 0
        while i < n && isDigit(p[i]) {
            value = value &* 10 &+ Int32(p[i] &- 0x30)
            i += 1
        }
        return i == start ? nil : value
    }

    /// `1*DIGIT "." 1*DIGIT` at `i`.
    @inlinable
    internal static func version(_ p: UnsafeRawBufferPointer, _ i: inout Int, _ n: Int) -> HTTPVersion? {
        guard let major = digits(p, &i, n), i < n, p[i] == 0x2E else { return nil }
        i += 1
        guard let minor = digits(p, &i, n) else { return nil }
        return HTTPVersion(major: major, minor: minor)
    }

    @usableFromInline
    internal static func parseResponse(_ p: UnsafeRawBufferPointer, _ n: Int, _ line: PacketBuffer) -> HTTPResponseLine?
    {
        var i = 5
        guard let version = version(p, &i, n) else { return nil }
        let spaces = i
        while i < n && isSpace(p[i]) { i += 1 }
        guard i > spaces else { return nil }
        var status: Int32 = 0
        while i < n && isDigit(p[i]) {
            status = status &* 10 &+ Int32(p[i] &- 0x30)
            i += 1
        }
        let afterStatus = i
        while i < n && isSpace(p[i]) { i += 1 }
        if i == afterStatus && i < n { return nil }
        return HTTPResponseLine(version: version, status: status, reason: line.slice(i..<n))
    }

    @usableFromInline
    internal static func parseRequest(_ p: UnsafeRawBufferPointer, _ n: Int, _ line: PacketBuffer) -> HTTPRequestLine? {
        var i = 0
        while i < n && isToken[Int(p[i])] { i += 1 }
        let methodEnd = i
        guard i < n, methodEnd > 0, isSpace(p[i]) else { return nil }
        let method = HTTPParser.method(p, methodEnd, line)
        while i < n && isSpace(p[i]) { i += 1 }
        let uriStart = i
        while i < n && !isSpace(p[i]) { i += 1 }
        let uriEnd = i
        guard uriEnd > uriStart else { return nil }
        while i < n && isSpace(p[i]) { i += 1 }
        let uri = HTTPParser.uri(p, uriStart, uriEnd, line)
        if i == n { return HTTPRequestLine(method: method, uri: uri, version: .http09) }
        guard n - i >= 8, p[i] == 0x48, p[i + 1] == 0x54, p[i + 2] == 0x54, p[i + 3] == 0x50, p[i + 4] == 0x2F else {
            return nil
        }
        i += 5
        // Anything after the version is ignored, as in Erlang.
        guard let version = version(p, &i, n) else { return nil }
        return HTTPRequestLine(method: method, uri: uri, version: version)
    }

    @usableFromInline
    internal static let methods: [(HTTPMethod, [UInt8])] = [
        (.options, Array("OPTIONS".utf8)), (.get, Array("GET".utf8)), (.head, Array("HEAD".utf8)),
        (.post, Array("POST".utf8)), (.put, Array("PUT".utf8)), (.delete, Array("DELETE".utf8)),
        (.trace, Array("TRACE".utf8)),
    ]

    /// The method in `p[0..<end]`: one of Erlang's seven when it matches exactly (case counts).
    @inlinable
    internal static func method(_ p: UnsafeRawBufferPointer, _ end: Int, _ line: PacketBuffer) -> HTTPMethod {
        if end == 3 && p[0] == 0x47 && p[1] == 0x45 && p[2] == 0x54 { return .get }
        for (method, name) in methods where name.count == end {
            var same = true
            for i in 0..<end where p[i] != name[i] {
                same = false
                break
            }
            if same { return method }
        }
        return .other(line.slice(0..<end))
    }

    /// Erlang's URI forms for `p[start..<end]`.
    @usableFromInline
    internal static func uri(
        _ p: UnsafeRawBufferPointer, _ start: Int, _ end: Int, _ line: PacketBuffer
    ) -> HTTPRequestURI {
        let length = end - start
        if length == 1 && p[start] == 0x2A { return .asterisk }
        if length <= 1 || p[start] == 0x2F { return .absPath(line.slice(start..<end)) }
        if length >= 7 && hasPrefixIgnoringCase(p, start, "http://") {
            return absolute(.http, p, start + 7, end, line)
        }
        if length >= 8 && hasPrefixIgnoringCase(p, start, "https://") {
            return absolute(.https, p, start + 8, end, line)
        }
        if let colon = ByteSearch.firstIndex(of: 0x3A, in: p, from: start, to: end) {
            return .scheme(name: line.slice(start..<colon), rest: line.slice((colon + 1)..<end))
        }
        return .string(line.slice(start..<end))
    }

    @usableFromInline
    internal static func hasPrefixIgnoringCase(
        _ p: UnsafeRawBufferPointer, _ start: Int, _ prefix: StaticString
    ) -> Bool {
        let bytes = UnsafeRawBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount)
        for i in 0..<bytes.count {
            var c = p[start + i]
            if c >= 0x41 && c <= 0x5A { c += 0x20 }
            if c != bytes[i] { return false }
        }
        return true
    }

    /// The path `/` that an absolute URI without one gets.
    @usableFromInline
    internal static let rootPath = PacketBuffer("/")

    /// `host[:port][/path]` after the scheme: the host ends at the first `:` (OTP 25 has no
    /// bracketed IPv6 hosts); the port counts only when every byte after the `:` is a digit and
    /// it is not zero.
    @usableFromInline
    internal static func absolute(
        _ scheme: HTTPScheme,
        _ p: UnsafeRawBufferPointer,
        _ start: Int,
        _ end: Int,
        _ line: PacketBuffer
    ) -> HTTPRequestURI {
        var hostEnd = end
        var path = rootPath
        if let slash = ByteSearch.firstIndex(of: 0x2F, in: p, from: start, to: end) {
            path = line.slice(slash..<end)
            hostEnd = slash
        }
        guard let colon = ByteSearch.firstIndex(of: 0x3A, in: p, from: start, to: hostEnd) else {
            return .absoluteURI(scheme: scheme, host: line.slice(start..<hostEnd), port: nil, path: path)
        }
        var i = colon + 1
        var port: Int32 = 0
        while i < hostEnd && isDigit(p[i]) {
            port = port &* 10 &+ Int32(p[i] &- 0x30)
            i += 1
        }
        let validPort = i == hostEnd && port != 0
        return .absoluteURI(
            scheme: scheme,
            host: line.slice(start..<colon),
            port: validPort ? port : nil,
            path: path
        )
    }

    @usableFromInline
    internal static func parseHeader(_ p: UnsafeRawBufferPointer, _ n: Int, _ line: PacketBuffer) -> HTTPHeader? {
        var i = 0
        while isToken[Int(p[i])] {
            i += 1
            if i == n { return nil }
        }
        guard p[i] == 0x3A else { return nil }
        let nameEnd = i
        i += 1
        while i < n && isSpace(p[i]) { i += 1 }
        let field = nameEnd <= maximumRecasedName ? HTTPField.lookup(p, 0, nameEnd) : nil
        return HTTPHeader(field: field, name: line.slice(0..<nameEnd), value: line.slice(i..<n))
    }
}
