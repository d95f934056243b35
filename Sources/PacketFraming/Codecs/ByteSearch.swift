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
        // Eight bytes per step: a byte of `word ^ pattern` is zero where `byte` is. The lowest
        // flagged byte of the zero-byte test is always a true match (false flags only appear
        // above a true zero), so on little-endian words it gives the first occurrence.
        // Sixteen bytes per step while there are that many: one branch for two words.
        while end - i >= 16 {
            let a = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: i, as: UInt64.self)) ^ pattern
            let b = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)) ^ pattern
            let flagsA = (a &- ones) & ~a & highs
            let flagsB = (b &- ones) & ~b & highs
            if flagsA | flagsB != 0 {
                return flagsA != 0 ? i + flagsA.trailingZeroBitCount >> 3 : i + 8 + flagsB.trailingZeroBitCount >> 3
            }
            i += 16
        }
        while end - i >= 8 {
            let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: i, as: UInt64.self)) ^ pattern
            let flags = (word &- ones) & ~word & highs
            if flags != 0 {
                return i + flags.trailingZeroBitCount >> 3
            }
            i += 8
        }
        while i < end {
            if base.load(fromByteOffset: i, as: UInt8.self) == byte { return i }
            i += 1
        }
        return nil
    }
}
