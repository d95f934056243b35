/// Parses one HTTP packet (a line found by ``HTTPCodec``) into an ``HTTPPacket``, as Erlang's
/// `decode_packet` does for the http types. Every text value is a slice of the line.
/// A line inside a buffer's storage, for the parser: it makes the value slices without holding a
/// reference of its own (the buffer it came from keeps the storage alive while parsing).
@usableFromInline
internal struct LineRef {
    @usableFromInline unowned(unsafe) let storage: PacketStorage
    @usableFromInline let base: Int
    @usableFromInline let count: Int

    @inlinable
    init(_ buffer: PacketBuffer, start: Int, end: Int) {
        storage = buffer.storage
        base = buffer.lower &+ start
        count = end &- start
    }

    /// The bytes at `range` (offsets in the line) as a slice sharing the storage.
    @inlinable
    func slice(_ range: Range<Int>) -> PacketBuffer {
        PacketBuffer(storage: storage, lower: base &+ range.lowerBound, upper: base &+ range.upperBound)
    }

    /// The whole line as a slice.
    @inlinable
    var whole: PacketBuffer { PacketBuffer(storage: storage, lower: base, upper: base &+ count) }

    @inlinable
    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: storage.base + base, count: count) }
}

@usableFromInline
internal enum HTTPParser {
    /// Names longer than this are reported as received, not re-cased, and never recognised.
    @usableFromInline
    internal static let maximumRecasedName = 50

    /// `name` re-cased as Erlang re-cases header names: the first letter and every letter after a
    /// `-` upper case, the other letters lower case (`x-foo-BAR` gives `X-Foo-Bar`).
    @usableFromInline
    internal static func recased(_ name: some Sequence<UInt8>) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(name.underestimatedCount)
        var upper = true
        for var c in name {
            if upper {
                if c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z") { c -= 0x20 }
                upper = false
            } else if c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z") {
                c += 0x20
            } else if c == UInt8(ascii: "-") {
                upper = true
            }
            result.append(c)
        }
        return result
    }

    /// Token characters, as Erlang's HTTP decoder has them: 33 through 127 except the separators
    /// `()<>@,;:\"/[]?={}`; controls, space and bytes over 127 end a token.
    @inlinable
    internal static func isToken(_ c: UInt8) -> Bool {
        tokenTable.utf8Start[Int(c)] & 1 != 0
    }

    /// `1` at the offset of each token byte, `0` elsewhere: a literal, so the hot loops index
    /// constant bytes (no table to initialise, no bounds to check: every byte has an entry).
    @inlinable
    internal static var tokenTable: StaticString {
        """
        0000000000000000000000000000000001011111001101101111111111000000\
        0111111111111111111111111110001111111111111111111111111111101011\
        0000000000000000000000000000000000000000000000000000000000000000\
        0000000000000000000000000000000000000000000000000000000000000000
        """
    }

    @inlinable
    internal static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 }

    @inlinable
    internal static func isDigit(_ c: UInt8) -> Bool { c &- 0x30 < 10 }

    /// The packet in `line`; `headerState` is Erlang's http state before it (`true`: headers
    /// expected) and after it. The buffer the line is in must stay alive meanwhile. Always
    /// inlined: the packet is then built in place in the caller, and the optimizer can drop the
    /// retains of values the caller only reads.
    @inlinable
    @inline(__always)
    internal static func parse(_ line: LineRef, headerState: inout Bool) -> HTTPPacket {
        // Reading the bytes directly (no closure, no tuple) keeps the packet from being copied
        // on its way out, and the line itself is never retained: only the values are.
        let p = line.bytes
        var n = p.count
        if n >= 2 && p[n - 2] == HTTPCodec.cr {
            n -= 2
        } else if n >= 1 && p[n - 1] == HTTPCodec.lf {
            n -= 1
        }
        if headerState {
            if n == 0 {
                headerState = false
                return .endOfHeaders
            }
            return parseHeader(p, n, line)
        }
        if n >= 5 && p[0] == 0x48 && p[1] == 0x54 && p[2] == 0x54 && p[3] == 0x50 && p[4] == 0x2F {
            if let response = parseResponse(p, n, line) {
                headerState = true
                return .response(response)
            }
        } else if let request = parseRequest(p, n, line) {
            headerState = true
            return .request(request)
        }
        return .error(line: line.whole)
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
    internal static func parseResponse(_ p: UnsafeRawBufferPointer, _ n: Int, _ line: LineRef) -> HTTPResponseLine? {
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
    internal static func parseRequest(_ p: UnsafeRawBufferPointer, _ n: Int, _ line: LineRef) -> HTTPRequestLine? {
        var i = 0
        while i < n && isToken(p[i]) { i += 1 }
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

    /// The method in `p[0..<end]`: one of Erlang's seven when it matches exactly (case counts).
    @inlinable
    internal static func method(_ p: UnsafeRawBufferPointer, _ end: Int, _ line: LineRef) -> HTTPMethod {
        func matches(_ name: StaticString) -> Bool {
            for i in 0..<end where p[i] != name.utf8Start[i] { return false }
            return true
        }
        switch end {
        case 3:
            if matches("GET") { return .get }
            if matches("PUT") { return .put }
        case 4:
            if matches("POST") { return .post }
            if matches("HEAD") { return .head }
        case 5:
            if matches("TRACE") { return .trace }
        case 6:
            if matches("DELETE") { return .delete }
        case 7:
            if matches("OPTIONS") { return .options }
        default:
            break
        }
        return .other(line.slice(0..<end))
    }

    /// Erlang's URI forms for `p[start..<end]`.
    @usableFromInline
    internal static func uri(
        _ p: UnsafeRawBufferPointer, _ start: Int, _ end: Int, _ line: LineRef
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
        _ line: LineRef
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

    /// A header line (`n` > 0 bytes without the line end): the header, or the line as an error.
    @inlinable
    @inline(__always)
    internal static func parseHeader(_ p: UnsafeRawBufferPointer, _ n: Int, _ line: LineRef) -> HTTPPacket {
        // The line ends with `\n`, which is no token: the loop needs no bounds check.
        assert(p.last == HTTPCodec.lf, "an HTTP packet ends with its line end")
        var i = 0
        while isToken(p[i]) { i &+= 1 }
        guard i < n, p[i] == 0x3A else { return .error(line: line.whole) }
        let nameEnd = i
        i += 1
        while i < n && isSpace(p[i]) { i += 1 }
        let field = nameEnd <= maximumRecasedName ? HTTPField.lookup(p, 0, nameEnd) : nil
        return .header(HTTPHeader(field: field, line: line, nameEnd: nameEnd, valueStart: i, valueEnd: n))
    }
}
