import ArgumentParser
import PacketFraming

/// `packetcat sample` (and `packetcat` alone): a tour of every packet type.
struct Sample: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show a sample stream of every packet type cut into packets (the default command).",
        discussion: """
            Builds a small byte stream of realistic packets for each packet type (an Erlang term \
            behind a 4-byte length, an LDAP message in BER, a GIOP request, an ONC RPC call, \
            FastCGI records, an RDP connection request in TPKT, HTTP request lines, ...), runs \
            each through a PacketFramer and prints the packets as 'packetcat split' does. The http \
            types share one sample: a request and a response framed with http_bin, whose packets \
            are parsed lines, shown readably.
            """
    )

    @Option(
        help: ArgumentHelp(
            "Show only this packet type (Erlang name: \(PacketTypeArgument.validNames)).",
            valueName: "type"
        )
    )
    var type: String?

    /// The samples to show for `--type` (all of them without it); the four http types share the
    /// http_bin sample.
    static func streams(_ type: String?) throws(CLIError) -> [SampleStream] {
        guard let type else { return SampleStreams.all }
        let only = try PacketTypeArgument.parse(type)
        return SampleStreams.all.filter { $0.type == only || (only.isHTTP && $0.type.isHTTP) }
    }

    func run() throws {
        var out = OutputBuffer(fd: 1)
        SampleStreams.render(try Self.streams(type), to: &out)
        try out.flush()
    }
}

/// One sample: a byte stream of one packet type and what each packet in it is.
struct SampleStream: Sendable {
    let type: PacketType
    let bytes: [UInt8]
    /// What each packet is, in order.
    let labels: [String]
}

/// The bundled sample streams, built from their protocols' layouts.
enum SampleStreams {
    static let all: [SampleStream] = [raw, length1, length2, length4, asn1, cdr, sunrm, fcgi, tpkt, line, http]

    /// Preview rows per packet in the tour (the full preview has 4).
    static let previewRows = 2

    /// Prints the tour.
    static func render(_ streams: [SampleStream], to out: inout OutputBuffer) {
        out.append("packetcat: Erlang/OTP's packet framing for Swift, byte for byte.\n")
        out.append("Sample streams cut into packets by PacketFramer, as a {packet, Type} socket cuts them:\n")
        for stream in streams {
            if stream.type.isHTTP {
                renderHTTP(stream, to: &out)
                continue
            }
            var framer = PacketFramer(stream.type)
            framer.append(contentsOf: stream.bytes)
            var packets: [PacketBuffer] = []
            while let packet = try? framer.next() { packets.append(packet) }
            let leftover = framer.finish().count

            let name = stream.type.erlangName
            out.append("\n")
            heading(stream.type, to: &out)
            if leftover > 0 { out.append(" (\(counted(leftover, "byte")) left over)") }
            out.append("\n")
            for (i, packet) in packets.enumerated() {
                let label = i < stream.labels.count ? "  " + stream.labels[i] : ""
                out.append("  #\(i + 1)  \(name)  \(counted(packet.count, "byte"))\(label)\n")
                Preview.write(packet, indent: 6, maxRows: previewRows, to: &out)
            }
        }
        out.append("\nTry: packetcat split --type 4 FILE, packetcat decode --type asn1 --format erlang FILE,\n")
        out.append("     packetcat split --type http_bin --format erlang FILE.\n")
        out.append("More: packetcat --help\n")
    }

    /// `{packet, 4}          PacketType.length4   4-byte big-endian length, header stripped`, without
    /// the line end.
    private static func heading(_ type: PacketType, to out: inout OutputBuffer) {
        out.append(padded("{packet, \(type.erlangName)}", to: 21))
        out.append(padded(PacketTypeArgument.swiftName(type), to: 21))
        out.append(PacketTypeArgument.summary(type))
    }

    /// An http sample: one readable line per parsed packet, as `split --type http_bin` prints them,
    /// then the other http types, which frame the same way.
    private static func renderHTTP(_ stream: SampleStream, to out: inout OutputBuffer) {
        var framer = PacketFramer(stream.type)
        framer.append(contentsOf: stream.bytes)
        var packets: [HTTPPacket] = []
        while let packet = try? framer.nextPacket()?.http { packets.append(packet) }
        let leftover = framer.finish().count

        out.append("\n")
        heading(stream.type, to: &out)
        if leftover > 0 { out.append(" (\(counted(leftover, "byte")) left over)") }
        out.append("\n")
        for (i, packet) in packets.enumerated() {
            let label = i < stream.labels.count && !stream.labels[i].isEmpty ? "  (" + stream.labels[i] + ")" : ""
            out.append("  #\(i + 1)  ")
            if case .endOfHeaders = packet {
                out.append("end of headers\(label)\n")
            } else {
                let kind = HTTPText.kind(packet)
                out.append(padded(kind, to: 10) + HTTPText.summary(packet) + label + "\n")
            }
        }
        for type in PacketType.allCases where type.isHTTP && type != stream.type {
            heading(type, to: &out)
            out.append("\n")
        }
    }

    private static func padded(_ text: String, to width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }

    /// The tour as a string (for tests).
    static func text(_ streams: [SampleStream] = all) -> String {
        var out = OutputBuffer.memory()
        render(streams, to: &out)
        return out.text
    }

    // MARK: - The streams

    static let raw = SampleStream(
        type: .raw,
        bytes: Array("any bytes at all".utf8),
        labels: ["whatever had arrived"]
    )

    static let length1 = SampleStream(
        type: .length1,
        bytes: prefixed(1, "PING") + prefixed(1, "QUIT"),
        labels: ["a short command", "another"]
    )

    static let length2 = SampleStream(
        type: .length2,
        bytes: prefixed(2, #"{"op":"sub"}"#) + prefixed(2, #"{"op":"ping"}"#),
        labels: ["a JSON message", "another"]
    )

    /// `term_to_binary({ok, hello})` and `term_to_binary([1,2,3])`: Erlang's classic
    /// `{packet, 4}` payloads.
    static let length4 = SampleStream(
        type: .length4,
        bytes: prefixed(4, [131, 104, 2, 119, 2] + Array("ok".utf8) + [119, 5] + Array("hello".utf8))
            + prefixed(4, [131, 107, 0, 3, 1, 2, 3]),
        labels: ["term_to_binary({ok,hello})", "term_to_binary([1,2,3])"]
    )

    /// LDAP (RFC 4511) over TCP: a simple BindRequest and an UnbindRequest, each one BER SEQUENCE.
    static let asn1 = SampleStream(
        type: .asn1,
        bytes: ber(
            0x30,
            ber(0x02, [1])
                + ber(0x60, ber(0x02, [3]) + ber(0x04, Array("cn=admin".utf8)) + ber(0x80, Array("secret".utf8)))
        ) + ber(0x30, ber(0x02, [2]) + ber(0x42, [])),
        labels: ["LDAP BindRequest, simple, as cn=admin", "LDAP UnbindRequest"]
    )

    /// GIOP: a 1.0 Request (big-endian) calling `echo("hi")` on object key `Echo`, then a 1.2
    /// CloseConnection with the little-endian flag set.
    static let cdr: SampleStream = {
        var body: [UInt8] = []
        body += be32(0)  // service context: none
        body += be32(1)  // request id
        body += [1, 0, 0, 0]  // response expected, padding
        body += be32(4) + Array("Echo".utf8)  // object key
        body += be32(5) + Array("echo".utf8) + [0, 0, 0, 0]  // operation "echo", NUL, padding
        body += be32(0)  // requesting principal: none
        body += be32(3) + Array("hi".utf8) + [0]  // the argument, a CORBA string
        let request = Array("GIOP".utf8) + [1, 0, 0, 0] + be32(UInt32(body.count)) + body
        let close = Array("GIOP".utf8) + [1, 2, 1, 5, 0, 0, 0, 0]
        return SampleStream(
            type: .cdr,
            bytes: request + close,
            labels: ["GIOP 1.0 Request: Echo.echo(\"hi\")", "GIOP 1.2 CloseConnection, little-endian"]
        )
    }()

    /// ONC RPC (RFC 5531) calls to the portmapper, each one record in one last fragment.
    static let sunrm: SampleStream = {
        func call(xid: UInt32, procedure: UInt32, arguments: [UInt32]) -> [UInt8] {
            // xid, CALL, RPC version 2, program 100000 (portmapper) version 2, procedure,
            // AUTH_NULL credentials and verifier.
            let words: [UInt32] = [xid, 0, 2, 100_000, 2, procedure, 0, 0, 0, 0] + arguments
            let record = words.flatMap(be32)
            return be32(0x8000_0000 | UInt32(record.count)) + record
        }
        return SampleStream(
            type: .sunrm,
            bytes: call(xid: 1, procedure: 0, arguments: [])
                + call(xid: 2, procedure: 3, arguments: [100_003, 3, 6, 0]),
            labels: ["portmap NULL call, last fragment", "portmap GETPORT(nfs v3, tcp)"]
        )
    }()

    /// FastCGI: BEGIN_REQUEST, PARAMS with 6 bytes of padding (dropped), the empty PARAMS.
    static let fcgi: SampleStream = {
        func record(type: UInt8, content: [UInt8], padding: UInt8) -> [UInt8] {
            [1, type, 0, 1, UInt8(content.count >> 8), UInt8(content.count & 0xFF), padding, 0] + content
                + [UInt8](repeating: 0, count: Int(padding))
        }
        func pair(_ name: String, _ value: String) -> [UInt8] {
            [UInt8(name.utf8.count), UInt8(value.utf8.count)] + Array(name.utf8) + Array(value.utf8)
        }
        let params = pair("SCRIPT_NAME", "/index.php") + pair("REQUEST_METHOD", "GET")
        return SampleStream(
            type: .fcgi,
            bytes: record(type: 1, content: [0, 1, 1, 0, 0, 0, 0, 0], padding: 0)
                + record(type: 4, content: params, padding: UInt8((8 - params.count % 8) % 8))
                + record(type: 4, content: [], padding: 0),
            labels: ["BEGIN_REQUEST, responder, keep-conn", "PARAMS (padding dropped)", "PARAMS end"]
        )
    }()

    /// RDP over TPKT: an X.224 Connection Request with a cookie and a negotiation request, then an
    /// X.224 Data TPDU carrying an MCS Erect Domain Request.
    static let tpkt: SampleStream = {
        let rest = Array("Cookie: mstshash=admin\r\n".utf8) + [1, 0, 8, 0, 3, 0, 0, 0]
        let x224 = [UInt8(6 + rest.count), 0xE0, 0, 0, 0, 0, 0] + rest
        let request = [3, 0] + be16(UInt16(4 + x224.count)) + x224
        let data: [UInt8] = [0x02, 0xF0, 0x80, 0x04, 0x01, 0x00, 0x01, 0x00]
        return SampleStream(
            type: .tpkt,
            bytes: request + [3, 0] + be16(UInt16(4 + data.count)) + data,
            labels: ["X.224 Connection Request (RDP)", "X.224 Data: MCS Erect Domain"]
        )
    }()

    static let line = SampleStream(
        type: .line,
        bytes: Array("GET / HTTP/1.1\r\nHost: ietf.org\r\n\r\n".utf8),
        labels: ["request line", "header line", "end of headers"]
    )

    /// A conditional GET (with a folded header) and its 304 response, in one http_bin stream: after
    /// the end of the request's headers the socket expects a start line again.
    static let http = SampleStream(
        type: .httpBin,
        bytes: crlf([
            "GET /index.html HTTP/1.1", "Host: example.com", "User-Agent: packetcat/1.0", " (Swift)",
            #"If-None-Match: "v7""#, "",
            "HTTP/1.1 304 Not Modified", #"ETag: "v7""#, "Cache-Control: max-age=60", "",
        ]),
        labels: ["", "", "folded: one packet", "", "a start line next", "", "", "", ""]
    )

    // MARK: - Helpers

    /// Each line followed by CR LF.
    static func crlf(_ lines: [String]) -> [UInt8] {
        lines.flatMap { Array($0.utf8) + [13, 10] }
    }

    /// `payload` behind a `width`-byte big-endian length header.
    static func prefixed(_ width: Int, _ payload: [UInt8]) -> [UInt8] {
        (0..<width).reversed().map { UInt8(truncatingIfNeeded: payload.count >> ($0 * 8)) } + payload
    }

    static func prefixed(_ width: Int, _ payload: String) -> [UInt8] {
        prefixed(width, Array(payload.utf8))
    }

    /// A BER TLV with a short-form length (contents under 128 bytes).
    static func ber(_ tag: UInt8, _ contents: [UInt8]) -> [UInt8] {
        precondition(contents.count < 128)
        return [tag, UInt8(contents.count)] + contents
    }

    static func be32(_ v: UInt32) -> [UInt8] {
        [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)]
    }

    static func be16(_ v: UInt16) -> [UInt8] {
        [UInt8(v >> 8), UInt8(v & 0xFF)]
    }
}
