/// The streaming state of a `{packet, Type}` socket, apart from where the bytes are kept: it
/// decides, over any contiguous bytes, where the next packet starts and ends, how many bytes it
/// takes, or that more bytes are needed, and it remembers what makes streaming linear.
///
/// ``PacketFramer`` is this state machine plus a ``PacketBuffer``; the SwiftNIO decoders run it
/// over a `ByteBuffer`'s readable bytes in place. Any storage works, under one contract:
///
/// - `bytes` holds the stream's unconsumed bytes, the first one at offset 0;
/// - after a call that returns `nil`, the next call sees the same bytes, possibly with more
///   after them (the machine resumes where it stopped: a line fed a byte at a time is searched
///   once in all);
/// - after a call that returns a frame, the caller removes exactly ``PacketFrame/length`` bytes
///   from the front before the next call;
/// - bytes removed any other way (a raw read of a body, say) are announced with
///   ``bytesWereRemoved()``.
///
/// ```swift
/// var machine = PacketFramingStateMachine(.length2)
/// var stream: [UInt8] = [0, 3, 0x61, 0x62, 0x63, 0, 1]   // one packet and half of the next
/// while let frame = try stream.withUnsafeBytes({ bytes throws(PacketError) in try machine.nextFrame(in: bytes) }) {
///     print(Array(stream[frame.body]))                     // [97, 98, 99]
///     stream.removeFirst(frame.length)
/// }
/// ```
///
/// The rules are the codecs' own (``PacketCodec`` answers `decode_packet` with the same code),
/// with the limits worked out once when the type or options are set. After an error (Erlang's
/// `{error, emsgsize}`) the machine keeps throwing it until the type or options change.
public struct PacketFramingStateMachine: Sendable {
    @usableFromInline
    internal var codec: PacketCodec

    /// Bytes at the front already scanned without finding the packet's end.
    @usableFromInline
    internal var resume: Int = 0

    /// The size of the packet at the front, once its header told it.
    @usableFromInline
    internal var pendingTotal: Int = 0

    @usableFromInline
    internal var failure: PacketError? = nil

    /// The path ``step(_:)`` takes: ``configuredRoute`` while no error is latched, `.general`
    /// while one is, so that a call reaches its type's path through one compare and every other
    /// check is made only on the general path.
    @usableFromInline
    internal var route: Route = .general

    /// The route for the type and options in force, worked out when they are set.
    @usableFromInline
    internal var configuredRoute: Route = .general

    /// For `line` and the HTTP types: bytes fewer than this whose new bytes hold no line end just
    /// wait. `line`: the smallest of `packet_size` and `line_length` set; HTTP: the HTTP limit in
    /// force; `Int.max` without one. 0 for the other types.
    @usableFromInline
    internal var waitLimit: Int = 0

    /// What ends a line: `line`'s delimiter, `\n` for HTTP.
    @usableFromInline
    internal var lineEnd: UInt8 = 0x0A

    /// The drip-feed shortcut of ``PacketFramer``, which alone reads it: not `.off` when the
    /// last search answered `nil` having searched every byte (`resume` is the count), so that a
    /// byte appended alone that is not the line end gets the same answer without a search: the
    /// framer moves `resume` past it as it appends it, and its ``PacketFramer/next()`` (or
    /// ``PacketFramer/nextHTTP()``, for `.http`) answers `nil` at once. Set to `.line` by the
    /// search of `line` without limits over any bytes (the machine's other users just never
    /// read it), and to `.http` by the framer, only while the buffered bytes cannot reach the
    /// HTTP limit without the buffer growing. Cleared by the line end, by every change of the
    /// rules or removal of bytes, by an error, and by the framer whenever bytes arrive
    /// otherwise or its buffer grows.
    @usableFromInline
    internal var dripWait: DripWait = .off

    /// For `1`, `2` and `4`: the header size; 0 for the other types.
    @usableFromInline
    internal var lengthHeader: Int = 0

    /// For `1`, `2` and `4`: the largest declared length accepted.
    @usableFromInline
    internal var lengthLimit: Int = 0

    /// For the HTTP types: the longest packet accepted (0 for none): `packet_size` (or
    /// `line_length`) when set, else ``maximumHTTPPacketSize``.
    @usableFromInline
    internal var httpLimit: Int = 0

    /// Erlang's http state for `http`/`http_bin`: `true` after a start line, until the end of
    /// the headers. Always `true` for `httph`/`httph_bin` (which expect only headers), so that
    /// every reader takes the state in one load: every writer keeps it so.
    @usableFromInline
    internal var httpHeaderState = false

    /// For the HTTP types when neither `packet_size` nor `line_length` is set: the longest packet
    /// (a start line, or a header with its continuation lines) accepted before the machine gives
    /// up with ``PacketError/Code/packetTooLarge``, so that memory stays bounded on a stream
    /// that never ends its line. 1 MiB by default; 0 means no limit, which is what an Erlang
    /// socket whose receive buffer is larger than the stream does.
    public var maximumHTTPPacketSize: Int = 1 << 20 {
        didSet { configure() }
    }

    /// A state machine for `type` with `options`, at the start of a stream. Like a socket, it
    /// accepts `lineDelimiter` with any type (only `line` uses it).
    public init(_ type: PacketType, options: PacketOptions = PacketOptions()) {
        self.codec = PacketCodec(unchecked: type, options: options)
        configure()
    }

    /// Works out what the fast paths read for the type and limits in force: done once here, so
    /// that each packet costs only the compares.
    private mutating func configure() {
        // A limit of 0 means none.
        func bound(_ limit: Int) -> Int { limit == 0 ? .max : limit }
        let type = codec.type
        httpLimit = codec.httpLimit != 0 ? codec.httpLimit : maximumHTTPPacketSize
        if type.isHTTP {
            waitLimit = bound(httpLimit)
            lineEnd = HTTPCodec.lf
        } else if type == .line {
            waitLimit = Swift.min(bound(Int(codec.options.packetSize)), bound(Int(codec.options.lineLength)))
            lineEnd = codec.options.effectiveLineDelimiter
        } else {
            waitLimit = 0
        }
        lengthHeader = type.lengthHeaderSize ?? 0
        lengthLimit = LengthPrefixCodec.payloadLimit(headerSize: lengthHeader, options: codec.options)
        if type.isHTTP {
            configuredRoute = .http
        } else if lengthHeader != 0 {
            configuredRoute = .lengthPrefix
        } else if type == .line && waitLimit == .max {
            configuredRoute = .line
        } else {
            configuredRoute = .general
        }
        route = failure == nil ? configuredRoute : .general
        if type.isHeaderOnlyHTTP { httpHeaderState = true }
        dripWait = .off
    }

    /// The packet type in force.
    @inlinable
    public var type: PacketType { codec.type }

    /// The options in force.
    @inlinable
    public var options: PacketOptions { codec.options }

    /// Erlang's http state: whether the next HTTP packet is expected to be a header (after a
    /// start line, until the end of the headers; always for `httph` and `httph_bin`) rather than
    /// a start line. `false` for the other types.
    @inlinable
    public var expectsHTTPHeader: Bool { codec.type.isHeaderOnlyHTTP || (codec.type.isHTTP && httpHeaderState) }

    /// Changes the packet type and options between packets, as `inet:setopts/2` does on a socket.
    /// The bytes already there are framed by the new rules; an earlier error is forgotten, and
    /// the http state starts again (a start line is expected).
    public mutating func setType(_ type: PacketType, options: PacketOptions? = nil) {
        codec = PacketCodec(unchecked: type, options: options ?? codec.options)
        httpHeaderState = false
        bytesWereRemoved()
        configure()
    }

    /// Starts a new stream with the same type and options.
    public mutating func reset() {
        httpHeaderState = codec.type.isHeaderOnlyHTTP
        bytesWereRemoved()
    }

    /// Tells the machine that bytes were removed from the front other than as a frame it found
    /// (a body read by length, say): it forgets how far it had scanned and any error, and keeps
    /// the http state.
    @inlinable
    public mutating func bytesWereRemoved() {
        resume = 0
        pendingTotal = 0
        failure = nil
        route = configuredRoute
        dripWait = .off
    }

    // MARK: - Framing

    /// Where the next packet is in `bytes`, or `nil` until more bytes arrive.
    ///
    /// For the HTTP types the packet is also parsed, which moves the http state on; the parsed
    /// packet (``PacketFrame/http``) refers to a copy of the line, not to `bytes`.
    ///
    /// - Throws: ``PacketError`` with code ``PacketError/Code/invalidPacket`` (a malformed header)
    ///   or ``PacketError/Code/packetTooLarge`` (over `packet_size` or 2^31 - 1 bytes): where a
    ///   socket answers `{error, emsgsize}`.
    @inlinable
    public mutating func nextFrame(in bytes: UnsafeRawBufferPointer) throws(PacketError) -> PacketFrame? {
        guard let (start, end, length) = try step(bytes) else { return nil }
        var http: HTTPPacket? = nil
        if codec.type.isHTTP {
            http = parseHTTP(copying: UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
        }
        return PacketFrame(body: start..<end, length: length, http: http)
    }

    /// ``nextFrame(in:)`` for the package's own handlers, without building a ``PacketFrame``:
    /// the packet's offsets, or `nil` when more bytes are needed or the bytes can never form a
    /// packet (then ``latchedError`` holds the error). No closure or generic result on the way,
    /// so a caller inside another storage's `withUnsafe...` closure pays nothing extra.
    @inlinable
    package mutating func nextFrameOffsets(in bytes: UnsafeRawBufferPointer) -> (start: Int, end: Int, length: Int)? {
        let found: (Int, Int, Int)?
        do {
            found = try step(bytes)
        } catch {
            return nil
        }
        guard let (start, end, length) = found else { return nil }
        if _slowPath(codec.type.isHTTP) {
            _ = parseHTTP(copying: UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
        }
        return (start, end, length)
    }

    /// The error the machine keeps answering until the type or options change, if any.
    @inlinable
    public var latchedError: PacketError? { failure }

    /// Parses an HTTP line that is not in a ``PacketBuffer``, from a copy of its bytes.
    @inline(never)
    @usableFromInline
    internal mutating func parseHTTP(copying line: UnsafeRawBufferPointer) -> HTTPPacket {
        let copy = PacketBuffer(bytes: line)
        return parseHTTP(LineRef(copy, start: 0, end: copy.count))
    }

    /// Parses the HTTP packet in `line` in the http state, and moves the state on: what a socket
    /// does with each HTTP packet, whether or not its reader wants it parsed.
    @inlinable
    @inline(__always)
    internal mutating func parseHTTP(_ line: LineRef) -> HTTPPacket {
        var headerState = httpHeaderState
        let packet = HTTPParser.parse(line, headerState: &headerState)
        httpHeaderState = headerState || codec.type.isHeaderOnlyHTTP
        return packet
    }

    /// The next packet as offsets (`start..<end` its body, `length` the bytes it takes), or `nil`;
    /// for the HTTP types, the line, not yet parsed. The caller consumes `length` bytes.
    @inlinable
    @inline(__always)
    internal mutating func step(_ p: UnsafeRawBufferPointer) throws(PacketError) -> (Int, Int, Int)? {
        let route = self.route
        if route == .lengthPrefix { return try stepLengthPrefix(p) }
        if route == .line { return stepLine(p) }
        return try stepGeneral(p)
    }

    /// ``step(_:)`` for `1`, `2` and `4` with no error latched.
    @inlinable
    @inline(__always)
    internal mutating func stepLengthPrefix(_ p: UnsafeRawBufferPointer) throws(PacketError) -> (Int, Int, Int)? {
        if p.count < pendingTotal { return nil }
        switch LengthPrefixCodec.scan(
            p, headerSize: lengthHeader, payloadLimit: lengthLimit, type: codec.type, options: codec.options)
        {
        case .packet(let start, let end, let length):
            pendingTotal = 0
            return (start, end, length)
        case .needMore(let total):
            pendingTotal = total
            return nil
        case .invalid(let failure):
            try fail(failure)
        }
    }

    /// ``step(_:)`` for `line` without limits (only the delimiter matters) with no error latched.
    @inlinable
    @inline(__always)
    internal mutating func stepLine(_ p: UnsafeRawBufferPointer) -> (Int, Int, Int)? {
        guard let length = LineCodec.scanUnlimited(p, delimiter: lineEnd, resume: &resume) else {
            // Every byte searched (`resume` is the count), and no limit.
            dripWait = .line
            return nil
        }
        resume = 0
        return (0, length, length)
    }

    /// ``step(_:)`` for the HTTP types, the types without a fast path (`line` with limits too),
    /// and a latched error.
    @inlinable
    @inline(__always)
    internal mutating func stepGeneral(_ p: UnsafeRawBufferPointer) throws(PacketError) -> (Int, Int, Int)? {
        if _slowPath(codec.type.isHTTP) { return try stepHTTP(p) }
        if _slowPath(failure != nil) { throw failure.unsafelyUnwrapped }
        if p.count < pendingTotal { return nil }
        if waitLimit != 0 && waitsForLineEnd(p, below: waitLimit) { return nil }
        switch codec.step(p, resume: &resume) {
        case .packet(let start, let end, let length):
            resume = 0
            pendingTotal = 0
            return (start, end, length)
        case .needMore(let total):
            pendingTotal = total
            return nil
        case .invalid(let failure):
            try fail(failure)
        }
    }

    /// The quick look for a stream fed a few bytes at a time: `true` (and `resume` moved past
    /// them) when the bytes that arrived since the last search hold no line end and there are
    /// fewer than `limit` bytes, so that no limit can be reached either: the answer the rule
    /// would give, without calling it. More than a few new bytes go to the rule's search.
    @inlinable
    @inline(__always)
    internal mutating func waitsForLineEnd(_ p: UnsafeRawBufferPointer, below limit: Int) -> Bool {
        let n = p.count
        let from = resume
        guard n < limit else { return false }
        if n &- from == 1 {
            // One new byte (a stream fed a byte at a time): one compare, no loop.
            if p[unchecked: from] == lineEnd { return false }
            resume = n
            return true
        }
        // The unsigned test also means `from <= n` (`resume` is never negative).
        guard UInt(bitPattern: n &- from) <= 4 else { return false }
        var i = from
        while i < n {
            if p[unchecked: i] == lineEnd { return false }
            i &+= 1
        }
        resume = n
        return true
    }

    /// The next HTTP packet's line, as offsets.
    @inlinable
    @inline(__always)
    internal mutating func stepHTTP(_ p: UnsafeRawBufferPointer) throws(PacketError) -> (Int, Int, Int)? {
        if _slowPath(failure != nil) { throw failure.unsafelyUnwrapped }
        return try stepHTTPLine(p)
    }

    /// ``stepHTTP(_:)`` with no error latched: the checks that settle a drip-fed stream in line,
    /// the search as a call of its own (inlining it too leaves the optimizer no room to inline
    /// the parse that follows in a reader's loop, which costs more).
    ///
    /// The quick look holds from the first byte on: the rule's special cases (an empty line, a
    /// CR under a 1-byte limit) all have a line end among the bytes or are at the limit, and
    /// both of those go to the search.
    @inlinable
    @inline(__always)
    internal mutating func stepHTTPLine(_ p: UnsafeRawBufferPointer) throws(PacketError) -> (Int, Int, Int)? {
        if waitsForLineEnd(p, below: waitLimit) { return nil }
        // (The unsigned test: `resume` is `n - 1` or `n - 2`.)
        if UInt(bitPattern: p.count &- resume &- 1) <= 1 { return try scanHTTPAfterFewBytes(p) }
        let headerState = httpHeaderState
        if let length = HTTPCodec.quickLine(p, headerState: headerState, bound: waitLimit, resume: &resume) {
            resume = 0
            return (0, length, length)
        }
        return try scanHTTP(p)
    }

    /// The search of ``stepHTTPLine(_:)``.
    @inline(never)
    @usableFromInline
    internal mutating func scanHTTP(_ p: UnsafeRawBufferPointer) throws(PacketError) -> (Int, Int, Int)? {
        let headerState = httpHeaderState
        let result = HTTPCodec.scan(
            p, type: codec.type, headerState: headerState, limit: httpLimit, streaming: true, resume: &resume)
        switch result {
        case .packet(let start, let end, let length):
            resume = 0
            return (start, end, length)
        case .needMore:
            return nil
        case .invalid(let failure):
            try fail(failure)
        }
    }

    /// ``scanHTTP(_:)`` when one or two bytes arrived since the last search (`resume` is `n - 1`
    /// or `n - 2`): a stream fed a byte at a time comes here when a line end arrives, and for a
    /// header once more with the byte after it. Those two cases get the rule's answer without
    /// its search: past two bytes and under the limit none of its special cases apply, and a line
    /// end at `resume` is the first one after the bytes already searched.
    @inline(never)
    @usableFromInline
    internal mutating func scanHTTPAfterFewBytes(_ p: UnsafeRawBufferPointer) throws(PacketError) -> (Int, Int, Int)? {
        let n = p.count
        let from = resume
        guard n > 2 && n < waitLimit && p[unchecked: from] == lineEnd else { return try scanHTTP(p) }
        let headerState = httpHeaderState
        if from == n &- 1 {
            // A start line ends here; a header needs the next byte (a continuation?).
            guard headerState else {
                resume = 0
                return (0, n, n)
            }
            return nil
        }
        guard headerState else { return try scanHTTP(p) }
        let next = p[unchecked: n &- 1]
        if (next == 0x20 || next == 0x09) && n &- 1 > 2 {
            resume = n
            return nil
        }
        resume = 0
        return (0, n &- 1, n &- 1)
    }

    /// Remembers and throws the error for `failure` (the cold path).
    @inline(never)
    @usableFromInline
    internal mutating func fail(_ failure: ScanFailure) throws(PacketError) -> Never {
        let error = failure.error
        self.failure = error
        route = .general
        dripWait = .off
        throw error
    }
}

extension PacketFramingStateMachine {
    /// What ``PacketFramingStateMachine/dripWait`` says.
    @usableFromInline
    internal enum DripWait: UInt8, Sendable {
        /// No shortcut: the next call searches.
        case off
        /// `line` without limits: every byte searched, no line end.
        case line
        /// An HTTP type: every byte searched, no line end, and the limit out of reach in place.
        case http
    }

    /// The paths of ``step(_:)``.
    @usableFromInline
    internal enum Route: UInt8, Sendable {
        /// The HTTP types, the types without a fast path, and any type while an error is latched.
        case general
        /// `1`, `2` and `4`.
        case lengthPrefix
        /// `line` without `packet_size` or `line_length`.
        case line
        /// The HTTP types.
        case http
    }
}

/// Where a packet is in the bytes a ``PacketFramingStateMachine`` was given.
public struct PacketFrame: Sendable, Hashable {
    /// The packet's bytes, as offsets into those bytes: the header is outside it for `1`/`2`/`4`,
    /// the padding for `fcgi`; for the HTTP types it is the whole line (continuation lines
    /// included).
    public var body: Range<Int>
    /// How many bytes the packet takes from the front of the stream, header and padding
    /// included: the caller removes them before asking for the next packet.
    public var length: Int
    /// For the HTTP types, the packet parsed (its values are slices of a copy of the line);
    /// `nil` for the other types.
    public var http: HTTPPacket?

    /// A frame: `body` within the first `length` bytes.
    public init(body: Range<Int>, length: Int, http: HTTPPacket? = nil) {
        self.body = body
        self.length = length
        self.http = http
    }
}
