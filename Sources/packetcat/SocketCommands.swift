#if SwiftNIO
import ArgumentParser
import NIOCore
import NIOPosix
import PacketConform
import PacketFraming
import PacketInet
import PacketSocket

/// The flags `connect` and `listen` share: the socket's options and how to print.
struct SocketFlags: ParsableArguments {
    @Option(name: .customLong("type"), help: "The packet type, by its Erlang name (default raw).")
    var type: String = "raw"

    @Option(name: .customLong("packet-size"), help: "{packet_size, N}.")
    var packetSize: Int?

    @Option(name: .customLong("line-delimiter"), help: "{line_delimiter, N}: the byte ending a line, in decimal.")
    var lineDelimiter: Int?

    @Option(name: .customLong("active"), help: "{active, A}: false (the default), true, once, or N (1 or more).")
    var active: String = "false"

    @Option(name: .customLong("buffer"), help: "{buffer, N}.")
    var buffer: Int?

    @Option(name: .customLong("recbuf"), help: "{recbuf, N}.")
    var recbuf: Int?

    @Option(name: .customLong("sndbuf"), help: "{sndbuf, N}.")
    var sndbuf: Int?

    @Flag(name: .customLong("nodelay"), help: "{nodelay, true}.")
    var nodelay = false

    @Flag(name: .customLong("show-econnreset"), help: "{show_econnreset, true}: a peer's reset reads econnreset.")
    var showEconnreset = false

    @Option(name: .customLong("send"), help: "Send the bytes of FILE as one packet of the type first.")
    var send: String?

    @Flag(name: .customLong("stats"), help: "Passive and once modes: follow each line with inet:getstat(S).")
    var stats = false

    @Option(name: .customLong("format"), help: "text (for people) or erlang (one ~w term per line).")
    var format: OutputFormat = .text

    @Option(name: .customLong("timeout-ms"), help: "The bound of every wait, in milliseconds (default 5000).")
    var timeoutMilliseconds: Int = 5000

    func packetType() throws(CLIError) -> PacketType {
        try PacketTypeArgument.parse(type)
    }

    func activeMode() throws(CLIError) -> ActiveMode {
        switch active {
        case "false": return .passive
        case "true": return .always
        case "once": return .once
        default:
            guard let n = Int(active), (1...32767).contains(n) else {
                throw .usage("invalid --active \(active): must be false, true, once or a count from 1 to 32767")
            }
            return .count(n)
        }
    }

    /// The framing options, as `socket.escript` sets them.
    func framingOptions() throws(CLIError) -> [InetOption] {
        var options: [InetOption] = [.packet(try packetType())]
        if let packetSize { options.append(.packetSize(packetSize)) }
        if let lineDelimiter { options.append(.lineDelimiter(lineDelimiter)) }
        return options
    }

    /// The buffer options, in socket.escript's order (an explicit buffer wins over recbuf).
    var bufferOptions: [InetOption] {
        var options: [InetOption] = []
        if let recbuf { options.append(.recbuf(recbuf)) }
        if let sndbuf { options.append(.sndbuf(sndbuf)) }
        if let buffer { options.append(.buffer(buffer)) }
        if nodelay { options.append(.nodelay(true)) }
        if showEconnreset { options.append(.showEconnreset(true)) }
        return options
    }

    var timeout: Duration { .milliseconds(timeoutMilliseconds) }
}

/// Runs an async body from a synchronous command: the main thread waits, no cooperative-pool
/// thread does.
func runBlocking(_ body: @escaping @Sendable () async throws(CLIError) -> Void) throws(CLIError) {
    let loop = MultiThreadedEventLoopGroup.singleton.next()
    let promise = loop.makePromise(of: Void.self)
    promise.completeWithTask {
        do throws(CLIError) { try await body() } catch { throw error }
    }
    do { try promise.futureResult.wait() } catch let error as CLIError { throw error } catch {
        throw CLIError(message: "\(error)", status: 1)
    }
}

/// One socket session: prints what the owner of a `gen_tcp` socket sees.
struct SocketSession {
    let socket: TCPSocket
    let flags: SocketFlags
    let type: PacketType
    let mode: ActiveMode
    var out: OutputBuffer

    init(socket: TCPSocket, flags: SocketFlags, out: OutputBuffer = OutputBuffer(fd: 1)) throws(CLIError) {
        self.socket = socket
        self.flags = flags
        self.out = out
        self.type = try flags.packetType()
        self.mode = try flags.activeMode()
    }

    func term(_ packet: SocketPacket) -> ErlangTerm {
        switch packet {
        case .bytes(let bytes): .binary(PacketBuffer(bytes.readableBytesView))
        case .http(let http): ErlangTerm.http(http, binary: type.isBinaryHTTP)
        }
    }

    func statsTerm() -> ErlangTerm {
        do {
            let stats = try socket.statistics()
            return .tagged("ok", .list(stats.erlangList.map { .tuple([.atom($0.name), .integer($0.value)]) }))
        } catch {
            return .tagged("error", .atom(error.atom))
        }
    }

    mutating func line(_ term: ErlangTerm, text: String, stats: Bool) throws(CLIError) {
        switch flags.format {
        case .erlang:
            out.append(term.formatted)
            if stats {
                out.append(" ")
                out.append(statsTerm().formatted)
            }
        case .text:
            out.append(text)
            if stats, let s = try? socket.statistics() { out.append("  " + s.description) }
        }
        out.append("\n")
        try out.flush()
    }

    static func describe(_ packet: SocketPacket) -> String {
        switch packet {
        case .bytes(let bytes):
            "packet \(bytes.readableBytes) bytes: " + HTTPText.quoted(bytes.readableBytesView)
        case .http(let http): "http " + HTTPText.summary(http)
        }
    }

    /// Runs a session on `socket` printing to `out`, then closes the socket; returns `out`.
    static func run(_ socket: TCPSocket, flags: SocketFlags, out: OutputBuffer) async throws(CLIError) -> OutputBuffer {
        var session: SocketSession
        do throws(CLIError) {
            session = try SocketSession(socket: socket, flags: flags, out: out)
            try await session.run()
        } catch {
            await socket.close()
            throw error
        }
        await socket.close()
        return session.out
    }

    /// Sends the `--send` file, then prints until the end, as socket.escript does.
    mutating func run() async throws(CLIError) {
        if let path = flags.send {
            let bytes = try ByteInput(path: path).readAll()
            do { try await socket.send(Array(bytes)) } catch { throw CLIError(message: "send: \(error)", status: 1) }
        }
        if mode == .passive { try await runPassive() } else { try await runActive() }
    }

    mutating func runPassive() async throws(CLIError) {
        while true {
            do {
                let packet = try await socket.recv(timeout: flags.timeout)
                try line(.tagged("ok", term(packet)), text: Self.describe(packet), stats: flags.stats)
            } catch let error as InetError {
                try line(.tagged("error", .atom(error.atom)), text: "error \(error.atom)", stats: flags.stats)
                if error.code == .timeout { throw CLIError(message: "", status: 3) }
                return
            } catch let error as CLIError {
                throw error
            } catch {
                throw CLIError(message: "\(error)", status: 1)
            }
        }
    }

    mutating func runActive() async throws(CLIError) {
        let stats = flags.stats && mode == .once
        var iterator = socket.messages.makeAsyncIterator()
        while true {
            let next = await withTimeout(flags.timeout) { [iterator] in
                var copy = iterator
                let message = await copy.next()
                return (message, copy)
            }
            guard let (message, advanced) = next else {
                Terminal.error("no message within \(flags.timeoutMilliseconds) ms")
                throw CLIError(message: "", status: 3)
            }
            iterator = advanced
            guard let message else { return }
            switch message {
            case .data(let packet):
                let tag = packet.http == nil ? "tcp" : "http"
                try line(.tagged(tag, .atom("socket"), term(packet)), text: Self.describe(packet), stats: stats)
                if mode == .once { try await rearm(.once) }
            case .passive:
                try line(.tagged("tcp_passive", .atom("socket")), text: "passive", stats: stats)
                try await rearm(mode)
            case .error(let error):
                try line(
                    .tagged("tcp_error", .atom("socket"), .atom(error.atom)), text: "error \(error.atom)", stats: stats)
            case .closed:
                try line(.tagged("tcp_closed", .atom("socket")), text: "closed", stats: stats)
                return
            }
        }
    }

    func rearm(_ mode: ActiveMode) async throws(CLIError) {
        do { try await socket.setOptions([.active(mode)]) } catch {
            throw CLIError(message: "setopts: \(error)", status: 1)
        }
    }
}

/// The value of `body`, or `nil` when it takes longer than `timeout` (the body is cancelled).
func withTimeout<T: Sendable>(_ timeout: Duration, _ body: @escaping @Sendable () async -> T) async -> T? {
    await withTaskGroup(of: T?.self) { group in
        group.addTask { await body() }
        group.addTask {
            try? await Task.sleep(for: timeout)
            return nil
        }
        let first = await group.next() ?? nil
        group.cancelAll()
        return first
    }
}

/// `packetcat connect HOST PORT`.
struct Connect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Connect to HOST PORT and print what a gen_tcp socket's owner sees.",
        discussion: """
            Opens a TCP connection with the given options, as gen_tcp:connect(Host, Port, \
            [binary, {packet, Type}, {active, A}, ...]) does, sends --send FILE as one packet, \
            and prints, one per line: in passive mode (the default) each result of \
            gen_tcp:recv(S, 0) up to the first {error, _}; in active modes each message \
            ({tcp,socket,Data}, {http,socket,Packet}, {tcp_passive,socket}, \
            {tcp_error,socket,Reason}, {tcp_closed,socket}), re-arming once after each data \
            message and N after each tcp_passive, up to {tcp_closed,socket}. --format erlang \
            prints Erlang's ~w; --stats adds inet:getstat(S) after each line (passive and once).

            Exit status: 0 at the end, 3 when a wait passed --timeout-ms, 1 when the connection \
            failed, 64 for bad usage.

            Example:
              packetcat connect 127.0.0.1 4000 --type 4 --send request.bin --format erlang
            """
    )

    @Argument(help: "The host: an address or a name.")
    var host: String

    @Argument(help: "The port.")
    var port: Int

    @OptionGroup var flags: SocketFlags

    func run() throws {
        let flags = self.flags
        let (host, port) = (self.host, self.port)
        _ = try flags.framingOptions()
        _ = try flags.activeMode()
        try runBlocking { () throws(CLIError) in
            _ = try await Self.session(host: host, port: port, flags: flags, out: OutputBuffer(fd: 1))
        }
    }

    /// Connects, runs the session printing to `out`, closes; returns `out`.
    static func session(
        host: String, port: Int, flags: SocketFlags, out: OutputBuffer
    ) async throws(CLIError)
        -> OutputBuffer
    {
        let options = [.active(try flags.activeMode())] + (try flags.framingOptions()) + flags.bufferOptions
        let socket: TCPSocket
        do {
            socket = try await TCPSocket.connect(to: host, port: port, options: options, timeout: flags.timeout)
        } catch { throw CLIError(message: "connect to \(host) port \(port): \(error)", status: 1) }
        return try await SocketSession.run(socket, flags: flags, out: out)
    }
}

/// `packetcat listen PORT`.
struct Listen: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Accept connections on PORT and print what a gen_tcp socket's owner sees.",
        discussion: """
            Listens on 127.0.0.1 (--ip6: ::1) at PORT (0: the kernel picks; the first line on \
            standard error is 'listening PORT'), accepts --count connections one after another, \
            sets the framing options and the active mode on each, and prints for each what \
            'packetcat connect' prints.

            Example:
              packetcat listen 4000 --type line --active once --format erlang
            """
    )

    @Argument(help: "The port (0: any free port).")
    var port: Int

    @Option(name: .customLong("count"), help: "How many connections to accept (default 1).")
    var count: Int = 1

    @Flag(name: .customLong("ip6"), help: "Listen on ::1 instead of 127.0.0.1.")
    var ip6 = false

    @OptionGroup var flags: SocketFlags

    func run() throws {
        let flags = self.flags
        let (port, count, ip6) = (self.port, self.count, self.ip6)
        guard count >= 1 else { throw CLIError.usage("invalid --count \(count): must be 1 or more") }
        _ = try flags.framingOptions()
        _ = try flags.activeMode()
        try runBlocking { () throws(CLIError) in
            let listener = try await Self.open(port: port, ip6: ip6, flags: flags)
            defer { listener.close() }
            // The first line on standard error: how a harness learns the port.
            try Terminal.writeAll(2, Array("listening \((try? listener.port()) ?? 0)\n".utf8))
            _ = try await Self.serve(listener, flags: flags, count: count, out: OutputBuffer(fd: 1))
        }
    }
}

extension Listen {
    /// Accepts `count` connections on `listener` one after another and prints each session to
    /// `out`; returns `out` (its text, for an in-memory buffer).
    static func serve(
        _ listener: TCPListener, flags: SocketFlags, count: Int, out: OutputBuffer
    ) async throws(CLIError) -> OutputBuffer {
        let perSocket = (try flags.framingOptions()) + [.active(try flags.activeMode())]
        var out = out
        for _ in 0..<count {
            let socket: TCPSocket
            do { socket = try await listener.accept(timeout: flags.timeout) } catch {
                throw CLIError(message: "accept: \(error)", status: 3)
            }
            do { try await socket.setOptions(perSocket) } catch {
                throw CLIError(message: "setopts: \(error)", status: 1)
            }
            out = try await SocketSession.run(socket, flags: flags, out: out)
        }
        return out
    }

    /// The listening socket `listen` opens: on 127.0.0.1 or ::1, with the buffer options.
    static func open(port: Int, ip6: Bool, flags: SocketFlags) async throws(CLIError) -> TCPListener {
        let address: IPAddress = ip6 ? .v6(IPv6Address(high: 0, low: 1)) : .v4(IPv4Address(value: 0x7F00_0001))
        do {
            return try await TCPListener.listen(
                port: port, address: address, options: [.active(.passive), .reuseaddr(true)] + flags.bufferOptions)
        } catch { throw CLIError(message: "listen on port \(port): \(error)", status: 1) }
    }
}
#endif
