import Testing

@testable import PacketFraming

/// `ByteSearch.firstIndex` against a byte-by-byte loop, on both sides of the length from which it
/// calls the C library's `memchr`.
@Suite struct ByteSearchTests {
    /// The first `byte` in `bytes[start..<end]`, one byte at a time.
    static func naive(_ byte: UInt8, _ bytes: [UInt8], _ start: Int, _ end: Int) -> Int? {
        var i = start
        while i < end {
            if bytes[i] == byte { return i }
            i += 1
        }
        return nil
    }

    @Test(arguments: [UInt8(0x0A), 0x00, 0x80, 0xFF])
    func findsTheFirstByteInEveryWindow(_ byte: UInt8) {
        var generator = SystemRandomNumberGenerator()
        for count in [0, 1, 7, 8, 31, 32, 33, 63, 64, 65, 200, 4099] {
            for density in [0, 1, 40] {
                // `density` in 1000 bytes is `byte`; the others are anything else.
                let bytes = (0..<count).map { _ -> UInt8 in
                    if Int.random(in: 0..<1000, using: &generator) < density { return byte }
                    let other = UInt8.random(in: 0...254, using: &generator)
                    return other >= byte ? other &+ 1 : other
                }
                let starts = Set([0, 1, count / 3, max(count - 40, 0), max(count - 1, 0)]).filter { $0 <= count }
                bytes.withUnsafeBytes { p in
                    for start in starts {
                        for end in Set([count, max(count - 1, start), start + (count - start) / 2]) where end >= start {
                            #expect(
                                ByteSearch.firstIndex(of: byte, in: p, from: start, to: end)
                                    == Self.naive(byte, bytes, start, end),
                                "count \(count), \(start)..<\(end)")
                        }
                    }
                }
            }
        }
    }

    @Test func aByteJustPastTheEndIsNotFound() {
        for length in [1, 8, 31, 32, 33, 100, 5000] {
            let bytes = [UInt8](repeating: 0x61, count: length) + [0x0A]
            bytes.withUnsafeBytes { p in
                #expect(ByteSearch.firstIndex(of: 0x0A, in: p, from: 0, to: length) == nil)
                #expect(ByteSearch.firstIndex(of: 0x0A, in: p, from: 0, to: length + 1) == length)
                #expect(ByteSearch.firstIndex(of: 0x0A, in: p, from: length, to: length + 1) == length)
            }
        }
    }

    @Test func anEmptyOrBackwardRangeFindsNothing() {
        let bytes: [UInt8] = Array(repeating: 0x0A, count: 64)
        bytes.withUnsafeBytes { p in
            #expect(ByteSearch.firstIndex(of: 0x0A, in: p, from: 10, to: 10) == nil)
            #expect(ByteSearch.firstIndex(of: 0x0A, in: p, from: 40, to: 8) == nil)
        }
        [UInt8]().withUnsafeBytes { p in
            #expect(ByteSearch.firstIndex(of: 0x0A, in: p, from: 0, to: 0) == nil)
        }
    }
}
