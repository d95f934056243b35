import TestSupport
import Testing

@testable import PacketFraming

/// `feed(_:each:)` frames chunks where they lie: the same packets, the same errors and the same
/// bytes left over as `append(contentsOf:)` and `next()`, however the stream is cut.
@Suite struct PacketFramerFeedTests {
    /// What a reader of one stream saw.
    struct Outcome: Equatable {
        var packets: [[UInt8]] = []
        var error: PacketError.Code? = nil
        var leftover: [UInt8] = []
    }

    /// The stream through `append` + `next()` in the chunks `sizes`.
    static func appending(_ stream: [UInt8], _ type: PacketType, _ options: PacketOptions, _ sizes: [Int]) -> Outcome {
        var framer = PacketFramer(type, options: options)
        var outcome = Outcome()
        var offset = 0
        for size in sizes {
            framer.append(contentsOf: stream[offset..<(offset + size)])
            offset += size
            do {
                while let packet = try framer.next() { outcome.packets.append(packet.bytes) }
            } catch {
                outcome.error = error.code
                break
            }
        }
        outcome.leftover = framer.finish().bytes
        return outcome
    }

    /// The stream through `feed` in the chunks `sizes`; every `mixEvery`-th chunk goes through
    /// `append` + `next()` instead, to show that the two mix. Also counts the packets handed
    /// over as views of the chunk itself (framed where they lay).
    static func feeding(
        _ stream: [UInt8], _ type: PacketType, _ options: PacketOptions, _ sizes: [Int], mixEvery: Int
    ) -> (Outcome, inPlace: Int) {
        var framer = PacketFramer(type, options: options)
        var outcome = Outcome()
        var inPlace = 0
        var offset = 0
        for (index, size) in sizes.enumerated() {
            let chunk = Array(stream[offset..<(offset + size)])
            offset += size
            do throws(PacketError) {
                if mixEvery > 0 && index % mixEvery == mixEvery - 1 {
                    framer.append(contentsOf: chunk)
                    while let packet = try framer.next() { outcome.packets.append(packet.bytes) }
                } else {
                    // A copy of its own, freed after the call (feed's views must not outlive it).
                    let bytes = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk.count, alignment: 1)
                    defer { bytes.deallocate() }
                    bytes.copyBytes(from: chunk)
                    let start = UnsafeRawPointer(bytes.baseAddress!)
                    try framer.feed(UnsafeRawBufferPointer(bytes)) { packet in
                        outcome.packets.append(Array(packet))
                        if let base = packet.baseAddress, base >= start, base < start + chunk.count { inPlace += 1 }
                    }
                }
            } catch {
                outcome.error = error.code
                break
            }
        }
        outcome.leftover = framer.finish().bytes
        return (outcome, inPlace)
    }

    static func randomStream(_ type: PacketType, _ options: PacketOptions, _ rng: inout SplitMix) -> [UInt8] {
        var stream: [UInt8] = []
        for _ in 0..<Int.random(in: 1...12, using: &rng) {
            if Int.random(in: 0..<10, using: &rng) == 0 {
                stream += RandomInputTests.randomInput(type, &rng)
            } else {
                // Mostly short packets, some long ones (a packet longer than the first 256-byte
                // step of completing a buffered one).
                let length =
                    Int.random(in: 0..<6, using: &rng) == 0
                    ? Int.random(in: 200...255, using: &rng) : Int.random(in: 0...40, using: &rng)
                stream += Samples.packet(type, payload: Samples.randomBytes(length, &rng), options: options)
            }
        }
        return stream
    }

    static func randomSizes(_ count: Int, _ rng: inout SplitMix) -> [Int] {
        let largest = [1, 3, 17, 64, 300, 2000].randomElement(using: &rng)!
        var sizes: [Int] = []
        var left = count
        while left > 0 {
            let size = Swift.min(left, Int.random(in: 1...largest, using: &rng))
            sizes.append(size)
            left -= size
        }
        return sizes
    }

    @Test(arguments: PacketType.allCases.filter { !$0.isHTTP })
    func feedingGivesWhatAppendingGives(_ type: PacketType) {
        var rng = SplitMix(seed: 41 &+ UInt64(PacketType.allCases.firstIndex(of: type)!))
        var packets = 0
        var inPlace = 0
        for round in 0..<2_000 {
            let options = RandomInputTests.randomOptions(type, &rng)
            let stream = Self.randomStream(type, options, &rng)
            let sizes = Self.randomSizes(stream.count, &rng)
            let reference = Self.appending(stream, type, options, sizes)
            let (fed, viewed) = Self.feeding(
                stream, type, options, sizes, mixEvery: [0, 0, 2, 3].randomElement(using: &rng)!)
            #expect(fed == reference, "round \(round): \(Hex.encode(stream)) \(options) chunks \(sizes)")
            if fed != reference { return }
            packets += reference.packets.count
            inPlace += viewed
        }
        // Many packets were handed over where they lay in the caller's chunk, not copied.
        #expect(inPlace * 8 > packets, "\(inPlace) of \(packets) packets in place")
    }

    @Test func feedHandsOverViewsOfTheCallersBytes() throws {
        var framer = PacketFramer(.length2)
        let read: [UInt8] = [0, 3, 0x61, 0x62, 0x63, 0, 2, 0x64]
        var lengths: [Int] = []
        var inside = true
        try read.withUnsafeBytes { bytes in
            try framer.feed(bytes) { packet in
                lengths.append(packet.count)
                inside =
                    inside && packet.baseAddress! >= bytes.baseAddress! && packet.baseAddress! < bytes.baseAddress! + 8
            }
        }
        #expect(lengths == [3])
        #expect(inside)
        #expect(framer.bufferedByteCount == 3)
        var last: [UInt8] = []
        try [UInt8(0x65), 0, 1, 0x66].withUnsafeBytes { bytes in
            try framer.feed(bytes) { last.append(contentsOf: $0) }
        }
        #expect(last == [0x64, 0x65, 0x66])
        #expect(framer.bufferedByteCount == 0)
    }

    @Test func feedRefusesTheHTTPTypes() {
        var framer = PacketFramer(.httpBin)
        let line = Array("GET / HTTP/1.1\r\n".utf8)
        #expect(throws: PacketError.self) {
            try line.withUnsafeBytes { bytes in try framer.feed(bytes) { _ in } }
        }
    }
}
