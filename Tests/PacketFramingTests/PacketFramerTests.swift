import TestSupport
import Testing

@testable import PacketFraming

@Suite struct PacketFramerTests {
    static let framedTypes: [PacketType] = PacketType.allCases.filter { $0 != .raw && !$0.isHTTP }

    static func stream(_ type: PacketType, seed: UInt64) -> (stream: [UInt8], packets: [[UInt8]]) {
        var rng = SplitMix(seed: seed)
        var stream: [UInt8] = []
        var packets: [[UInt8]] = []
        for _ in 0..<40 {
            let size = [0, 1, 7, 64, 200, 1000].randomElement(using: &rng)!
            let payload = Samples.randomBytes(type == .length1 ? Swift.min(size, 255) : size, &rng)
            stream += Samples.packet(type, payload: payload)
            packets.append(Samples.delivered(type, payload: payload))
        }
        return (stream, packets)
    }

    @Test(arguments: framedTypes)
    func deliversTheSamePacketsHoweverTheStreamIsChunked(_ type: PacketType) {
        let (stream, expected) = Self.stream(type, seed: 42)
        let whole = framed(stream, type, PacketOptions(), chunks: { _ in Int.max })
        #expect(whole.0 == expected)
        #expect(whole.1 == .needMore(leftover: []))
        let drip = framed(stream, type, PacketOptions(), chunks: { _ in 1 })
        #expect(drip.0 == expected)
        for seed in 1...5 as ClosedRange<UInt64> {
            let random = framed(
                stream, type, PacketOptions(), chunks: { Int.random(in: 1...300, using: &$0) }, seed: seed)
            #expect(random.0 == expected)
            #expect(random.1 == .needMore(leftover: []))
        }
    }

    @Test(arguments: framedTypes)
    func everyPrefixOfAPacketNeedsMoreWithTheRightTotal(_ type: PacketType) throws {
        let payload = Array("0123456789abcdefghij".utf8)
        let packet = Samples.packet(type, payload: payload)
        let codec = try PacketCodec(type)
        let headerSize: Int? =
            switch type {
            case .length1: 1
            case .length2, .asn1: 2
            case .length4, .sunrm, .tpkt: 4
            case .fcgi: 8
            case .cdr: 12
            case .raw, .line, .http, .httpBin, .httph, .httphBin: nil
            }
        for cut in 0..<packet.count {
            let result = codec.scan(PacketBuffer(packet[..<cut]))
            if let headerSize, cut >= headerSize {
                #expect(result == .needMore(total: packet.count), "prefix of \(cut) bytes")
            } else {
                #expect(result == .needMore(total: nil), "prefix of \(cut) bytes")
            }
        }
        #expect(codec.scan(PacketBuffer(packet)) != .needMore(total: nil))
    }

    @Test(arguments: [PacketType.length1, .length2, .length4, .sunrm, .asn1, .cdr, .fcgi, .tpkt, .line])
    func packetSizeAcceptsUpToTheLimitAndRejectsBeyond(_ type: PacketType) throws {
        for length in [0, 1, 5, 100, 255] {
            let payload = [UInt8](repeating: 0x41, count: length)
            let packet = Samples.packet(type, payload: payload)
            // The limit counts what Erlang counts: the payload for header types (content plus
            // padding for fcgi), the whole line for line.
            let counted: Int =
                switch type {
                case .line: packet.count
                case .fcgi: packet.count - 8
                case .asn1: length
                case .cdr: length
                default: length
                }
            for limit in [counted, counted + 1] where limit > 0 {
                let codec = try PacketCodec(type, options: PacketOptions(packetSize: UInt32(limit)))
                guard case .packet = codec.scan(PacketBuffer(packet)) else {
                    Issue.record("\(type): \(counted) bytes refused with packet_size \(limit)")
                    continue
                }
            }
            if counted > 1 {
                let codec = try PacketCodec(type, options: PacketOptions(packetSize: UInt32(counted - 1)))
                guard case .invalid(let error) = codec.scan(PacketBuffer(packet)) else {
                    Issue.record("\(type): \(counted) bytes accepted with packet_size \(counted - 1)")
                    continue
                }
                #expect(error.code == .packetTooLarge)
            }
        }
    }

    @Test func rejectsAnOversizePacketAsSoonAsItsHeaderIsComplete() {
        var framer = PacketFramer(.length4, options: PacketOptions(packetSize: 1000))
        framer.append(contentsOf: [0, 0, 0x10] as [UInt8])
        #expect(throws: Never.self) { try framer.next() }
        framer.append(contentsOf: [0] as [UInt8])
        #expect(throws: PacketError(code: .packetTooLarge, reason: "")) { try framer.next() }
        // It stays failed, as a socket does.
        #expect(throws: PacketError(code: .packetTooLarge, reason: "")) { try framer.next() }
    }

    @Test func memoryFollowsTheBytesThatArrivedNotTheDeclaredLength() throws {
        var framer = PacketFramer(.length4)
        framer.append(contentsOf: [0x7F, 0xFF, 0xFF, 0x00] as [UInt8])  // declares about 2 GiB
        let chunk = [UInt8](repeating: 0xAB, count: 64 * 1024)
        for _ in 0..<128 {  // 8 MiB behind it
            framer.append(contentsOf: chunk)
            #expect(try framer.next() == nil)
        }
        #expect(framer.bufferedByteCount == 8 * 1024 * 1024 + 4)
        #expect(framer.buffer.storage.capacity <= 16 * 1024 * 1024)
    }

    @Test func dripFedLineIsScannedOnce() throws {
        var framer = PacketFramer(.line)
        let n = 100_000
        for _ in 0..<n {
            framer.append(0x61)
            #expect(try framer.next() == nil)
            // The framer remembers everything it searched: the next search starts at the end.
            #expect(framer.machine.resume == framer.bufferedByteCount)
        }
        framer.append(0x0A)
        #expect(try framer.next()?.count == n + 1)
    }

    /// The line search takes one of four ways by how many bytes arrived since it last looked
    /// (one, up to 8, up to 31, 32 and more: memchr): lines of lengths around those bounds, fed
    /// in every chunk size from 1 to 70 bytes and as one piece, copied in and framed in place,
    /// come out as the lines they were built from.
    @Test func lineSearchFindsEachEndHoweverManyBytesArrivedSinceItLooked() throws {
        let lengths = [1, 2, 7, 8, 9, 10, 31, 32, 33, 34, 63, 64, 65, 100, 1, 1, 40, 3]
        var stream: [UInt8] = []
        var expected: [[UInt8]] = []
        for (i, length) in lengths.enumerated() {
            let line = [UInt8](repeating: UInt8(0x61 + i), count: length - 1) + [0x0A]
            stream += line
            expected.append(line)
        }
        stream += [0x7A, 0x7A]  // an unfinished line stays buffered
        for chunk in Array(1...70) + [stream.count] {
            var appended = PacketFramer(.line)
            var inPlace = PacketFramer(.line)
            var fromAppend: [[UInt8]] = []
            var fromFeed: [[UInt8]] = []
            var offset = 0
            while offset < stream.count {
                let piece = Array(stream[offset..<min(offset + chunk, stream.count)])
                appended.append(contentsOf: piece)
                while let packet = try appended.next() { fromAppend.append(Array(packet)) }
                try piece.withUnsafeBytes { bytes in
                    try inPlace.feed(bytes) { fromFeed.append(Array($0)) }
                }
                offset += chunk
            }
            #expect(fromAppend == expected, "chunk \(chunk)")
            #expect(fromFeed == expected, "chunk \(chunk), in place")
            #expect(appended.bufferedByteCount == 2)
            #expect(inPlace.bufferedByteCount == 2)
        }
    }

    /// The drip-feed shortcut (a line's bytes appended one at a time answer `nil` without a
    /// search) against every other way bytes arrive or leave in the middle of a line: the
    /// packets are those of the whole stream framed at once.
    @Test func dripFedLineShortcutGivesWayToEveryOtherChange() throws {
        let text = Array("ab\ncdef\nghij\nkl\nmnopq\nrs\n".utf8)
        func bytes(_ packets: [PacketBuffer]) -> [[UInt8]] { packets.map { Array($0) } }
        // One byte as a socket read hands it over: a buffer of one byte.
        func drip(_ framer: inout PacketFramer, _ byte: UInt8) {
            withUnsafeBytes(of: byte) { framer.append(contentsOf: $0) }
        }
        // A copy taken in the middle of a line goes on by itself, and so does the original.
        var framer = PacketFramer(.line)
        var copy: PacketFramer? = nil
        var fromFramer: [PacketBuffer] = []
        for (i, byte) in text.enumerated() {
            drip(&framer, byte)
            if i == 5 { copy = framer }
            while let packet = try framer.next() { fromFramer.append(packet) }
        }
        #expect(
            bytes(fromFramer) == [
                Array("ab\n".utf8), Array("cdef\n".utf8), Array("ghij\n".utf8),
                Array("kl\n".utf8), Array("mnopq\n".utf8), Array("rs\n".utf8),
            ])
        var copied = try #require(copy)
        copied.append(contentsOf: Array("XY\nZ".utf8))
        #expect(try copied.next()?.string == "cdeXY\n")
        #expect(try copied.next() == nil)
        copied.append(0x0A)
        #expect(try copied.next()?.string == "Z\n")
        // A few bytes at once, a buffer, a read by count and a type change between single bytes.
        var mixed = PacketFramer(.line)
        drip(&mixed, 0x61)
        #expect(try mixed.next() == nil)
        mixed.append(contentsOf: Array("b\nc".utf8))
        #expect(try mixed.next()?.string == "ab\n")
        #expect(try mixed.next() == nil)
        mixed.append(contentsOf: PacketBuffer("\n"))
        #expect(try mixed.next()?.string == "c\n")
        drip(&mixed, 0x64)
        #expect(try mixed.next() == nil)
        #expect(mixed.read(exactly: 1)?.string == "d")
        drip(&mixed, 0x0A)
        #expect(try mixed.next()?.string == "\n")
        drip(&mixed, 0x65)
        #expect(try mixed.next() == nil)
        mixed.setType(.line, options: PacketOptions(lineDelimiter: 0x3B))
        drip(&mixed, 0x3B)
        #expect(try mixed.next()?.string == "e;")
        // Framing in place after a drip-fed byte.
        var fed = PacketFramer(.line)
        drip(&fed, 0x66)
        #expect(try fed.next() == nil)
        var inPlace: [String] = []
        try Array("g\nhi".utf8).withUnsafeBytes { chunk in
            try fed.feed(chunk) { inPlace.append(String(decoding: $0, as: UTF8.self)) }
        }
        #expect(inPlace == ["fg\n"])
        drip(&fed, 0x0A)
        #expect(try fed.next()?.string == "hi\n")
    }

    @Test func dripFedLongAsn1TagIsScannedOnce() throws {
        var framer = PacketFramer(.asn1)
        framer.append(0x1F)
        for _ in 0..<10_000 {
            framer.append(0x81)
            #expect(try framer.next() == nil)
        }
        #expect(framer.machine.resume >= 10_000)
        framer.append(contentsOf: [0x01, 0x01, 0x63] as [UInt8])
        #expect(try framer.next()?.count == 10_004)
    }

    @Test func waitsForADeclaredTotalWithoutRescanning() throws {
        var framer = PacketFramer(.length2)
        framer.append(contentsOf: [0x01, 0x00] as [UInt8])
        #expect(try framer.next() == nil)
        #expect(framer.machine.pendingTotal == 258)
        framer.append(contentsOf: [UInt8](repeating: 1, count: 255))
        #expect(try framer.next() == nil)
        framer.append(contentsOf: [1, 2] as [UInt8])
        #expect(try framer.next()?.count == 256)
        #expect(framer.bufferedByteCount == 1)
    }

    @Test func packetsAreSlicesOfTheFramersStorage() throws {
        var framer = PacketFramer(.length1)
        let input = PacketBuffer([3, 1, 2, 3, 2, 4, 5] as [UInt8])
        framer.append(contentsOf: input)
        let first = try #require(try framer.next())
        let second = try #require(try framer.next())
        #expect(first.sharesStorage(with: input))
        #expect(second.sharesStorage(with: input))
        #expect(first.bytes == [1, 2, 3] && second.bytes == [4, 5])
    }

    @Test func steadyStateReusesStorageWhenPacketsAreReleased() throws {
        var framer = PacketFramer(.length4)
        var chunk: [UInt8] = []
        for _ in 0..<100 { chunk += Samples.packet(.length4, payload: [UInt8](repeating: 9, count: 60)) }
        framer.append(contentsOf: chunk)
        while try framer.next() != nil {}
        let storage = ObjectIdentifier(framer.buffer.storage)
        for _ in 0..<50 {
            framer.append(contentsOf: chunk)
            var count = 0
            while let packet = try framer.next() {
                count += packet.count
            }
            #expect(count == 6000)
        }
        #expect(ObjectIdentifier(framer.buffer.storage) == storage)
    }

    @Test func switchingTypeKeepsBufferedBytes() throws {
        // A line, then a 2-byte-length packet, then raw bytes, all in one chunk: as with setopts.
        var framer = PacketFramer(.line)
        framer.append(contentsOf: Array("hello\n".utf8) + [0, 3, 0x61, 0x62, 0x63] + Array("tail".utf8))
        #expect(try framer.next()?.string == "hello\n")
        framer.setType(.length2)
        #expect(try framer.next()?.string == "abc")
        framer.setType(.raw)
        #expect(try framer.next()?.string == "tail")
        #expect(try framer.next() == nil)
    }

    @Test func errorIsForgottenAfterSetType() throws {
        var framer = PacketFramer(.tpkt)
        framer.append(contentsOf: Array("GET\n".utf8))
        #expect(throws: PacketError.self) { try framer.next() }
        framer.setType(.line)
        #expect(try framer.next()?.string == "GET\n")
    }

    @Test func aLatchedErrorKeepsEveryTypeOffItsFastPathUntilBytesAreTakenOrTheTypeChanges() throws {
        // 1/2/4 and `line` without limits have fast paths that skip the check for a latched
        // error: the error must still come back on every call, and the fast path after a reset.
        var length = PacketFramer(.length2, options: PacketOptions(packetSize: 2))
        length.append(contentsOf: [0, 3, 0x61, 0x62, 0x63, 0, 1, 0x64])
        #expect(throws: PacketError(code: .packetTooLarge, reason: "")) { try length.next() }
        #expect(throws: PacketError(code: .packetTooLarge, reason: "")) { try length.next() }
        #expect(length.read(exactly: 5)?.string == "\0\u{3}abc")
        #expect(try length.next()?.string == "d")
        var line = PacketFramer(.tpkt)
        line.append(contentsOf: Array("GET\n".utf8))
        #expect(throws: PacketError(code: .invalidPacket, reason: "")) { try line.next() }
        line.append(contentsOf: Array("x".utf8))
        #expect(throws: PacketError(code: .invalidPacket, reason: "")) { try line.next() }
        line.setType(.line)
        #expect(try line.next()?.string == "GET\n")
        line.append(contentsOf: Array("\n".utf8))
        #expect(try line.next()?.string == "x\n")
    }

    @Test func finishReportsBytesThatNeverFormedAPacket() throws {
        var framer = PacketFramer(.length2)
        framer.append(contentsOf: [0, 2, 1, 1, 0, 9, 1] as [UInt8])
        #expect(try framer.next()?.bytes == [1, 1])
        #expect(try framer.next() == nil)
        #expect(framer.finish().bytes == [0, 9, 1])
        #expect(framer.bufferedByteCount == 0)
    }

    @Test func cutsALineAsSoonAsLineLengthBytesAreThereEvenUnderPacketSize() throws {
        // decode_packet(line, <<"abcdef">>, [{packet_size,3},{line_length,2}]) is {error,invalid}
        // but on <<"ab">> it is {ok,<<"ab">>,<<>>}: the framer answers for the bytes at hand, as
        // a socket does for the segments it has received.
        var framer = PacketFramer(.line, options: PacketOptions(packetSize: 3, lineLength: 2))
        framer.append(contentsOf: Array("ab".utf8))
        #expect(try framer.next()?.string == "ab")
        framer.append(contentsOf: Array("cdef".utf8))
        #expect(throws: PacketError.self) { try framer.next() }
    }

    @Test func lineDelimiterAndLineLengthApplyInTheFramer() throws {
        var framer = PacketFramer(.line, options: PacketOptions(lineLength: 4, lineDelimiter: 0x3B))
        framer.append(contentsOf: Array("ab;cdefgh;".utf8))
        #expect(try framer.next()?.string == "ab;")
        #expect(try framer.next()?.string == "cdef")
        #expect(try framer.next()?.string == "gh;")
        #expect(try framer.next() == nil)
    }
}
