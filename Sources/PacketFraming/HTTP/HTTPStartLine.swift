/// A start line as the parser reads it: offsets into the line and numbers, nothing that holds a
/// reference. The reading is a call of its own (once a message); the packet is then built in line
/// in the reader's code from these plain values, so that building it retains only what the reader
/// keeps (an optional request line handed back from a call was copied into the packet and then
/// destroyed through the runtime's value witnesses: about 200 instructions a request).
@usableFromInline
internal struct HTTPStartLine {
    @usableFromInline
    internal enum Kind: UInt8 {
        case error, request, response
    }

    /// Erlang's URI forms, and for an absolute URI its scheme.
    @usableFromInline
    internal enum Target: UInt8 {
        case asterisk, http, https, scheme, absPath, string
    }

    @usableFromInline internal var kind: Kind = .error

    /// The method: 0 for one Erlang does not know (the bytes `0..<methodEnd`), else the
    /// ``HTTPStartLine/methods`` code of a known one.
    @usableFromInline internal var method: UInt8 = 0
    @usableFromInline internal var methodEnd = 0

    @usableFromInline internal var target: Target = .string
    /// The request target, `uriStart..<uriEnd`.
    @usableFromInline internal var uriStart = 0
    @usableFromInline internal var uriEnd = 0
    /// An absolute URI's host; the `:` of a `scheme:rest` target at `hostStart`.
    @usableFromInline internal var hostStart = 0
    @usableFromInline internal var hostEnd = 0
    /// An absolute URI's path, `pathStart..<uriEnd`; -1 when it has none (the path is then `/`).
    @usableFromInline internal var pathStart = -1
    /// An absolute URI's port, when Erlang keeps it (digits only, not zero).
    @usableFromInline internal var port: Int32? = nil

    @usableFromInline internal var major: Int32 = 0
    @usableFromInline internal var minor: Int32 = 0

    @usableFromInline internal var status: Int32 = 0
    /// A status line's reason, `reasonStart..<n`.
    @usableFromInline internal var reasonStart = 0

    @inlinable
    internal init() {}

    /// The packet these values describe, for the line of `n` bytes (its end left out) they were
    /// read from; a request or status line moves the http state on to the headers.
    @inlinable
    @inline(__always)
    internal func packet(_ line: LineRef, _ n: Int, headerState: inout Bool) -> HTTPPacket {
        switch kind {
        case .request:
            headerState = true
            return .request(
                HTTPRequestLine(
                    method: httpMethod(line),
                    uri: target == .absPath ? .absPath(line.slice(uriStart..<uriEnd)) : uri(line),
                    version: HTTPVersion(major: major, minor: minor))
            )
        case .response:
            headerState = true
            return .response(
                HTTPResponseLine(
                    version: HTTPVersion(major: major, minor: minor), status: status,
                    reason: line.slice(reasonStart..<n)))
        case .error:
            return .error(line: line.whole)
        }
    }

    @inlinable
    @inline(__always)
    internal func httpMethod(_ line: LineRef) -> HTTPMethod {
        switch method {
        case 1: .get
        case 2: .put
        case 3: .post
        case 4: .head
        case 5: .trace
        case 6: .delete
        case 7: .options
        default: .other(line.slice(0..<methodEnd))
        }
    }

    /// The target in Erlang's form; a path, the usual target, is built in line by ``packet``.
    @usableFromInline
    @inline(never)
    internal func uri(_ line: LineRef) -> HTTPRequestURI {
        switch target {
        case .absPath: .absPath(line.slice(uriStart..<uriEnd))
        case .string: .string(line.slice(uriStart..<uriEnd))
        case .asterisk: .asterisk
        case .scheme: .scheme(name: line.slice(uriStart..<hostStart), rest: line.slice((hostStart + 1)..<uriEnd))
        case .http, .https:
            .absoluteURI(
                scheme: target == .http ? .http : .https,
                host: line.slice(hostStart..<hostEnd),
                port: port,
                path: pathStart < 0 ? HTTPParser.rootPath : line.slice(pathStart..<uriEnd)
            )
        }
    }

    // MARK: - Reading

    /// Reads the start line in `p[0..<n]` (`n` leaves out the line end, which `p` still holds)
    /// into `line`, a new ``HTTPStartLine``: the fields are written where the caller keeps them,
    /// rather than built aside and copied there on return.
    @usableFromInline
    internal static func read(_ p: UnsafeRawBufferPointer, _ n: Int, into line: inout HTTPStartLine) {
        if n >= 5 && p[0] == 0x48 && p[1] == 0x54 && p[2] == 0x54 && p[3] == 0x50 && p[4] == 0x2F {
            if line.readResponse(p, n) { line.kind = .response }
        } else if line.readRequest(p, n) {
            line.kind = .request
        }
    }

    /// `HTTP/` then the version, spaces, the status digits and the reason (`p[0..<5]` is
    /// `HTTP/`).
    @inline(__always)
    internal mutating func readResponse(_ p: UnsafeRawBufferPointer, _ n: Int) -> Bool {
        var i = 5
        guard readVersion(p, &i, n) else { return false }
        let spaces = i
        while i < n && HTTPParser.isSpace(p[i]) { i += 1 }
        guard i > spaces else { return false }
        var status: Int32 = 0
        while i < n && HTTPParser.isDigit(p[i]) {
            status = status &* 10 &+ Int32(p[i] &- 0x30)
            i += 1
        }
        let afterStatus = i
        while i < n && HTTPParser.isSpace(p[i]) { i += 1 }
        if i == afterStatus && i < n { return false }
        self.status = status
        reasonStart = i
        return true
    }

    /// The method, spaces, the target, then nothing (HTTP/0.9) or spaces and the version.
    @inline(__always)
    internal mutating func readRequest(_ p: UnsafeRawBufferPointer, _ n: Int) -> Bool {
        let base = p.baseAddress.unsafelyUnwrapped
        var i = 0
        if n >= 4 && UInt32(littleEndian: base.loadUnaligned(as: UInt32.self)) == 0x2054_4547 {
            // `GET `: the method's token run ends at the space.
            method = 1
            i = 3
        } else {
            while i < n && HTTPParser.isToken(p[i]) { i += 1 }
            guard i < n, i > 0, HTTPParser.isSpace(p[i]) else { return false }
            method = Self.knownMethod(base, i)
        }
        methodEnd = i
        while i < n && HTTPParser.isSpace(p[i]) { i += 1 }
        uriStart = i
        uriEnd = HTTPParser.firstSpace(base, from: i, before: n, readable: p.count)
        guard uriEnd > uriStart else { return false }
        i = uriEnd
        while i < n && HTTPParser.isSpace(p[i]) { i += 1 }
        classifyTarget(p)
        if i == n {
            major = 0
            minor = 9
            return true
        }
        guard n - i >= 8 else { return false }
        // `HTTP/1.1` or `HTTP/1.0` and nothing after: one compare.
        if n - i == 8 {
            let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            if word & 0xFEFF_FFFF_FFFF_FFFF == 0x302E_312F_5054_5448 {
                major = 1
                minor = Int32(word >> 56) - 0x30
                return true
            }
        }
        guard p[i] == 0x48, p[i + 1] == 0x54, p[i + 2] == 0x54, p[i + 3] == 0x50, p[i + 4] == 0x2F else {
            return false
        }
        i += 5
        // Anything after the version is ignored, as in Erlang.
        return readVersion(p, &i, n)
    }

    /// `1*DIGIT "." 1*DIGIT` at `i`, each number wrapping at 32 bits as in Erlang.
    @inline(__always)
    internal mutating func readVersion(_ p: UnsafeRawBufferPointer, _ i: inout Int, _ n: Int) -> Bool {
        guard let major = HTTPParser.digits(p, &i, n), i < n, p[i] == 0x2E else { return false }
        i += 1
        guard let minor = HTTPParser.digits(p, &i, n) else { return false }
        self.major = major
        self.minor = minor
        return true
    }

    /// The code of the method in `base[0..<end]` when it is one of Erlang's seven exactly (case
    /// counts), else 0.
    internal static func knownMethod(_ base: UnsafeRawPointer, _ end: Int) -> UInt8 {
        func matches(_ name: StaticString) -> Bool {
            var i = 0
            while i < end {
                if base.load(fromByteOffset: i, as: UInt8.self) != name.utf8Start[i] { return false }
                i += 1
            }
            return true
        }
        switch end {
        case 3:
            if matches("GET") { return 1 }
            if matches("PUT") { return 2 }
        case 4:
            if matches("POST") { return 3 }
            if matches("HEAD") { return 4 }
        case 5:
            if matches("TRACE") { return 5 }
        case 6:
            if matches("DELETE") { return 6 }
        case 7:
            if matches("OPTIONS") { return 7 }
        default:
            break
        }
        return 0
    }

    /// Erlang's form of the target at `uriStart..<uriEnd`.
    @inline(__always)
    internal mutating func classifyTarget(_ p: UnsafeRawBufferPointer) {
        let start = uriStart
        let end = uriEnd
        let length = end - start
        // A path is the usual target: settled first.
        if p[start] == 0x2F {
            target = .absPath
        } else if length == 1 && p[start] == 0x2A {
            target = .asterisk
        } else if length <= 1 {
            target = .absPath
        } else if length >= 7 && Self.hasPrefixIgnoringCase(p, start, "http://") {
            target = .http
            readAuthority(p, start + 7)
        } else if length >= 8 && Self.hasPrefixIgnoringCase(p, start, "https://") {
            target = .https
            readAuthority(p, start + 8)
        } else if let colon = ByteSearch.firstIndex(of: 0x3A, in: p, from: start, to: end) {
            target = .scheme
            hostStart = colon
        } else {
            target = .string
        }
    }

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

    /// `host[:port][/path]` from `start` to `uriEnd`: the host ends at the first `:` (OTP 25 has
    /// no bracketed IPv6 hosts); the port counts only when every byte after the `:` is a digit
    /// and it is not zero.
    internal mutating func readAuthority(_ p: UnsafeRawBufferPointer, _ start: Int) {
        let end = uriEnd
        hostStart = start
        hostEnd = end
        pathStart = -1
        if let slash = ByteSearch.firstIndex(of: 0x2F, in: p, from: start, to: end) {
            pathStart = slash
            hostEnd = slash
        }
        guard let colon = ByteSearch.firstIndex(of: 0x3A, in: p, from: start, to: hostEnd) else {
            port = nil
            return
        }
        var i = colon + 1
        var port: Int32 = 0
        while i < hostEnd && HTTPParser.isDigit(p[i]) {
            port = port &* 10 &+ Int32(p[i] &- 0x30)
            i += 1
        }
        self.port = i == hostEnd && port != 0 ? port : nil
        hostEnd = colon
    }
}
