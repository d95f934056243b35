import ArgumentParser
import PacketConform
import PacketFraming

/// `packetcat decode`: one `erlang:decode_packet/3` on the whole input.
struct Decode: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run one erlang:decode_packet/3 on the whole input.",
        discussion: """
            Reads all of FILE (or standard input) and decodes the first packet in it, as \
            erlang:decode_packet(Type, Bytes, Options) does. --format erlang prints exactly what \
            io:format("~w~n", [Result]) prints in Erlang: {ok,Packet,Rest}, {more,Length}, \
            {more,undefined} or {error,invalid}. --format text prints the packet's size and a \
            hex-and-ASCII preview, or what is missing, or why the bytes are invalid.

            Invalid bytes and incomplete packets are answers, not failures: the exit status is 0 \
            for them. As in Erlang, --line-delimiter is refused (badarg) with any type but line.

            Examples:
              printf '\\003\\001\\002\\003' | packetcat decode --type 1 --format erlang
              packetcat decode --type 4 message.bin
            """
    )

    @OptionGroup var framing: FramingOptions

    @Option(help: "How to print the result: text (for people) or erlang (Erlang's ~w).")
    var format: OutputFormat = .text

    @Argument(help: "The input file; '-' or nothing reads standard input.")
    var file: String?

    func run() throws {
        let type = try framing.packetType()
        let options = try framing.packetOptions()
        let codec: PacketCodec
        do {
            codec = try PacketCodec(type, options: options)
        } catch {
            throw CLIError.usage(error.reason)
        }
        let input = try ByteInput(path: file).readAll()
        var out = OutputBuffer(fd: 1)
        DecodeReport.write(codec.decode(input), inputCount: input.count, type: type, format: format, to: &out)
        try out.flush()
    }
}

/// The printed forms of one `decode_packet` result.
enum DecodeReport {
    static func write(
        _ result: DecodedPacket,
        inputCount: Int,
        type: PacketType,
        format: OutputFormat,
        to out: inout OutputBuffer
    ) {
        switch format {
        case .erlang:
            ErlangTerm.decodePacket(result).write(to: &out.bytes)
            out.append(UInt8(ascii: "\n"))
        case .text:
            switch result {
            case .packet(let packet, let rest):
                out.append("packet: \(counted(packet.count, "byte")) (rest: \(counted(rest.count, "byte")))\n")
                Preview.write(packet, to: &out)
            case .needMore(let total?):
                out.append("need more: \(counted(total, "byte")) in all (have \(counted(inputCount, "byte")))\n")
            case .needMore(nil):
                out.append("need more: unknown total (have \(counted(inputCount, "byte")))\n")
            case .invalid(let error):
                out.append("invalid: \(error.reason)\n")
            }
        }
    }

    /// The printed form as a string (for tests).
    static func text(_ result: DecodedPacket, inputCount: Int, type: PacketType, format: OutputFormat) -> String {
        var out = OutputBuffer.memory()
        write(result, inputCount: inputCount, type: type, format: format, to: &out)
        return out.text
    }
}
