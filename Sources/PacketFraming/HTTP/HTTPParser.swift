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
        var start = HTTPStartLine()
        HTTPStartLine.read(p, n, into: &start)
        return start.packet(line, n, headerState: &headerState)
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

    /// The path `/` that an absolute URI without one gets.
    @usableFromInline
    internal static let rootPath = PacketBuffer("/")

    /// A header line (`n` > 0 bytes without the line end): the header, or the line as an error.
    ///
    /// Erlang's name is the run of token bytes at the start of the line, and a `:` must follow
    /// it. Found the other way round, it is the same: the name ends at the first `:` (no token
    /// byte is a `:`), searched a word at a time; a known field's name needs no further look
    /// (``HTTPField/lookup(_:_:)`` matches only letters, digits and `-`); any other name is then
    /// checked byte by byte to be all token bytes.
    @inlinable
    @inline(__always)
    internal static func parseHeader(_ p: UnsafeRawBufferPointer, _ n: Int, _ line: LineRef) -> HTTPPacket {
        assert(p.last == HTTPCodec.lf, "an HTTP packet ends with its line end")
        let base = p.baseAddress.unsafelyUnwrapped
        guard let nameEnd = firstIndex(of: 0x3A, base, from: 0, before: n, readable: p.count) else {
            return .error(line: line.whole)
        }
        let field = HTTPField.lookup(base, nameEnd)
        if field == nil && !allTokens(base, nameEnd) { return .error(line: line.whole) }
        // The byte at `n` is the line end's CR or LF, which stops the loop.
        var i = nameEnd &+ 1
        while isSpace(base.load(fromByteOffset: i, as: UInt8.self)) { i &+= 1 }
        return .header(HTTPHeader(field: field, line: line, nameEnd: nameEnd, valueStart: i, valueEnd: n))
    }

    /// Whether every byte of `base[0..<count]` is a token byte: an unknown header name's check,
    /// a call of its own to keep the code inlined into a reader's loop small.
    @usableFromInline
    @inline(never)
    internal static func allTokens(_ base: UnsafeRawPointer, _ count: Int) -> Bool {
        var i = 0
        while i < count {
            if !isToken(base.load(fromByteOffset: i, as: UInt8.self)) { return false }
            i &+= 1
        }
        return true
    }

    // MARK: - Searching inside a line

    /// The 16 bytes at `offset`.
    @inlinable
    @inline(__always)
    internal static func vector(_ base: UnsafeRawPointer, _ offset: Int) -> SIMD16<UInt8> {
        base.loadUnaligned(fromByteOffset: offset, as: SIMD16<UInt8>.self)
    }

    /// `matches` as two words, `0xFF` in each byte whose lane is true: a mask's storage (frozen)
    /// holds a true lane as all ones. Read this way rather than with `any` and `replacing`,
    /// whose generic loops make the inlined code too large for the optimizer to inline the rest
    /// of a reader's loop (the compare itself is one instruction either way).
    @inlinable
    @inline(__always)
    internal static func words(_ matches: SIMDMask<SIMD16<Int8>>) -> SIMD2<UInt64> {
        unsafeBitCast(matches, to: SIMD2<UInt64>.self)
    }

    /// The offset of the first flagged byte (high bit set) in the 16 bytes of `low` then `high`,
    /// one of which is not zero.
    @inlinable
    @inline(__always)
    internal static func firstFlagged(_ low: UInt64, _ high: UInt64) -> Int {
        if low != 0 { return UInt64(littleEndian: low).trailingZeroBitCount &>> 3 }
        return 8 &+ UInt64(littleEndian: high).trailingZeroBitCount &>> 3
    }

    /// The offset of the first `byte` in `base[start..<end]`, or `nil`: sixteen bytes at a time
    /// from the start (the bytes searched for here are near it), then bytes. Loads
    /// may read up to `readable`, past `end`, where the caller knows `byte` is not (the line end).
    @inlinable
    @inline(__always)
    internal static func firstIndex(
        of byte: UInt8, _ base: UnsafeRawPointer, from start: Int, before end: Int, readable: Int
    ) -> Int? {
        var i = start
        let pattern = SIMD16<UInt8>(repeating: byte)
        while readable &- i >= 16 {
            let found = words(vector(base, i) .== pattern)
            if found[0] | found[1] != 0 {
                let index = i &+ firstFlagged(found[0], found[1])
                return index < end ? index : nil
            }
            i &+= 16
        }
        while i < end {
            if base.load(fromByteOffset: i, as: UInt8.self) == byte { return i }
            i &+= 1
        }
        return nil
    }

    /// The offset of the first space or tab in `base[start..<end]`, else `end`; as
    /// ``firstIndex(of:_:from:before:readable:)``.
    @inlinable
    @inline(__always)
    internal static func firstSpace(_ base: UnsafeRawPointer, from start: Int, before end: Int, readable: Int) -> Int {
        var i = start
        let spaces = SIMD16<UInt8>(repeating: 0x20)
        let tabs = SIMD16<UInt8>(repeating: 0x09)
        while readable &- i >= 16 {
            let bytes = vector(base, i)
            let found = words(bytes .== spaces .| bytes .== tabs)
            if found[0] | found[1] != 0 { return Swift.min(i &+ firstFlagged(found[0], found[1]), end) }
            i &+= 16
        }
        // The vectors may have gone past `end` without a match.
        while i < end && !isSpace(base.load(fromByteOffset: i, as: UInt8.self)) { i &+= 1 }
        return Swift.min(i, end)
    }
}
