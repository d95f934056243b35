import NIOCore
import NIOEmbedded
import NIOTestUtils
import PacketFraming
import PacketFramingNIO
import TestSupport
import Testing

@Suite struct PacketFrameDecoderTests {
    static func buffer(_ bytes: [UInt8]) -> ByteBuffer { ByteBuffer(bytes: bytes) }
    static func buffer(_ string: String) -> ByteBuffer { ByteBuffer(string: string) }

    /// Vectors per type (whole packets in, payloads out, as `erlang:decode_packet` gives them),
    /// fed by NIO's verifier whole, drip-fed and many at once.
    static let vectors: [(PacketType, [([UInt8], [[UInt8]])])] = [
        (
            .length1,
            [([3, 0x61, 0x62, 0x63], [[0x61, 0x62, 0x63]]), ([0], [[]]), ([1, 9, 2, 7, 7], [[9], [7, 7]])]
        ),
        (.length2, [([0, 2, 0x68, 0x69], [[0x68, 0x69]]), ([0, 0], [[]])]),
        (.length4, [([0, 0, 0, 3, 1, 2, 3], [[1, 2, 3]]), ([0, 0, 0, 1, 0xFF, 0, 0, 0, 0], [[0xFF], []])]),
        (.line, [(Array("hello\n".utf8), [Array("hello\n".utf8)]), (Array("\na\n".utf8), [[0x0A], [0x61, 0x0A]])]),
        (.asn1, [([0x04, 0x02, 0x61, 0x62], [[0x04, 0x02, 0x61, 0x62]]), ([0x30, 0x80], [[0x30, 0x80]])]),
        (.tpkt, [([3, 0, 0, 6, 0xAA, 0xBB], [[3, 0, 0, 6, 0xAA, 0xBB]])]),
        (.sunrm, [([0x80, 0, 0, 2, 7, 8], [[0x80, 0, 0, 2, 7, 8]])]),
        // fcgi: the padding (one byte here) is read but not delivered.
        (.fcgi, [([1, 5, 0, 1, 0, 2, 1, 0, 0x61, 0x62, 0x00], [[1, 5, 0, 1, 0, 2, 1, 0, 0x61, 0x62]])]),
        (
            .cdr,
            [
                (
                    Array("GIOP".utf8) + [1, 2, 0, 0, 0, 0, 0, 1, 0x7A],
                    [Array("GIOP".utf8) + [1, 2, 0, 0, 0, 0, 0, 1, 0x7A]]
                )
            ]
        ),
    ]

    @Test(arguments: vectors.map(\.0))
    func verifierAcceptsTheDecoder(_ type: PacketType) throws {
        let pairs = try #require(Self.vectors.first { $0.0 == type }).1.map { input, outputs in
            (Self.buffer(input), outputs.map(Self.buffer))
        }
        try ByteToMessageDecoderVerifier.verifyDecoder(inputOutputPairs: pairs) { PacketFrameDecoder(type) }
    }

    @Test func packetsAreSlicesOfTheBytesNIORead() throws {
        var decoder = PacketFrameDecoder(.length2)
        var input = Self.buffer([0, 3, 0x61, 0x62, 0x63, 0, 1])
        let packet = try #require(try decoder.decode(buffer: &input))
        #expect(packet == Self.buffer("abc"))
        #expect(input.readableBytes == 2)
        // Same storage: the slice's bytes are the input's bytes.
        let packetAddress = packet.withUnsafeReadableBytes { UInt(bitPattern: $0.baseAddress) }
        let inputAddress = input.withUnsafeReadableBytes { UInt(bitPattern: $0.baseAddress) }
        #expect(inputAddress - packetAddress == 3)
    }

    @Test func oversizePacketThrowsAsASocketAnswersEmsgsize() throws {
        let channel = EmbeddedChannel(
            handler: ByteToMessageHandler(PacketFrameDecoder(.length4, options: PacketOptions(packetSize: 4))))
        #expect(throws: PacketError(code: .packetTooLarge, reason: "")) {
            try channel.writeInbound(Self.buffer([0, 0, 0, 5, 1]))
        }
        _ = try? channel.finish()
    }

    @Test func invalidHeaderThrows() throws {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(PacketFrameDecoder(.tpkt)))
        #expect(throws: PacketError(code: .invalidPacket, reason: "")) {
            try channel.writeInbound(Self.buffer([2, 0, 0, 4]))
        }
        _ = try? channel.finish()
    }

    @Test func unfinishedPacketIsDroppedAtTheEndAsBySocket() throws {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(PacketFrameDecoder(.line)))
        try channel.writeInbound(Self.buffer("one\ntw"))
        #expect(try channel.readInbound(as: ByteBuffer.self) == Self.buffer("one\n"))
        #expect(try channel.finish().isClean)
    }

    @Test func unfinishedPacketCanBeLeftForTheHandlerToReport() throws {
        let channel = EmbeddedChannel(
            handler: ByteToMessageHandler(PacketFrameDecoder(.line, dropsUnfinishedPacketAtEnd: false)))
        try channel.writeInbound(Self.buffer("one\ntw"))
        #expect(try channel.readInbound(as: ByteBuffer.self) == Self.buffer("one\n"))
        #expect {
            try channel.finish()
        } throws: { error in
            guard case ByteToMessageDecoderError.leftoverDataWhenDone(let leftover) = error else { return false }
            return leftover == ByteBuffer(string: "tw")
        }
    }

    /// The handler and the framer give the same packets for the same random streams, the handler
    /// fed in random chunks through a pipeline, the framer whole.
    @Test(arguments: PacketType.allCases.filter { !$0.isHTTP && $0 != .raw })
    func handlerAgreesWithTheFramerOnRandomStreams(_ type: PacketType) throws {
        var rng = SplitMix(seed: 0xD1FF &+ UInt64(PacketType.allCases.firstIndex(of: type)!))
        var packets = 0
        for _ in 0..<300 {
            var options = PacketOptions()
            if Bool.random(using: &rng) { options.packetSize = [1, 8, 64].randomElement(using: &rng)! }
            var stream: [UInt8] = []
            for _ in 0..<Int.random(in: 1...8, using: &rng) {
                let payload = Samples.randomBytes(Int.random(in: 0...40, using: &rng), &rng)
                stream += Int.random(in: 0..<10, using: &rng) == 0 ? payload : Samples.packet(type, payload: payload)
            }
            // The framer, whole.
            var framer = PacketFramer(type, options: options)
            framer.append(contentsOf: stream)
            var expected: [[UInt8]] = []
            var expectedError: PacketError? = nil
            do {
                while let packet = try framer.next() { expected.append(packet.bytes) }
            } catch {
                expectedError = error
            }
            // The handler, in random chunks.
            let channel = EmbeddedChannel(handler: ByteToMessageHandler(PacketFrameDecoder(type, options: options)))
            var got: [[UInt8]] = []
            var gotError: PacketError? = nil
            var offset = 0
            while offset < stream.count && gotError == nil {
                let size = min(stream.count - offset, [1, 2, 5, 17, 100].randomElement(using: &rng)!)
                do {
                    try channel.writeInbound(Self.buffer(Array(stream[offset..<(offset + size)])))
                } catch let error as PacketError {
                    gotError = error
                }
                offset += size
                while let packet = try channel.readInbound(as: ByteBuffer.self) {
                    got.append(Array(packet.readableBytesView))
                }
            }
            _ = try? channel.finish()
            #expect(got == expected)
            #expect(gotError == expectedError)
            packets += expected.count
        }
        #expect(packets > 300)
    }

    // MARK: - Encoder

    @Test(arguments: [(PacketType.length1, [UInt8]([2])), (.length2, [0, 2]), (.length4, [0, 0, 0, 2]), (.line, [])])
    func encoderAddsTheHeader(_ type: PacketType, _ header: [UInt8]) throws {
        let channel = EmbeddedChannel(handler: MessageToByteHandler(PacketFrameEncoder(type)))
        try channel.writeOutbound(Self.buffer("hi"))
        let out = try #require(try channel.readOutbound(as: ByteBuffer.self))
        #expect(Array(out.readableBytesView) == header + Array("hi".utf8))
        #expect(try channel.finish().isClean)
    }

    @Test func encoderRefusesWhatTheHeaderCannotHold() throws {
        let channel = EmbeddedChannel(handler: MessageToByteHandler(PacketFrameEncoder(.length1)))
        #expect(throws: PacketError(code: .payloadTooLarge, reason: "")) {
            try channel.writeOutbound(Self.buffer([UInt8](repeating: 7, count: 256)))
        }
        #expect(try channel.readOutbound(as: ByteBuffer.self) == nil)
        _ = try? channel.finish()
    }
}
