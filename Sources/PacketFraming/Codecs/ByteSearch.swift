#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Finding a byte in contiguous memory: the C library's `memchr` over long ranges (where the
/// platform has one), a word at a time (SWAR) over short ones and everywhere else.
@usableFromInline
internal enum ByteSearch {
    /// From this many bytes on, `firstIndex` calls the C library's `memchr` (vector code: 32 bytes
    /// a compare with AVX2, against 8 a word here). Below, the call and its set-up cost more than
    /// the few words. Measured with callgrind and the benchmark harness: see Benchmarks/README.md.
    @inlinable
    internal static var memchrThreshold: Int { 32 }

    @usableFromInline
    internal static let ones: UInt64 = 0x0101_0101_0101_0101

    @usableFromInline
    internal static let highs: UInt64 = 0x8080_8080_8080_8080

    /// The offset of the first `byte` in `p[start..<end]`, or `nil`.
    @inlinable
    internal static func firstIndex(of byte: UInt8, in p: UnsafeRawBufferPointer, from start: Int, to end: Int) -> Int?
    {
        guard start < end, let base = p.baseAddress else { return nil }
        if hasMemchr && end &- start >= memchrThreshold {
            // `start..<end` is inside `p`: memchr reads no byte past `end`.
            return memchrIndex(of: byte, in: base, from: start, to: end)
        }
        return swarIndex(of: byte, base: base, from: start, to: end)
    }

    /// ``firstIndex(of:in:from:to:)`` with the word loop as a call of its own: for a caller
    /// whose hot path lies elsewhere (the line framer fed a few bytes at a time), where the word
    /// loop's constants, inlined, would take registers from that path. `memchr` stays in line.
    @inlinable
    internal static func firstIndexOutliningWords(
        of byte: UInt8,
        in p: UnsafeRawBufferPointer,
        from start: Int,
        to end: Int
    ) -> Int? {
        guard start < end, let base = p.baseAddress else { return nil }
        if hasMemchr && end &- start >= memchrThreshold {
            // `start..<end` is inside `p`: memchr reads no byte past `end`.
            return memchrIndex(of: byte, in: base, from: start, to: end)
        }
        return outlinedSWARIndex(of: byte, base: base, from: start, to: end)
    }

    /// Whether the platform has a C library `memchr` for ``memchrIndex(of:in:from:to:)``.
    @inlinable
    internal static var hasMemchr: Bool {
        #if canImport(Glibc) || canImport(Musl) || canImport(Darwin)
        true
        #else
        false
        #endif
    }

    /// The offset of the first `byte` in `base[start..<end]`, or `nil`, by the C library's
    /// `memchr` (the word loop where there is none: callers test ``hasMemchr`` first); `start <
    /// end`, both inside the caller's buffer (memchr reads no byte past `end`).
    @inlinable
    @inline(__always)
    internal static func memchrIndex(of byte: UInt8, in base: UnsafeRawPointer, from start: Int, to end: Int) -> Int? {
        #if canImport(Glibc) || canImport(Musl) || canImport(Darwin)
        guard let found = memchr(base + start, Int32(byte), end &- start) else { return nil }
        return base.distance(to: UnsafeRawPointer(found))
        #else
        return swarIndex(of: byte, base: base, from: start, to: end)
        #endif
    }

    /// ``swarIndex(of:base:from:to:)`` as a call of its own.
    @inline(never)
    @usableFromInline
    internal static func outlinedSWARIndex(of byte: UInt8, base: UnsafeRawPointer, from start: Int, to end: Int) -> Int?
    {
        swarIndex(of: byte, base: base, from: start, to: end)
    }

    /// The offset of the first `byte` in `base[start..<end]`, or `nil`, a word at a time;
    /// `start < end`.
    @inlinable
    @inline(__always)
    internal static func swarIndex(of byte: UInt8, base: UnsafeRawPointer, from start: Int, to end: Int) -> Int? {
        var i = start
        let pattern = ones &* UInt64(byte)
        // Eight bytes per word: a byte of `word ^ pattern` is zero where `byte` is. The lowest
        // flagged byte of the zero-byte test is always a true match (false flags only appear
        // above a true zero), so on little-endian words it gives the first occurrence.
        @inline(__always)
        func flags(_ offset: Int) -> UInt64 {
            let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) ^ pattern
            return (word &- ones) & ~word & highs
        }
        // Thirty-two bytes per step while there are that many: one branch for four words (the
        // compiler pairs them into vector registers). Offsets stay within `p`, so `&+` is safe.
        while end &- i >= 32 {
            let a = flags(i)
            let b = flags(i &+ 8)
            let c = flags(i &+ 16)
            let d = flags(i &+ 24)
            if a | b | c | d != 0 {
                if a | b != 0 {
                    return a != 0 ? i &+ a.trailingZeroBitCount >> 3 : i &+ 8 &+ b.trailingZeroBitCount >> 3
                }
                return c != 0 ? i &+ 16 &+ c.trailingZeroBitCount >> 3 : i &+ 24 &+ d.trailingZeroBitCount >> 3
            }
            i &+= 32
        }
        while end &- i >= 8 {
            let a = flags(i)
            if a != 0 { return i &+ a.trailingZeroBitCount >> 3 }
            i &+= 8
        }
        while i < end {
            if base.load(fromByteOffset: i, as: UInt8.self) == byte { return i }
            i &+= 1
        }
        return nil
    }
}
