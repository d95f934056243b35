/// A streaming packet decoder: bytes go in as chunks of any size, whole packets come out as
/// zero-copy slices. It delivers what an Erlang `gen_tcp` socket in `{packet, Type}` passive mode
/// delivers for the same byte stream, however the stream is chunked.
///
/// ```swift
/// var framer = try PacketFramer(.length4)
/// framer.append(chunk)                    // any size: a byte, 64 KiB, ...
/// while let packet = try framer.next() {  // nil: wait for more bytes
///     handle(packet)                      // a slice of the framer's storage, no copy
/// }
/// let leftover = framer.finish()          // at end of stream: bytes that never formed a packet
/// ```
///
/// Cost is O(total bytes) however the stream is split: the framer remembers how far it has
/// scanned (a line drip-fed one byte at a time is searched once), and once a header has told the
/// packet's size it waits for that many bytes without looking again. Memory follows the bytes
/// that arrived, never a declared length, and `packet_size` rejects a packet as soon as its
/// header is complete.
///
/// After an error (Erlang's `{error, emsgsize}`) ``next()`` keeps throwing it until the type or
/// options change; the buffered bytes are kept.
public struct PacketFramer: Sendable {
    @usableFromInline
    internal var codec: PacketCodec

    @usableFromInline
    internal var buffer: PacketBuffer

    /// Bytes at the front of `buffer` already scanned without finding the packet's end.
    @usableFromInline
    internal var resume: Int = 0

    /// The size of the packet at the front, once its header told it.
    @usableFromInline
    internal var pendingTotal: Int = 0

    @usableFromInline
    internal var failure: PacketError? = nil

    /// For `line` and the HTTP types: a buffer shorter than this whose new bytes hold no line end
    /// just waits. `line`: the smallest of `packet_size` and `line_length` set; HTTP: the HTTP
    /// limit in force; `Int.max` without one. 0 for the other types.
    @usableFromInline
    internal var waitLimit: Int = 0

    /// What ends a line: `line`'s delimiter, `\n` for HTTP.
    @usableFromInline
    internal var lineEnd: UInt8 = 0x0A

    /// For `1`, `2` and `4`: the header size; 0 for the other types.
    @usableFromInline
    internal var lengthHeader: Int = 0

    /// For `1`, `2` and `4`: the largest declared length accepted (`packet_size`, and the whole
    /// packet within 2^31 - 1 bytes).
    @usableFromInline
    internal var lengthLimit: Int = 0

    /// Erlang's http state for `http`/`http_bin`: `true` after a start line, until the end of
    /// the headers.
    @usableFromInline
    internal var httpHeaderState = false

    /// For the HTTP types when neither `packet_size` nor `line_length` is set: the longest packet
    /// (a start line, or a header with its continuation lines) accepted before the framer gives
    /// up with ``PacketError/Code/packetTooLarge``, so that memory stays bounded on a stream
    /// that never ends its line. 1 MiB by default; 0 means no limit, which is what an Erlang
    /// socket whose receive buffer is larger than the stream does.
    public var maximumHTTPPacketSize: Int = 1 << 20 {
        didSet { configureFastPaths() }
    }

    /// The longest HTTP packet accepted: `packet_size` (or `line_length`) when set, else
    /// ``maximumHTTPPacketSize``; 0 for none.
    @inlinable
    internal var httpPacketLimit: Int { codec.httpLimit != 0 ? codec.httpLimit : maximumHTTPPacketSize }

    /// A framer for `type` with `options`. Like a socket, it accepts `lineDelimiter` with any type
    /// (only `line` uses it).
    public init(_ type: PacketType, options: PacketOptions = PacketOptions()) {
        self.codec = PacketCodec(unchecked: type, options: options)
        self.buffer = PacketBuffer()
        configureFastPaths()
    }

    /// Sets what the fast paths of ``next()`` and ``nextHTTP()`` read (`waitLimit`, `lineEnd`,
    /// `lengthHeader`, `lengthLimit`) for the codec and limits in force.
    private mutating func configureFastPaths() {
        // A limit of 0 means none.
        func bound(_ limit: Int) -> Int { limit == 0 ? .max : limit }
        let packetSize = bound(Int(codec.options.packetSize))
        if codec.type.isHTTP {
            waitLimit = bound(httpPacketLimit)
            lineEnd = HTTPCodec.lf
        } else if codec.type == .line {
            waitLimit = Swift.min(packetSize, bound(Int(codec.options.lineLength)))
            lineEnd = codec.options.effectiveLineDelimiter
        } else {
            waitLimit = 0
        }
        lengthHeader = codec.type.lengthHeaderSize ?? 0
        lengthLimit = Swift.min(packetSize, Int(Int32.max) - lengthHeader)
    }

    /// The packet type in force.
    public var type: PacketType { codec.type }

    /// The options in force.
    public var options: PacketOptions { codec.options }

    /// Changes the packet type and options between packets, as `inet:setopts/2` does on a socket.
    /// Buffered bytes are kept and framed by the new rules; an earlier error is forgotten.
    public mutating func setType(_ type: PacketType, options: PacketOptions? = nil) {
        codec = PacketCodec(unchecked: type, options: options ?? codec.options)
        resume = 0
        pendingTotal = 0
        failure = nil
        httpHeaderState = false
        configureFastPaths()
    }

    /// The number of bytes received but not yet delivered as packets.
    @inlinable
    public var bufferedByteCount: Int { buffer.count }

    // MARK: - Input

    /// Appends bytes from the stream.
    @inlinable
    @inline(__always)
    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        buffer.append(contentsOf: bytes)
    }

    /// Appends bytes from the stream; when nothing is buffered the framer adopts `bytes`' storage
    /// instead of copying it.
    @inlinable
    public mutating func append(_ bytes: PacketBuffer) {
        if buffer.isEmpty {
            buffer = bytes
        } else {
            buffer.append(bytes)
        }
    }

    /// Appends one byte from the stream.
    @inlinable
    public mutating func append(_ byte: UInt8) {
        buffer.append(byte)
    }

    /// Appends bytes from the stream (`[UInt8]`, `ArraySlice<UInt8>`, ...).
    @inlinable
    public mutating func append<S: Sequence<UInt8>>(contentsOf bytes: S) {
        buffer.append(contentsOf: bytes)
    }

    // MARK: - Output

    /// The next whole packet, or `nil` until more bytes arrive.
    ///
    /// - Throws: ``PacketError`` with code ``PacketError/Code/invalidPacket`` (a malformed header)
    ///   or ``PacketError/Code/packetTooLarge`` (over `packet_size` or 2^31 - 1 bytes): where a
    ///   socket answers `{error, emsgsize}`.
    @inlinable
    @inline(__always)
    public mutating func next() throws(PacketError) -> PacketBuffer? {
        if _slowPath(codec.type.isHTTP) { return try nextHTTPLine() }
        if _slowPath(failure != nil) { throw failure.unsafelyUnwrapped }
        if buffer.count < pendingTotal { return nil }
        if lengthHeader != 0 { return try nextLengthPrefixed() }
        if waitLimit != 0 {
            if waitLimit == .max { return nextLine() }
            if waitsForLineEnd(lineEnd, below: waitLimit) { return nil }
        }
        let result = buffer.withUnsafeBytes { codec.step($0, resume: &resume) }
        switch result {
        case .packet(let start, let end, let length):
            let packet = buffer.uncheckedSlice(start, end)
            buffer.lower &+= length
            resume = 0
            pendingTotal = 0
            return packet
        case .needMore(let total):
            pendingTotal = total
            return nil
        case .invalid(let failure):
            return try fail(failure)
        }
    }

    /// `1`, `2`, `4`: the header read in one load, no dispatch on the type.
    @inlinable
    @inline(__always)
    internal mutating func nextLengthPrefixed() throws(PacketError) -> PacketBuffer? {
        let n = buffer.count
        let header = lengthHeader
        if n < header { return nil }
        let p = UnsafeRawPointer(buffer.storage.base + buffer.lower)
        let payload =
            header == 4
            ? Int(UInt32(bigEndian: p.loadUnaligned(as: UInt32.self)))
            : header == 2 ? Int(UInt16(bigEndian: p.loadUnaligned(as: UInt16.self))) : Int(p.load(as: UInt8.self))
        if _slowPath(payload > lengthLimit) {
            let failure = ScanFailure(
                .tooLarge, codec.type, value: UInt64(payload), limit: UInt64(codec.options.packetSize))
            _ = try fail(failure)
        }
        let total = header &+ payload
        if total > n {
            pendingTotal = total
            return nil
        }
        let packet = buffer.uncheckedSlice(header, total)
        buffer.lower &+= total
        pendingTotal = 0
        return packet
    }

    /// `line` without `packet_size` or `line_length`: only the delimiter matters, searched from
    /// where the last search stopped.
    @inlinable
    @inline(__always)
    internal mutating func nextLine() -> PacketBuffer? {
        let n = buffer.count
        let from = resume
        let delimiter = lineEnd
        var found: Int? = nil
        if UInt(bitPattern: n &- from) <= 8 {
            // A stream fed a few bytes at a time: a plain loop over the new ones.
            let base = buffer.storage.base + buffer.lower
            var i = from
            while i < n {
                if base.load(fromByteOffset: i, as: UInt8.self) == delimiter {
                    found = i
                    break
                }
                i &+= 1
            }
        } else {
            found = buffer.withUnsafeBytes { ByteSearch.firstIndex(of: delimiter, in: $0, from: from, to: n) }
        }
        guard let found else {
            resume = n
            return nil
        }
        let length = found &+ 1
        let packet = buffer.uncheckedSlice(0, length)
        buffer.lower &+= length
        resume = 0
        return packet
    }

    /// The quick look for a stream fed a few bytes at a time: `true` (and `resume` moved past
    /// them) when the bytes that arrived since the last search hold no `delimiter` and the buffer
    /// is shorter than `limit`, so that no limit can be reached either. More than a few new bytes
    /// are left to the codec's word-at-a-time search.
    @inlinable
    @inline(__always)
    internal mutating func waitsForLineEnd(_ delimiter: UInt8, below limit: Int) -> Bool {
        let n = buffer.count
        let from = resume
        guard UInt(bitPattern: n &- from) <= 4, n < limit else { return false }
        let base = buffer.storage.base + buffer.lower
        var i = from
        while i < n {
            if base.load(fromByteOffset: i, as: UInt8.self) == delimiter { return false }
            i &+= 1
        }
        resume = n
        return true
    }

    // MARK: - HTTP

    /// The next HTTP packet, parsed, or `nil` until more bytes arrive. With `http`/`http_bin` the
    /// framer expects a start line, then headers after it, then a start line again after the end
    /// of the headers, as an Erlang socket does; switch to another type (``setType(_:options:)``)
    /// to read a body and back.
    ///
    /// - Throws: ``PacketError/Code/packetTooLarge`` for a line over the limit (a socket's
    ///   `{error, emsgsize}`), ``PacketError/Code/badOption`` if the type is not an HTTP type.
    @inlinable
    @inline(__always)
    public mutating func nextHTTP() throws(PacketError) -> HTTPPacket? {
        guard codec.type.isHTTP else { throw notHTTP() }
        if waitsForHTTPLineEnd() { return nil }
        guard let (start, end, length) = try scanHTTPLine() else { return nil }
        return takeHTTP(start, end, length)
    }

    /// The error of ``nextHTTP()`` on a type that is not HTTP (the cold path).
    @inline(never)
    @usableFromInline
    internal func notHTTP() -> PacketError {
        PacketError(code: .badOption, reason: "nextHTTP() needs an HTTP packet type, not \(codec.type)")
    }

    /// The quick look of a drip-fed HTTP stream: past two bytes (where the codec's special cases,
    /// an empty line and the 1-byte limit, no longer apply) only the new bytes can end the line.
    @inlinable
    @inline(__always)
    internal mutating func waitsForHTTPLineEnd() -> Bool {
        failure == nil && buffer.count > 2 && waitsForLineEnd(lineEnd, below: waitLimit)
    }

    /// The next HTTP packet's line, unparsed (the http state still follows what it holds).
    @inline(never)
    @usableFromInline
    internal mutating func nextHTTPLine() throws(PacketError) -> PacketBuffer? {
        if waitsForHTTPLineEnd() { return nil }
        guard let (start, end, length) = try scanHTTPLine() else { return nil }
        let line = buffer.uncheckedSlice(start, end)
        _ = takeHTTP(start, end, length)
        return line
    }

    /// Parses the packet at `start..<end`, consumes its `length` bytes and moves the http state
    /// on: what a socket does with each HTTP packet, whether or not the caller wants it parsed.
    @inlinable
    @inline(__always)
    internal mutating func takeHTTP(_ start: Int, _ end: Int, _ length: Int) -> HTTPPacket {
        var headerState = httpHeaderState || codec.type.isHeaderOnlyHTTP
        let packet = HTTPParser.parse(LineRef(buffer, start: start, end: end), headerState: &headerState)
        buffer.lower &+= length
        resume = 0
        httpHeaderState = headerState
        return packet
    }

    /// Where the next HTTP packet is in the buffer, as plain offsets (nothing is retained until a
    /// whole packet is there, which keeps a drip-fed stream cheap).
    @inlinable
    internal mutating func scanHTTPLine() throws(PacketError) -> (Int, Int, Int)? {
        if _slowPath(failure != nil) { throw failure.unsafelyUnwrapped }
        let limit = httpPacketLimit
        let headerState = httpHeaderState || codec.type.isHeaderOnlyHTTP
        let type = codec.type
        let result = buffer.withUnsafeBytes {
            HTTPCodec.scan($0, type: type, headerState: headerState, limit: limit, streaming: true, resume: &resume)
        }
        switch result {
        case .packet(let start, let end, let length):
            return (start, end, length)
        case .needMore:
            return nil
        case .invalid(let failure):
            _ = try fail(failure)
            return nil
        }
    }

    /// Remembers and throws the error for `failure` (the cold path).
    @inline(never)
    @usableFromInline
    internal mutating func fail(_ failure: ScanFailure) throws(PacketError) -> PacketBuffer? {
        let error = failure.error
        self.failure = error
        throw error
    }

    /// Ends the stream: returns the bytes that never formed a packet (empty if none) and empties
    /// the framer, which can then be reused for a new stream.
    public mutating func finish() -> PacketBuffer {
        let leftover = buffer
        buffer = PacketBuffer()
        resume = 0
        pendingTotal = 0
        failure = nil
        httpHeaderState = false
        return leftover
    }
}
