import ArgumentParser
import PacketConform
import PacketFraming

/// `packetcat split`: a byte stream cut into packets, as a `{packet, Type}` socket delivers them.
struct Split: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Cut a byte stream into packets, as a {packet, Type} socket delivers them.",
        discussion: """
            Feeds FILE (or standard input) through a PacketFramer in chunks of --chunk bytes and \
            prints every packet as it comes. The input is read piece by piece, so split works on \
            files of any size and on pipes. The packets do not depend on --chunk, except for raw, \
            where each chunk read is a packet (a socket delivers whatever has arrived).

            --format text prints '#N  TYPE  LENGTH bytes' and a hex-and-ASCII preview per packet, \
            then a summary with the bytes left over that never formed a packet. --format erlang \
            prints what successive gen_tcp:recv(Socket, 0) calls return on a passive socket after \
            the peer sent the stream and closed: {ok,Packet} per packet, then {error,closed} \
            (left-over bytes are dropped, as gen_tcp drops them).

            A packet that can never be framed (a bad header, or larger than --packet-size) stops \
            the run as it stops the socket: packets before it are printed ({error,emsgsize} in \
            erlang format), the reason goes to standard error and the exit status is 1. Unlike \
            decode, --line-delimiter is allowed with any type (sockets accept it; only line uses it). \
            --line-length is decode_packet's option, which sockets refuse: split applies it as \
            decode_packet does, cutting longer lines.

            The http types parse every line and follow the socket's http state: http and \
            http_bin expect a start line (request or status line), then headers up to the empty \
            line that ends them, then a start line again; httph and httph_bin expect headers only. \
            --format text prints one line per packet ('#1  request   GET / HTTP/1.1', \
            '#2  header    Host: example.com', '#3  end of headers'); --format erlang prints \
            {ok,HttpPacket} as gen_tcp:recv returns it ({ok,{http_request,'GET',{abs_path,<<47>>},{1,1}}} \
            with http_bin). A line longer than --packet-size (or, without it, --line-length or \
            --max-http-line) stops the run with {error,emsgsize}. A real socket without packet_size \
            has its own limit: its buffer option (the user-level receive buffer); --max-http-line \
            stands in for it and bounds split's memory on a line that never ends.

            Examples:
              printf '\\000\\003abc\\000\\001z' | packetcat split --type 2 --format erlang
              packetcat split --type 4 --packet-size 65536 capture.bin
              printf 'GET / HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n' | packetcat split --type http_bin
            """
    )

    @OptionGroup var framing: FramingOptions

    @Option(
        help: ArgumentHelp(
            "Feed the framer this many bytes at a time (default 65536); 1 drip-feeds byte by byte.",
            valueName: "n"
        )
    )
    var chunk: String?

    @Option(
        name: .customLong("max-http-line"),
        parsing: .unconditional,
        help: ArgumentHelp(
            "With the http types and neither --packet-size nor --line-length: the longest line (a header "
                + "with its continuation lines) accepted, in bytes (default 1048576; 0 = no limit).",
            valueName: "n"
        )
    )
    var maxHTTPLine: String?

    @Option(help: "How to print packets: text (for people) or erlang (gen_tcp:recv results, ~w).")
    var format: OutputFormat = .text

    @Argument(help: "The input file; '-' or nothing reads standard input.")
    var file: String?

    func run() throws {
        let type = try framing.packetType()
        let options = try framing.packetOptions()
        let chunkSize = try Self.chunkSize(chunk)
        let maximumHTTPLine = try Self.maximumHTTPLine(maxHTTPLine)
        let input = try ByteInput(path: file)
        var session = SplitSession(
            type: type,
            options: options,
            format: format,
            maximumHTTPLine: maximumHTTPLine,
            out: OutputBuffer(fd: 1)
        )
        // Read in large pieces whatever the chunk size; feed the framer `chunkSize` bytes at a time.
        let readSize = max(min(chunkSize, 1 << 24), 1 << 16)
        try input.forEachPiece(readSize: readSize) { (piece, short) throws(CLIError) -> Bool in
            let going = session.feed(piece, chunk: chunkSize)
            if short { try session.out.flush() } else { try session.out.flushIfLarge() }
            return going
        }
        let error = session.finish()
        try session.out.flush()
        if let error { throw error }
    }

    /// The `--chunk` value: 65536 by default, at least 1.
    static func chunkSize(_ text: String?) throws(CLIError) -> Int {
        guard let text else { return 1 << 16 }
        guard let value = DecimalArgument.parse(text), !value.overflowed, value.clamped >= 1 else {
            throw .usage("invalid --chunk \(text): must be a number of bytes from 1 up")
        }
        return value.clamped
    }

    /// The `--max-http-line` value: 1048576 by default, 0 for no limit.
    static func maximumHTTPLine(_ text: String?) throws(CLIError) -> Int {
        guard let text else { return SplitSession.defaultMaximumHTTPLine }
        guard let value = DecimalArgument.parse(text), !value.overflowed, value.clamped >= 0 else {
            throw .usage("invalid --max-http-line \(text): must be a number of bytes from 0 up (0 = no limit)")
        }
        return value.clamped
    }
}

/// One `split` run: a framer, the counts, and the output being built.
struct SplitSession {
    let format: OutputFormat
    private(set) var framer: PacketFramer
    var out: OutputBuffer
    /// Packets delivered so far.
    private(set) var packetCount = 0
    /// Their bytes (without stripped headers and padding; whole lines for the http types).
    private(set) var packetBytes = 0
    /// Input bytes fed to the framer.
    private(set) var inputBytes = 0
    /// The framing error that stopped the run, if one did.
    private(set) var failure: PacketError? = nil

    /// `--max-http-line` when not given: the framer's own default, 1 MiB.
    static let defaultMaximumHTTPLine = PacketFramer(.http).maximumHTTPPacketSize

    init(
        type: PacketType,
        options: PacketOptions,
        format: OutputFormat,
        maximumHTTPLine: Int = defaultMaximumHTTPLine,
        out: OutputBuffer
    ) {
        self.format = format
        self.framer = PacketFramer(type, options: options)
        self.framer.maximumHTTPPacketSize = maximumHTTPLine
        self.out = out
    }

    /// Feeds `bytes` in pieces of `chunk` bytes, printing every packet that completes. Returns
    /// `false` once the framer has failed (the rest of the input is of no use then).
    mutating func feed(_ bytes: UnsafeRawBufferPointer, chunk: Int) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let end = min(offset + chunk, bytes.count)
            framer.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[offset..<end]))
            inputBytes += end - offset
            offset = end
            if !drain() { return false }
        }
        return true
    }

    /// Feeds an array (tests).
    mutating func feed(_ bytes: [UInt8], chunk: Int) -> Bool {
        bytes.withUnsafeBytes { feed($0, chunk: chunk) }
    }

    /// Prints every whole packet in the framer; `false` when it fails.
    private mutating func drain() -> Bool {
        if failure != nil { return false }
        if framer.type.isHTTP { return drainHTTP() }
        while true {
            do {
                guard let packet = try framer.next() else { return true }
                packetCount += 1
                packetBytes += packet.count
                writePacket(packet)
            } catch {
                failure = error
                return false
            }
        }
    }

    /// ``drain()`` for the http types: parsed lines, in the socket's http state.
    private mutating func drainHTTP() -> Bool {
        while true {
            do {
                let buffered = framer.bufferedByteCount
                guard let packet = try framer.nextPacket()?.http else { return true }
                packetCount += 1
                packetBytes += buffered - framer.bufferedByteCount
                writeHTTPPacket(packet)
            } catch {
                failure = error
                return false
            }
        }
    }

    private mutating func writeHTTPPacket(_ packet: HTTPPacket) {
        switch format {
        case .erlang:
            ErlangTerm.tagged("ok", .http(packet, binary: framer.type.isBinaryHTTP)).write(to: &out.bytes)
            out.append(UInt8(ascii: "\n"))
        case .text:
            out.append("#\(packetCount)  ")
            if case .endOfHeaders = packet {
                out.append("end of headers\n")
            } else {
                let kind = HTTPText.kind(packet)
                out.append(kind)
                out.appendSpaces(10 - kind.count)
                out.append(HTTPText.summary(packet) + "\n")
            }
        }
    }

    private mutating func writePacket(_ packet: PacketBuffer) {
        switch format {
        case .erlang:
            ErlangTerm.received(packet).write(to: &out.bytes)
            out.append(UInt8(ascii: "\n"))
        case .text:
            out.append("#\(packetCount)  \(framer.type.erlangName)  \(counted(packet.count, "byte"))\n")
            Preview.write(packet, to: &out)
        }
    }

    /// Ends the stream: prints the closing line (`{error,closed}` or `{error,emsgsize}` in erlang
    /// format, the summary in text format) and returns the error to report, if framing failed.
    mutating func finish() -> CLIError? {
        if let failure {
            if format == .erlang {
                ErlangTerm.emsgsize.write(to: &out.bytes)
                out.append(UInt8(ascii: "\n"))
            }
            let at = inputBytes - framer.bufferedByteCount
            return .failure("stopped at input byte \(at) after \(counted(packetCount, "packet")): \(failure.reason)")
        }
        let leftover = framer.finish().count
        switch format {
        case .erlang:
            ErlangTerm.closed.write(to: &out.bytes)
            out.append(UInt8(ascii: "\n"))
        case .text:
            let rest =
                leftover == 0
                ? "no bytes left over" : "\(counted(leftover, "byte")) left over that never formed a packet"
            out.append("\(counted(packetCount, "packet")), \(counted(packetBytes, "byte")); \(rest)\n")
        }
        return nil
    }

    /// The whole output of `split` on `input` fed `chunk` bytes at a time, and the error (tests).
    static func run(
        _ input: [UInt8],
        type: PacketType,
        options: PacketOptions = PacketOptions(),
        format: OutputFormat,
        chunk: Int,
        maximumHTTPLine: Int = defaultMaximumHTTPLine
    ) -> (output: String, error: CLIError?) {
        var session = SplitSession(
            type: type,
            options: options,
            format: format,
            maximumHTTPLine: maximumHTTPLine,
            out: .memory()
        )
        _ = session.feed(input, chunk: chunk)
        let error = session.finish()
        return (session.out.text, error)
    }
}
