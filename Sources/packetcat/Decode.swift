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

            The http types parse the line into Erlang's http terms: http and httph with strings, \
            which ~w prints as lists ({ok,{http_request,'GET',{abs_path,[47]},{1,1}},<<>>}), \
            http_bin and httph_bin with binaries; http and http_bin expect a start line, httph and \
            httph_bin a header (which is complete only once the next line has begun: a header may \
            continue on lines starting with a space or tab). --format text prints the line readably ('request: GET / HTTP/1.1', \
            'header: Content-Length (index 38) = "5"', 'end of headers', 'error: unparsable line \
            "..."') and the size of the rest.

            Invalid bytes and incomplete packets are answers, not failures: the exit status is 0 \
            for them. As in Erlang, --line-delimiter is refused (badarg) with any type but line.

            Examples:
              printf '\\003\\001\\002\\003' | packetcat decode --type 1 --format erlang
              packetcat decode --type 4 message.bin
              printf 'GET / HTTP/1.1\\r\\n' | packetcat decode --type http_bin --format erlang
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
        if type.isHTTP {
            DecodeReport.write(codec.decodeHTTP(input), inputCount: input.count, type: type, format: format, to: &out)
        } else {
            DecodeReport.write(codec.decode(input), inputCount: input.count, type: type, format: format, to: &out)
        }
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
            case .needMore(let total):
                writeNeedMore(total, inputCount: inputCount, to: &out)
            case .invalid(let error):
                out.append("invalid: \(error.reason)\n")
            }
        }
    }

    /// The printed forms of one `decode_packet` result for an HTTP type.
    static func write(
        _ result: DecodedHTTPPacket,
        inputCount: Int,
        type: PacketType,
        format: OutputFormat,
        to out: inout OutputBuffer
    ) {
        switch format {
        case .erlang:
            ErlangTerm.decodePacket(result, binary: type.isBinaryHTTP).write(to: &out.bytes)
            out.append(UInt8(ascii: "\n"))
        case .text:
            switch result {
            case .packet(let packet, let rest):
                out.append(HTTPText.describe(packet) + "\n")
                out.append("rest: \(counted(rest.count, "byte"))\n")
            case .needMore(let total):
                writeNeedMore(total, inputCount: inputCount, to: &out)
            case .invalid(let error):
                out.append("invalid: \(error.reason)\n")
            }
        }
    }

    /// The text line of a need-more, the same for every type.
    static func writeNeedMore(_ total: Int?, inputCount: Int, to out: inout OutputBuffer) {
        if let total {
            out.append("need more: \(counted(total, "byte")) in all (have \(counted(inputCount, "byte")))\n")
        } else {
            out.append("need more: unknown total (have \(counted(inputCount, "byte")))\n")
        }
    }

    /// The printed form as a string (for tests).
    static func text(_ result: DecodedHTTPPacket, inputCount: Int, type: PacketType, format: OutputFormat) -> String {
        var out = OutputBuffer.memory()
        write(result, inputCount: inputCount, type: type, format: format, to: &out)
        return out.text
    }

    /// The printed form as a string (for tests).
    static func text(_ result: DecodedPacket, inputCount: Int, type: PacketType, format: OutputFormat) -> String {
        var out = OutputBuffer.memory()
        write(result, inputCount: inputCount, type: type, format: format, to: &out)
        return out.text
    }
}
