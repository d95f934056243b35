/// A streaming packet decoder: bytes go in as chunks of any size, whole packets come out as
/// zero-copy slices. It delivers what an Erlang `gen_tcp` socket in `{packet, Type}` passive mode
/// delivers for the same byte stream, however the stream is chunked.
///
/// ```swift
/// var framer = PacketFramer(.length4)
/// framer.append(contentsOf: chunk)            // any size: a byte, 64 KiB, ...
/// while let packet = try framer.next() {      // nil: wait for more bytes
///     handle(packet)                          // a slice of the framer's storage, no copy
/// }
/// let leftover = framer.finish()              // at end of stream: bytes that never formed a packet
/// ```
///
/// ``nextPacket()`` serves every type with one answer, bytes or a parsed HTTP packet (what a
/// socket's `recv` gives); ``next()`` gives the bytes of each packet, for the HTTP types the
/// packet as received; ``read(exactly:)`` takes a number of bytes whatever the type (a body whose
/// length a header told), as `gen_tcp:recv(Socket, Length)` does on a raw socket.
///
/// Cost is O(total bytes) however the stream is split: the framer remembers how far it has
/// scanned (a line drip-fed one byte at a time is searched once), and once a header has told the
/// packet's size it waits for that many bytes without looking again. Memory follows the bytes
/// that arrived, never a declared length, and `packet_size` rejects a packet as soon as its
/// header is complete.
///
/// The framer is a ``PacketFramingStateMachine`` (the rules and the streaming state) over a
/// ``PacketBuffer`` (the bytes). After an error (Erlang's `{error, emsgsize}`) ``next()`` keeps
/// throwing it until the type or options change; the buffered bytes are kept.
public struct PacketFramer: Sendable {
    @usableFromInline
    internal var machine: PacketFramingStateMachine

    @usableFromInline
    internal var buffer: PacketBuffer

    /// A framer for `type` with `options`. Like a socket, it accepts `lineDelimiter` with any type
    /// (only `line` uses it).
    @inlinable
    public init(_ type: PacketType, options: PacketOptions = PacketOptions()) {
        self.machine = PacketFramingStateMachine(type, options: options)
        self.buffer = PacketBuffer()
    }

    /// For the HTTP types when neither `packet_size` nor `line_length` is set: the longest packet
    /// accepted, so that memory stays bounded on a stream that never ends its line (see
    /// ``PacketFramingStateMachine/maximumHTTPPacketSize``). 1 MiB by default; 0 means no limit.
    public var maximumHTTPPacketSize: Int {
        get { machine.maximumHTTPPacketSize }
        set { machine.maximumHTTPPacketSize = newValue }
    }

    /// The packet type in force.
    @inlinable
    public var type: PacketType { machine.type }

    /// The options in force.
    @inlinable
    public var options: PacketOptions { machine.options }

    /// The streaming state: the type, the options, Erlang's http state.
    @inlinable
    public var state: PacketFramingStateMachine { machine }

    /// Changes the packet type and options between packets, as `inet:setopts/2` does on a socket.
    /// Buffered bytes are kept and framed by the new rules; an earlier error is forgotten.
    public mutating func setType(_ type: PacketType, options: PacketOptions? = nil) {
        machine.setType(type, options: options)
    }

    /// The number of bytes received but not yet delivered as packets.
    @inlinable
    public var bufferedByteCount: Int { buffer.count }

    // MARK: - Input

    /// Appends bytes from the stream.
    @inlinable
    @inline(__always)
    public mutating func append(contentsOf bytes: UnsafeRawBufferPointer) {
        if bytes.count == 1 {
            append(bytes[unchecked: 0])
            return
        }
        machine.dripWait = .off
        buffer.append(contentsOf: bytes)
    }

    /// Appends bytes from the stream; when nothing is buffered the framer adopts `bytes`' storage
    /// instead of copying it.
    @inlinable
    public mutating func append(contentsOf bytes: PacketBuffer) {
        machine.dripWait = .off
        if buffer.isEmpty {
            buffer = bytes
        } else {
            buffer.append(contentsOf: bytes)
        }
    }

    /// Appends one byte from the stream.
    @inlinable
    @inline(__always)
    public mutating func append(_ byte: UInt8) {
        guard _fastPath(buffer.appendInPlace(byte)) else {
            // The buffer grows or copies first: the shortcut ends (for HTTP it holds only while
            // the bytes cannot reach the limit in place), and the next search looks at this byte.
            machine.dripWait = .off
            buffer.append(outlined: byte)
            return
        }
        // A stream fed a byte at a time: what the machine's search would do with this byte,
        // done here while it is at hand (see the machine's `dripWait`).
        if machine.dripWait != .off {
            if byte != machine.lineEnd {
                machine.resume &+= 1
            } else {
                machine.dripWait = .off
            }
        }
    }

    /// Appends bytes from the stream (`[UInt8]`, `ArraySlice<UInt8>`, ...).
    @inlinable
    public mutating func append<S: Sequence<UInt8>>(contentsOf bytes: S) {
        machine.dripWait = .off
        buffer.append(contentsOf: bytes)
    }

    // MARK: - Output

    /// The next whole packet's bytes, or `nil` until more bytes arrive. For the HTTP types, the
    /// packet as received (a line, or a header with its continuation lines); it is parsed all the
    /// same, so that the http state moves on as a socket's does.
    ///
    /// - Throws: ``PacketError`` with code ``PacketError/Code/invalidPacket`` (a malformed header)
    ///   or ``PacketError/Code/packetTooLarge`` (over `packet_size` or 2^31 - 1 bytes): where a
    ///   socket answers `{error, emsgsize}`.
    @inlinable
    @inline(__always)
    public mutating func next() throws(PacketError) -> PacketBuffer? {
        // Bytes fed one at a time with no line end among them: nothing to search.
        if machine.dripWait != .off { return nil }
        // The machine's route first: the fast paths are one compare away.
        let route = machine.route
        let found: (Int, Int, Int)?
        if route == .lengthPrefix {
            found = try machine.stepLengthPrefix(buffer.unsafeWindow)
        } else if route == .line {
            found = machine.stepLine(buffer.unsafeWindow)
        } else if _slowPath(machine.type.isHTTP) {
            return try nextHTTPLine()
        } else {
            found = try machine.stepGeneral(buffer.unsafeWindow)
        }
        guard let (start, end, length) = found else { return nil }
        let packet = buffer.uncheckedSlice(start, end)
        buffer.lower &+= length
        return packet
    }

    /// The next whole packet, or `nil` until more bytes arrive: the bytes, or for the HTTP types
    /// the packet parsed into typed values. What a socket in `{packet, Type}` mode delivers.
    ///
    /// With `http`/`http_bin` the framer expects a start line, then headers after it, then a
    /// start line again after the end of the headers, as an Erlang socket does; read a body in
    /// between with ``read(exactly:)``.
    ///
    /// - Throws: as ``next()``: where a socket answers `{error, emsgsize}`.
    @inlinable
    @inline(__always)
    public mutating func nextPacket() throws(PacketError) -> FramedPacket? {
        if machine.type.isHTTP {
            guard let packet = try nextHTTP() else { return nil }
            return .http(packet)
        }
        guard let packet = try next() else { return nil }
        return .bytes(packet)
    }

    /// The next HTTP packet, parsed, or `nil` until more bytes arrive: the typed path for a
    /// framer whose type is an HTTP type. ``nextPacket()`` gives the same packets for any type;
    /// this call avoids wrapping each one (a reader's loop with it runs about a quarter faster:
    /// Benchmarks/README.md).
    ///
    /// - Throws: as ``next()``, and ``PacketError/Code/badOption`` when the type is not an HTTP
    ///   type (nothing is consumed then).
    @inlinable
    @inline(__always)
    public mutating func nextHTTP() throws(PacketError) -> HTTPPacket? {
        // A stream fed a byte at a time with no line end since the last search (the drip-feed
        // shortcut): the answer is known.
        if machine.dripWait == .http { return nil }
        // One compare settles both refusals: the route is `.http` only for an HTTP type with no
        // error latched.
        if _slowPath(machine.route != .http) { throw refusal() }
        let p = buffer.unsafeWindow
        let length: Int
        // The http state, read once for the search and the parse (after the search on a stream
        // fed a few bytes at a time, where most calls find no line end). The flag alone: it is
        // always set for `httph` and `httph_bin`.
        let headerState: Bool
        // A line not yet searched (the next one after a packet, in bytes from a socket): its end
        // is looked for right away, from the front, before (and without) the checks for a stream
        // fed a few bytes at a time (`quickLine` wants 16 bytes or more). A line already searched
        // in part, or fed a byte at a time, takes the machine's step.
        var quick: Int? = nil
        var state = false
        if machine.resume == 0 {
            state = machine.httpHeaderState
            quick = HTTPCodec.quickLine(
                p, headerState: state, bound: machine.waitLimit, resume: &machine.resume)
        }
        if let found = quick {
            machine.resume = 0
            length = found
            headerState = state
        } else {
            // An HTTP packet is always its whole line: `(0, length, length)`.
            guard let step = try machine.stepHTTPLine(p) else {
                // Every byte searched (a line end the search holds back, to see whether the
                // byte after it continues the header, leaves `resume` short of the count), and
                // the limit out of reach while the buffer does not grow: bytes that come one
                // at a time can take the shortcut.
                if machine.resume == p.count && buffer.capacity < machine.waitLimit { machine.dripWait = .http }
                return nil
            }
            assert(step.0 == 0 && step.1 == step.2, "an HTTP packet is its whole line")
            length = step.2
            headerState = machine.httpHeaderState
        }
        return takeHTTP(0, length, length, headerState: headerState)
    }

    /// The error of ``nextHTTP()`` when the route is not `.http` (the cold path): the latched
    /// error of an HTTP type, or the type is not HTTP.
    @inline(never)
    @usableFromInline
    internal func refusal() -> PacketError {
        if machine.type.isHTTP, let failure = machine.failure { return failure }
        return PacketError(
            code: .badOption, reason: "nextHTTP() needs an HTTP packet type, not \(machine.type); use nextPacket()")
    }

    /// The next HTTP packet's line, unparsed (the http state still follows what it holds).
    @inline(never)
    @usableFromInline
    internal mutating func nextHTTPLine() throws(PacketError) -> PacketBuffer? {
        guard let (start, end, length) = try machine.stepHTTP(buffer.unsafeWindow) else { return nil }
        let line = buffer.uncheckedSlice(start, end)
        _ = takeHTTP(start, end, length, headerState: machine.httpHeaderState)
        return line
    }

    /// Parses the packet at `start..<end` in the http state `headerState` (the machine's, which
    /// the parse moves on) and consumes its `length` bytes.
    @inlinable
    @inline(__always)
    internal mutating func takeHTTP(_ start: Int, _ end: Int, _ length: Int, headerState: Bool) -> HTTPPacket {
        // The line refers to the buffer's storage without retaining it: `buffer` holds it for
        // the whole call, and the packet's values retain what they keep.
        var next = headerState
        let packet = HTTPParser.parse(LineRef(buffer, start: start, end: end), headerState: &next)
        // Only a start line or the end of the headers changes the state: a header leaves the
        // machine untouched.
        if next != headerState { machine.httpHeaderState = next || machine.type.isHeaderOnlyHTTP }
        buffer.lower &+= length
        return packet
    }

    /// Exactly `count` bytes from the front of the stream, whatever the packet type, or `nil`
    /// (nothing taken) while fewer are buffered: what `gen_tcp:recv(Socket, Count)` gives on a
    /// raw socket. With `count` 0, every buffered byte (`nil` if there are none). The http state
    /// stays as it is, so after the end of the headers a body read this way is followed by the
    /// next start line.
    ///
    /// ```swift
    /// var http = PacketFramer(.httpBin)
    /// http.append(contentsOf: Array("POST / HTTP/1.1\r\nContent-Length: 3\r\n\r\nabcGET / HTTP/1.1\r\n\r\n".utf8))
    /// var bodyLength = 0
    /// while let packet = try http.nextPacket() {
    ///     guard case .http(let message) = packet else { continue }
    ///     if case .header(let header) = message, header.field == .contentLength {
    ///         bodyLength = Int(header.valueString) ?? 0
    ///     }
    ///     if case .endOfHeaders = message, bodyLength > 0 {
    ///         let body = http.read(exactly: bodyLength)   // "abc" (nil: wait for more bytes)
    ///         bodyLength = 0
    ///     }
    /// }
    /// ```
    ///
    /// Like the socket, it waits for all `count` bytes: buffered memory grows with the bytes
    /// that arrive, up to `count`; read a large body in pieces with ``read(upTo:)``.
    public mutating func read(exactly count: Int) -> PacketBuffer? {
        precondition(count >= 0, "read(exactly:) needs a count of 0 or more")
        let n = buffer.count
        let length = count == 0 ? n : count
        if length == 0 || length > n { return nil }
        return take(length)
    }

    /// Up to `maximum` bytes from the front of the stream, whatever the packet type: every
    /// buffered byte up to `maximum`, or `nil` when none is buffered (or `maximum` is 0). For
    /// reading a long body as it arrives, without holding it all.
    public mutating func read(upTo maximum: Int) -> PacketBuffer? {
        precondition(maximum >= 0, "read(upTo:) needs a maximum of 0 or more")
        let length = Swift.min(maximum, buffer.count)
        if length == 0 { return nil }
        return take(length)
    }

    /// Removes `count` bytes from the front (the caller checked there are that many).
    private mutating func take(_ count: Int) -> PacketBuffer {
        let bytes = buffer.readSlice(count)
        machine.bytesWereRemoved()
        return bytes
    }

    /// Ends the stream: returns the bytes that never formed a packet (empty if none) and empties
    /// the framer, which can then be reused for a new stream.
    public mutating func finish() -> PacketBuffer {
        let leftover = buffer
        buffer = PacketBuffer()
        machine.reset()
        return leftover
    }
}

/// One packet from ``PacketFramer/nextPacket()``: its bytes, or for the HTTP types the packet
/// parsed.
public enum FramedPacket: Sendable, Hashable {
    /// The packet's bytes (header stripped for `1`/`2`/`4`), a slice of the framer's storage.
    case bytes(PacketBuffer)
    /// An HTTP packet, its values slices of the framer's storage.
    case http(HTTPPacket)

    /// The bytes, or `nil` for an HTTP packet.
    @inlinable
    public var bytes: PacketBuffer? {
        if case .bytes(let bytes) = self { return bytes }
        return nil
    }

    /// The HTTP packet, or `nil` for bytes.
    @inlinable
    public var http: HTTPPacket? {
        if case .http(let packet) = self { return packet }
        return nil
    }
}
