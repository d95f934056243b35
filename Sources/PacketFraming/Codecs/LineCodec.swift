/// `line`: bytes up to and including a delimiter (`\n` unless `line_delimiter` says otherwise).
/// The delimiter stays in the packet.
///
/// ```
/// +---+---+---+-----+----+---+---
/// | a | b | c | ... | \n | next line ...        packet = "abc...\n"
/// +---+---+---+-----+----+---+---
/// ```
///
/// With `line_length` T, a line longer than T bytes (or T bytes with no delimiter yet) is cut:
/// its first T bytes are the packet and the rest starts the next one. With `packet_size` P, a line
/// longer than P bytes, or more than P bytes with no delimiter, is invalid. `packet_size` is
/// checked before `line_length`, as in Erlang.
///
/// This is the one implementation of the rule: the stateless codec and the streaming state
/// machine both call it, the machine with a `resume` offset so that a line fed a byte at a time
/// is searched once in all.
@usableFromInline
internal enum LineCodec {
    /// The step for options read from `options`.
    @inlinable
    internal static func scan(
        _ p: UnsafeRawBufferPointer,
        options: PacketOptions,
        resume: inout Int
    ) -> ScanStep {
        let delimiter = options.effectiveLineDelimiter
        if options.packetSize == 0 && options.lineLength == 0 {
            guard let length = scanUnlimited(p, delimiter: delimiter, resume: &resume) else {
                return .needMore(total: 0)
            }
            return .packet(bodyStart: 0, bodyEnd: length, length: length)
        }
        return scanLimited(
            p,
            delimiter: delimiter,
            packetSize: Int(options.packetSize),
            lineLength: Int(options.lineLength),
            resume: &resume
        )
    }

    /// Without `packet_size` or `line_length` only the delimiter matters: the length of the line
    /// (delimiter included), or `nil` with `resume` moved to the end of the bytes.
    @inlinable
    @inline(__always)
    internal static func scanUnlimited(
        _ p: UnsafeRawBufferPointer,
        delimiter: UInt8,
        resume: inout Int
    ) -> Int? {
        let n = p.count
        let from = resume
        var found: Int? = nil
        if n &- from == 1 {
            // One new byte (a stream fed a byte at a time): one compare, no loop.
            if p[unchecked: from] != delimiter {
                resume = n
                return nil
            }
            return n
        }
        // The unsigned tests below also mean `from <= n` (`resume` is never negative), so every
        // offset read is in bounds.
        if ByteSearch.hasMemchr && UInt(bitPattern: n &- from) >= UInt(ByteSearch.memchrThreshold) {
            // Many new bytes (a stream read in chunks): memchr with no other test first. `p`
            // holds bytes, so it has a base.
            found = ByteSearch.memchrIndex(of: delimiter, in: p.baseAddress.unsafelyUnwrapped, from: from, to: n)
        } else if UInt(bitPattern: n &- from) <= 8 {
            found = plainIndex(of: delimiter, in: p, from: from, to: n)
        } else {
            found = ByteSearch.firstIndexOutliningWords(of: delimiter, in: p, from: from, to: n)
        }
        guard let found else {
            resume = n
            return nil
        }
        return found &+ 1
    }

    /// A stream fed a few bytes at a time: a plain loop over the new ones, no call;
    /// `from..<to` inside `p`.
    @inlinable
    @inline(__always)
    internal static func plainIndex(of delimiter: UInt8, in p: UnsafeRawBufferPointer, from: Int, to n: Int) -> Int? {
        var i = from
        while i < n {
            if p[unchecked: i] == delimiter { return i }
            i &+= 1
        }
        return nil
    }

    /// With `packet_size` or `line_length` set (a 0 is no limit).
    @inlinable
    internal static func scanLimited(
        _ p: UnsafeRawBufferPointer,
        delimiter: UInt8,
        packetSize: Int,
        lineLength: Int,
        resume: inout Int
    ) -> ScanStep {
        let n = p.count
        // Past `packet_size` (or, without it, past `line_length`) the answer no longer depends on
        // where the delimiter is, so the search stops there.
        let limit = packetSize != 0 ? packetSize : (lineLength != 0 ? lineLength : n)
        let window = Swift.min(n, limit)
        let start = Swift.min(resume, window)
        if let found = ByteSearch.firstIndexOutliningWords(of: delimiter, in: p, from: start, to: window) {
            let length = found + 1
            if lineLength != 0 && length > lineLength {
                return .packet(bodyStart: 0, bodyEnd: lineLength, length: lineLength)
            }
            return .packet(bodyStart: 0, bodyEnd: length, length: length)
        }
        resume = window
        if packetSize != 0 && n > packetSize {
            return .invalid(ScanFailure(.lineTooLong, .line, limit: UInt64(packetSize)))
        }
        if lineLength != 0 && n >= lineLength {
            return .packet(bodyStart: 0, bodyEnd: lineLength, length: lineLength)
        }
        return .needMore(total: 0)
    }
}

extension UnsafeRawBufferPointer {
    /// The byte at `offset`, which the caller has checked is within the buffer.
    @inlinable
    @inline(__always)
    internal subscript(unchecked offset: Int) -> UInt8 {
        baseAddress.unsafelyUnwrapped.load(fromByteOffset: offset, as: UInt8.self)
    }
}
