/// Finding a byte in contiguous memory a word at a time (SWAR), the core library's `memchr`.
@usableFromInline
internal enum ByteSearch {
    @usableFromInline
    internal static let ones: UInt64 = 0x0101_0101_0101_0101

    @usableFromInline
    internal static let highs: UInt64 = 0x8080_8080_8080_8080

    /// The offset of the first `byte` in `p[start..<end]`, or `nil`.
    @inlinable
    internal static func firstIndex(of byte: UInt8, in p: UnsafeRawBufferPointer, from start: Int, to end: Int) -> Int?
    {
        guard start < end, let base = p.baseAddress else { return nil }
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
