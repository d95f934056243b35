import PacketConform
import PacketFraming
import Testing

@testable import packetcat

@Suite struct SplitTests {
    /// `printf '\x00\x03abc\x00\x01z' | packetcat split --type 2 --format erlang`; the expected
    /// lines are what `gen_tcp:recv(S, 0)` returned on a real `{packet, 2}` socket (OTP 25).
    @Test(arguments: [1, 2, 3, 65536])
    func erlangFormatIsWhatGenTcpReturns(_ chunk: Int) {
        let input: [UInt8] = [0, 3] + Array("abc".utf8) + [0, 1] + Array("z".utf8)
        let run = SplitSession.run(input, type: .length2, format: .erlang, chunk: chunk)
        #expect(run.output == "{ok,<<97,98,99>>}\n{ok,<<122>>}\n{error,closed}\n")
        #expect(run.error == nil)
        // A trailing incomplete packet is dropped, as gen_tcp drops it at close.
        let trailing = SplitSession.run(input + [0], type: .length2, format: .erlang, chunk: chunk)
        #expect(trailing.output == run.output)
    }

    /// `{packet, 4}, {packet_size, 1}` on a real socket: `{ok,<<104>>} {error,emsgsize}`.
    @Test(arguments: [1, 5, 65536])
    func oversizePacketStopsWithEmsgsize(_ chunk: Int) throws {
        let input: [UInt8] = [0, 0, 0, 1, 104, 0, 0, 0, 5] + Array("hello".utf8)
        let options = PacketOptions(packetSize: 1)
        let erlang = SplitSession.run(input, type: .length4, options: options, format: .erlang, chunk: chunk)
        #expect(erlang.output == "{ok,<<104>>}\n{error,emsgsize}\n")
        #expect(erlang.error?.status == 1)
        // Where the run stopped is split's; the reason after the colon is PacketError's own sentence.
        let message = erlang.error?.message ?? ""
        #expect(message.hasPrefix("stopped at input byte 5 after 1 packet: "))
        #expect(message.hasSuffix(" header declares 5 bytes, more than packet_size 1 allows"))
        let text = SplitSession.run(input, type: .length4, options: options, format: .text, chunk: chunk)
        #expect(text.output == "#1  4  1 byte\n    0000  68" + String(repeating: " ", count: 48) + "h\n")
        #expect(text.error == erlang.error)
    }

    @Test func textFormatNumbersPacketsAndSumsUp() {
        let input: [UInt8] = [0, 3] + Array("abc".utf8) + [0, 1] + Array("z".utf8) + [0, 9, 1, 2]
        let run = SplitSession.run(input, type: .length2, format: .text, chunk: 65536)
        #expect(
            run.output == """
                #1  2  3 bytes
                    0000  61 62 63                                          abc
                #2  2  1 byte
                    0000  7a                                                z
                2 packets, 4 bytes; 4 bytes left over that never formed a packet

                """
        )
        let clean = SplitSession.run(Array("a\n".utf8), type: .line, format: .text, chunk: 1)
        #expect(clean.output.hasSuffix("\n1 packet, 2 bytes; no bytes left over\n"))
        let nothing = SplitSession.run([], type: .line, format: .text, chunk: 1)
        #expect(nothing.output == "0 packets, 0 bytes; no bytes left over\n")
    }

    /// The packets do not depend on how the input is chunked (except raw).
    @Test(arguments: SampleStreams.all.filter { $0.type != .raw }.map(\.type))
    func outputDoesNotDependOnTheChunkSize(_ type: PacketType) {
        let sample = SampleStreams.all.first { $0.type == type }!
        // The sample three times over, and a few bytes of an unfinished packet.
        let input = sample.bytes + sample.bytes + sample.bytes + sample.bytes.prefix(3)
        for format in OutputFormat.allCases {
            let whole = SplitSession.run(input, type: type, format: format, chunk: 65536)
            #expect(whole.error == nil)
            for chunk in [1, 2, 3, 5, 8, 13, 64] {
                let pieces = SplitSession.run(input, type: type, format: format, chunk: chunk)
                #expect(pieces.output == whole.output, "\(type) \(format) chunk \(chunk)")
                #expect(pieces.error == nil)
            }
        }
        let erlang = SplitSession.run(input, type: type, format: .erlang, chunk: 7).output
        #expect(erlang.split(separator: "\n").count == 3 * sample.labels.count + 1)
    }

    @Test func splitAgreesWithConformStream() {
        // `conform stream` and `split --format erlang` answer the same question.
        for sample in SampleStreams.all where sample.type != .raw {
            let line = "\(sample.type.erlangName) - \(Hex.encode(sample.bytes))"
            let conform = Conform.answer(line[...], mode: .stream)
            let split = SplitSession.run(sample.bytes, type: sample.type, format: .erlang, chunk: 3).output
            #expect(split == conform.replacing(" ", with: "\n") + "\n")
        }
    }

    @Test func rawPacketsAreTheChunksRead() {
        let run = SplitSession.run(Array("abcdefg".utf8), type: .raw, format: .erlang, chunk: 3)
        #expect(run.output == "{ok,<<97,98,99>>}\n{ok,<<100,101,102>>}\n{ok,<<103>>}\n{error,closed}\n")
    }

    /// As on a real socket after `inet:setopts(S, [{packet, T}, {line_delimiter, $;}])` (OTP 25).
    @Test func lineDelimiterIsAllowedWithAnyTypeAndUsedByLine() throws {
        let options = PacketOptions(lineDelimiter: 59)
        let line = SplitSession.run(Array("a;b;c".utf8), type: .line, options: options, format: .erlang, chunk: 1)
        #expect(line.output == "{ok,<<97,59>>}\n{ok,<<98,59>>}\n{error,closed}\n")
        let two = SplitSession.run([0, 1, 59], type: .length2, options: options, format: .erlang, chunk: 1)
        #expect(two.output == "{ok,<<59>>}\n{error,closed}\n")
    }

    @Test func chunkMustBePositive() throws {
        #expect(try Split.chunkSize(nil) == 65536)
        #expect(try Split.chunkSize("1") == 1)
        #expect(throws: CLIError.usage("invalid --chunk 0: must be a number of bytes from 1 up")) {
            try Split.chunkSize("0")
        }
        #expect(throws: CLIError.self) { try Split.chunkSize("-5") }
        #expect(throws: CLIError.self) { try Split.chunkSize("lots") }
        #expect(throws: CLIError.self) { try Split.chunkSize("99999999999999999999999") }
    }

    @Test func largeStreamsFlushInPiecesAndLoseNothing() {
        // 20,000 packets of 0-255 bytes through {packet, 2}, fed in odd-sized chunks.
        var input: [UInt8] = []
        var expected = ""
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let payload = (0..<Int.random(in: 0...255, using: &generator)).map { _ in UInt8.random(in: 0...255) }
            input += [0, UInt8(payload.count)] + payload
            expected += ErlangTerm.received(PacketBuffer(payload)).formatted + "\n"
        }
        expected += "{error,closed}\n"
        #expect(SplitSession.run(input, type: .length2, format: .erlang, chunk: 4093).output == expected)
    }
}
