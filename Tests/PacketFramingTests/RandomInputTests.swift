import TestSupport
import Testing

@testable import PacketFraming

/// Random and mutated inputs: every answer is a packet inside the input, a need-more, or an
/// error, never a trap; and the framer, chunked at random, agrees with the codec loop.
@Suite struct RandomInputTests {
    static func randomOptions(_ type: PacketType, _ rng: inout SplitMix) -> PacketOptions {
        var options = PacketOptions()
        if Bool.random(using: &rng) { options.packetSize = UInt32([0, 1, 3, 8, 64, 1000].randomElement(using: &rng)!) }
        if type == .line && Bool.random(using: &rng) {
            options.lineLength = UInt32([0, 1, 2, 5, 100].randomElement(using: &rng)!)
        }
        if type == .line && Bool.random(using: &rng) {
            options.lineDelimiter = [0, 10, 59, 255].randomElement(using: &rng)!
        }
        return options
    }

    /// Random bytes biased towards what headers look for.
    static func randomInput(_ type: PacketType, _ rng: inout SplitMix) -> [UInt8] {
        let count = Int.random(in: 0...40, using: &rng)
        var bytes = Samples.randomBytes(count, &rng)
        if !bytes.isEmpty && Bool.random(using: &rng) {
            // Start from a valid packet and mutate it.
            bytes = Samples.packet(type, payload: Array(bytes.prefix(Int.random(in: 0...20, using: &rng))))
            for _ in 0..<Int.random(in: 0...3, using: &rng) where !bytes.isEmpty {
                bytes[Int.random(in: 0..<bytes.count, using: &rng)] = [0, 1, 3, 0x1F, 0x7F, 0x80, 0xFF, 10]
                    .randomElement(using: &rng)!
            }
            if Bool.random(using: &rng) { bytes = Array(bytes.prefix(Int.random(in: 0...bytes.count, using: &rng))) }
        }
        return bytes
    }

    @Test(arguments: PacketType.allCases)
    func hundredThousandRandomInputsNeverTrap(_ type: PacketType) {
        var rng = SplitMix(seed: 0xC0FFEE &+ UInt64(PacketType.allCases.firstIndex(of: type)!))
        var packets = 0
        for _ in 0..<100_000 {
            let input = Self.randomInput(type, &rng)
            let codec = PacketCodec(uncheckedForTests: type, options: Self.randomOptions(type, &rng))
            switch codec.scan(PacketBuffer(input)) {
            case .packet(let body, let length):
                packets += 1
                #expect(body.lowerBound >= 0 && body.upperBound <= length && length <= input.count && length > 0)
            case .needMore(let total):
                if let total { #expect(total > input.count) }
            case .invalid(let error):
                #expect(error.code == .invalidPacket || error.code == .packetTooLarge)
            }
        }
        #expect(packets > 0)
    }

    // `http`/`http_bin` are left out: the framer keeps Erlang's http state (headers after a start
    // line) where the stateless codec always expects a start line.
    @Test(arguments: PacketType.allCases.filter { $0 != .raw && $0 != .http && $0 != .httpBin })
    func framerAgreesWithTheCodecLoopOnRandomStreams(_ type: PacketType) {
        var rng = SplitMix(seed: 7 &+ UInt64(PacketType.allCases.firstIndex(of: type)!))
        for round in 0..<2_000 {
            var stream: [UInt8] = []
            let options = Self.randomOptions(type, &rng)
            for _ in 0..<Int.random(in: 1...6, using: &rng) {
                if Int.random(in: 0..<8, using: &rng) == 0 {
                    stream += Self.randomInput(type, &rng)
                } else {
                    stream += Samples.packet(
                        type,
                        payload: Samples.randomBytes(Int.random(in: 0...30, using: &rng), &rng),
                        options: options
                    )
                }
            }
            // With both line_length and packet_size, and line_length <= packet_size, Erlang's own
            // answer depends on how many bytes are at hand (a cut line from a short buffer, an
            // error from a long one): there is no chunk-independent answer to compare with.
            if options.lineLength != 0 && options.packetSize != 0 && options.lineLength <= options.packetSize {
                continue
            }
            let reference = codecLoop(stream, type, options)
            let maxChunk = Int.random(in: 1...16, using: &rng)
            let chunked = framed(
                stream, type, options, chunks: { Int.random(in: 1...maxChunk, using: &$0) }, seed: UInt64(round))
            #expect(chunked.0 == reference.0, "round \(round): \(Hex.encode(stream)) \(options)")
            #expect(chunked.1 == reference.1, "round \(round): \(Hex.encode(stream)) \(options)")
            if chunked.0 != reference.0 || chunked.1 != reference.1 { return }
        }
    }

    @Test func encoderRoundTripsThroughTheCodec() throws {
        var rng = SplitMix(seed: 99)
        for type in [PacketType.length1, .length2, .length4] {
            let encoder = PacketEncoder(type)
            let codec = try PacketCodec(type)
            for _ in 0..<1_000 {
                let maximum = type == .length1 ? 255 : 3000
                let payload = Samples.randomBytes(Int.random(in: 0...maximum, using: &rng), &rng)
                let encoded = try encoder.encode(payload)
                #expect(encoded.count == payload.count + type.lengthHeaderSize!)
                guard case .packet(let packet, let rest) = codec.decode(encoded) else {
                    Issue.record("\(type) did not decode its own encoding")
                    return
                }
                #expect(packet.bytes == payload)
                #expect(rest.isEmpty)
            }
        }
    }

    @Test func encoderRefusesWhatTheHeaderCannotHold() throws {
        #expect(throws: PacketError(code: .payloadTooLarge, reason: "")) {
            try PacketEncoder(.length1).encode([UInt8](repeating: 0, count: 256))
        }
        #expect(throws: PacketError(code: .payloadTooLarge, reason: "")) {
            try PacketEncoder(.length2).encode([UInt8](repeating: 0, count: 65536))
        }
        #expect(try PacketEncoder(.length2).encode([UInt8](repeating: 0, count: 65535)).count == 65537)
        #expect(try PacketEncoder(.line).encode(Array("x\n".utf8)).bytes == Array("x\n".utf8))
        var out = PacketBuffer()
        #expect(throws: PacketError.self) { try PacketEncoder(.length1).writeHeader(payloadLength: 300, into: &out) }
        #expect(out.isEmpty)
        try PacketEncoder(.length4).writeHeader(payloadLength: 0x0102_0304, into: &out)
        #expect(out.bytes == [1, 2, 3, 4])
    }

    @Test func optionErrorsNameTheOptionAndValue() {
        #expect(throws: PacketError(code: .badOption, reason: "")) { try PacketOptions.checked(packetSize: -1) }
        do {
            _ = try PacketOptions.checked(lineDelimiter: 300)
            Issue.record("a delimiter of 300 was accepted")
        } catch {
            #expect(error.reason.contains("line_delimiter=300"))
        }
        do {
            _ = try PacketCodec(.length4, options: PacketOptions(lineDelimiter: 10))
            Issue.record("a delimiter was accepted for type 4")
        } catch {
            #expect(error.code == .badOption)
            #expect(error.reason.contains("line_delimiter"))
        }
    }
}
