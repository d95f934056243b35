import PacketConform
import PacketFraming
import Testing

@testable import packetcat

/// `packetcat decode`: the erlang format must be what Erlang/OTP prints. The expected strings were
/// printed by `erl` (OTP 25): `io:format("~w~n", [erlang:decode_packet(T, B, O)])`.
@Suite struct DecodeTests {
    static let erlangVectors: [(PacketType, PacketOptions, [UInt8], String)] = [
        (.length1, PacketOptions(), [3, 1, 2], "{more,4}"),
        (.length1, PacketOptions(), [3, 1, 2, 3, 4], "{ok,<<1,2,3>>,<<4>>}"),
        (.length2, PacketOptions(), [0, 3, 97, 98, 99, 10], "{ok,<<97,98,99>>,<<10>>}"),
        (.length4, PacketOptions(), [0, 0, 0, 5, 104, 101], "{more,9}"),
        (.asn1, PacketOptions(), [48], "{more,undefined}"),
        (.cdr, PacketOptions(), Array("GIOX".utf8) + [1, 0, 0, 0, 0, 0, 0, 0], "{error,invalid}"),
        (.sunrm, PacketOptions(), [128, 0, 0, 2, 1, 2, 3], "{ok,<<128,0,0,2,1,2>>,<<3>>}"),
        (.tpkt, PacketOptions(), [3, 0, 0, 5, 9, 1], "{ok,<<3,0,0,5,9>>,<<1>>}"),
        (.fcgi, PacketOptions(), [1, 1, 0, 1, 0, 1, 2, 0, 7, 0, 0, 1], "{ok,<<1,1,0,1,0,1,2,0,7>>,<<1>>}"),
        (.raw, PacketOptions(), [], "{more,undefined}"),
        (.length4, PacketOptions(packetSize: 4), [0, 0, 0, 5, 1, 2, 3, 4, 5], "{error,invalid}"),
        (.line, PacketOptions(lineLength: 3), Array("abcdef\n".utf8), "{ok,<<97,98,99>>,<<100,101,102,10>>}"),
        (.line, PacketOptions(lineDelimiter: 59), Array("ab;cd".utf8), "{ok,<<97,98,59>>,<<99,100>>}"),
    ]

    @Test(arguments: 0..<erlangVectors.count)
    func erlangFormatIsWhatErlangPrints(_ index: Int) throws {
        let (type, options, bytes, expected) = Self.erlangVectors[index]
        let result = try PacketCodec(type, options: options).decode(bytes)
        let text = DecodeReport.text(result, inputCount: bytes.count, type: type, format: .erlang)
        #expect(text == expected + "\n")
    }

    @Test func textFormatForAPacket() throws {
        let bytes: [UInt8] = [0, 0, 0, 5] + Array("hello".utf8) + [0x21]
        let result = try PacketCodec(.length4).decode(bytes)
        #expect(
            DecodeReport.text(result, inputCount: bytes.count, type: .length4, format: .text) == """
                packet: 5 bytes (rest: 1 byte)
                    0000  68 65 6c 6c 6f                                    hello

                """
        )
    }

    @Test func textFormatForNeedMoreAndInvalid() throws {
        let more = try PacketCodec(.length1).decode([3, 1, 2])
        #expect(
            DecodeReport.text(more, inputCount: 3, type: .length1, format: .text)
                == "need more: 4 bytes in all (have 3 bytes)\n")
        let unknown = try PacketCodec(.asn1).decode([48])
        #expect(
            DecodeReport.text(unknown, inputCount: 1, type: .asn1, format: .text)
                == "need more: unknown total (have 1 byte)\n"
        )
        let invalid = try PacketCodec(.cdr).decode(Array("GIOX".utf8) + [1, 0, 0, 0, 0, 0, 0, 0])
        let text = DecodeReport.text(invalid, inputCount: 12, type: .cdr, format: .text)
        #expect(text.hasPrefix("invalid: "))
        #expect(text.contains("GIOP"))
    }

    @Test func lineDelimiterWithAnotherTypeIsRefusedBeforeReadingTheInput() throws {
        // The file does not exist: the option error must come first, as Erlang's badarg.
        let command = try Decode.parse(["--type", "tpkt", "--line-delimiter", "5", "/nonexistent/f"])
        let refusal = CLIError.usage("invalid option line_delimiter=5: only the line packet type takes a delimiter")
        #expect(throws: refusal) { try command.run() }
    }

    @Test func aMissingFileIsOneSentence() throws {
        let command = try Decode.parse(["--type", "4", "/nonexistent/x.bin"])
        #expect(throws: CLIError.failure("no such file: /nonexistent/x.bin")) { try command.run() }
    }
}
