import ArgumentParser
import PacketConform
import PacketFraming
import PacketInet

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `packetcat conform`: the batch formats that tests diff against the real Erlang.
struct ConformCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conform",
        abstract: "Answer batches of questions exactly as Erlang/OTP prints the answers.",
        discussion: """
            One output line per input line, in order, each what Erlang prints with ~w for the same \
            question; a malformed line prints badarg and the run goes on. Tests run the same \
            batch through packetcat and through erl and compare the outputs byte for byte.
            """,
        subcommands: [ConformPacket.self, ConformStream.self, ConformInet.self]
    )
}

/// `packetcat conform packet`.
struct ConformPacket: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "packet",
        abstract: "For each line TYPE OPTS HEX, print ~w of erlang:decode_packet(TYPE, BYTES, OPTS).",
        discussion: """
            TYPE: raw 0 1 2 4 asn1 cdr sunrm fcgi tpkt line http http_bin httph httph_bin.
            OPTS: - or a comma-separated list of packet_size=N, line_length=N, line_delimiter=N \
            (decimal, in Erlang's order, possibly out of range).
            HEX:  the bytes in lowercase hex, or - for none.
            Prints badarg where Erlang raises an exception.

            Example:
              echo '1 - 03010203' | packetcat conform packet
              prints {ok,<<1,2,3>>,<<>>}
            """
    )

    @Argument(help: "The batch file; '-' or nothing reads standard input.")
    var file: String?

    func run() throws {
        try ConformSession.run(mode: .packet, path: file)
    }
}

/// `packetcat conform stream`.
struct ConformStream: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stream",
        abstract: "For each line TYPE OPTS HEX, print what gen_tcp:recv returns on that stream.",
        discussion: """
            HEX is a whole byte stream sent to a passive {packet, TYPE} socket that then closes. \
            Prints, space-separated, ~w of each successive gen_tcp:recv(Socket, 0) result: \
            {ok,Packet} per packet, then {error,closed} at the end or {error,emsgsize} for a packet \
            that can never be framed. TYPE is any but raw/0; OPTS is - or packet_size=N, and \
            line_delimiter=N with line.

            Example:
              echo '2 - 000161000162' | packetcat conform stream
              prints {ok,<<97>>} {ok,<<98>>} {error,closed}
            """
    )

    @Argument(help: "The batch file; '-' or nothing reads standard input.")
    var file: String?

    func run() throws {
        try ConformSession.run(mode: .stream, path: file)
    }
}

/// `packetcat conform inet`.
struct ConformInet: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inet",
        abstract: "For each line FUNC ARG, print ~w of inet:FUNC(ARG).",
        discussion: """
            FUNC is parse_address, parse_strict_address, parse_ipv4_address, \
            parse_ipv4strict_address, parse_ipv6_address, parse_ipv6strict_address or ntoa. \
            For the parse functions ARG is the string's bytes in lowercase hex (- for empty); \
            for ntoa a comma-separated list of integers, passed as a tuple. \
            A malformed line or an exception prints badarg.

            Example:
              echo 'parse_address 3132372e31' | packetcat conform inet    # {ok,{127,0,0,1}}
            """
    )

    @Argument(help: "A file of batch lines (default: standard input).")
    var file: String?

    func run() throws(CLIError) {
        try ConformSession.run(mode: .inet, path: file)
    }
}

/// Answers a batch line by line as the input arrives, buffering the output.
struct ConformSession {
    let answerLine: (Substring) -> String
    var out: OutputBuffer
    /// The start of a line whose end has not arrived yet.
    private var pending: [UInt8] = []

    init(mode: Conform.Mode, out: OutputBuffer) {
        self.init(answer: { Conform.answer($0, mode: mode) }, out: out)
    }

    init(answer: @escaping (Substring) -> String, out: OutputBuffer) {
        self.answerLine = answer
        self.out = out
    }

    static func run(mode: Conform.Mode, path: String?) throws(CLIError) {
        try run(answer: { Conform.answer($0, mode: mode) }, path: path)
    }

    static func run(answer: @escaping (Substring) -> String, path: String?) throws(CLIError) {
        let input = try ByteInput(path: path)
        var session = ConformSession(answer: answer, out: OutputBuffer(fd: 1))
        try input.forEachPiece(readSize: 1 << 16) { (piece, short) throws(CLIError) -> Bool in
            session.feed(piece)
            if short { try session.out.flush() } else { try session.out.flushIfLarge() }
            return true
        }
        session.finish()
        try session.out.flush()
    }

    /// Answers every whole line in `bytes` (the end of the last one may come in the next call).
    mutating func feed(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress else { return }
        var start = 0
        while start < bytes.count {
            guard let hit = memchr(base + start, Int32(UInt8(ascii: "\n")), bytes.count - start) else {
                pending.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[start...]))
                return
            }
            let end = UnsafeRawPointer(hit) - base
            if pending.isEmpty {
                answer(UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
            } else {
                pending.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
                let line = pending
                pending.removeAll(keepingCapacity: true)
                line.withUnsafeBytes { answer($0) }
            }
            start = end + 1
        }
    }

    /// Feeds an array (tests).
    mutating func feed(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { feed($0) }
    }

    /// Answers a last line that had no newline.
    mutating func finish() {
        // A rest of only `\r` bytes is not a line (the shared lexical rules).
        guard pending.contains(where: { $0 != UInt8(ascii: "\r") }) else { return }
        let line = pending
        pending.removeAll()
        line.withUnsafeBytes { answer($0) }
    }

    private mutating func answer(_ line: UnsafeRawBufferPointer) {
        // Conform.answer strips the trailing `\r` bytes.
        let text = String(decoding: line, as: UTF8.self)
        out.append(answerLine(text[...]))
        out.append(UInt8(ascii: "\n"))
    }
}
