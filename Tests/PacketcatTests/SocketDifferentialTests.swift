import Foundation
import NIOCore
import PacketFraming
import PacketInet
import PacketSocket
import TestSupport
import Testing

@testable import packetcat

/// `packetcat listen` against the real `gen_tcp` (Tests/Oracle/socket.escript listen) on the
/// same streams, sent in the same chunks to both: every packet type, every active mode, getstat
/// after each packet (passive and once), a trailing unfinished packet, and packets over
/// `packet_size`. The lines must be equal; for `raw`/`0`, whose splits depend on how reads
/// fall, the bytes joined and the messages around them.
@Suite(.serialized) struct SocketDifferentialTests {
    static let oracle: String = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Oracle/socket.escript").path

    /// The chunkings each configuration is fed with, one connection each: 1 byte, 5 bytes, the
    /// whole stream.
    static let chunkings: [Int?] = [1, 5, nil]

    struct Config: Sendable, CustomStringConvertible {
        var type: PacketType
        var active: String
        var packetSize: Int? = nil

        var description: String { "\(type) active \(active)" + (packetSize.map { " packet_size \($0)" } ?? "") }

        var flags: [String] {
            var flags = ["--type", type.erlangName, "--active", active, "--format", "erlang", "--timeout-ms", "4000"]
            if type != .raw { flags.append("--stats") }
            if let packetSize { flags += ["--packet-size", String(packetSize)] }
            return flags
        }
    }

    /// A stream of several packets of `type`, ending with the first half of one more.
    static func stream(_ type: PacketType, seed: UInt64) -> [UInt8] {
        var rng = SplitMix(seed: seed)
        switch type {
        case .http, .httpBin:
            return Array(
                ("GET /a?b=1 HTTP/1.1\r\nHost: x\r\nX-Folded: 1\r\n 2\r\nContent-Length: 0\r\n\r\n"
                    + "POST http://h:8/p HTTP/1.0\r\nx-lower: y\r\n\r\nHTTP/1.1 404 Not Found\r\nServer: s\r\n\r\n"
                    + "not a start line\r\nGET / HT").utf8)
        case .httph, .httphBin:
            return Array("A: 1\r\nHost: x\r\n\r\nB: 2\r\nbad header line\r\n\r\nC: 3".utf8)
        default:
            var bytes: [UInt8] = []
            for _ in 0..<4 {
                let payload = Samples.randomBytes(Int(rng.next() % 40), &rng)
                bytes += Samples.packet(type, payload: payload)
            }
            let last = Samples.packet(type, payload: Samples.randomBytes(30, &rng))
            return bytes + last.prefix(last.count / 2)
        }
    }

    static var configs: [Config] {
        var configs: [Config] = []
        for type in PacketType.allCases {
            for active in ["false", "true", "once", "2"] { configs.append(Config(type: type, active: active)) }
        }
        for type in [PacketType.length2, .line, .asn1] {
            configs.append(Config(type: type, active: "false", packetSize: 16))
            configs.append(Config(type: type, active: "once", packetSize: 16))
        }
        return configs
    }

    @Test func packetcatListenPrintsWhatGenTcpGives() async throws {
        guard let escript = ErlangOracle.escript else {
            #expect(!ErlangOracle.required, "escript is needed in CI")
            return
        }
        let configs = Self.configs
        // A few configurations at a time: each runs an escript (about 0.5 s of CPU to start).
        var failures: [String] = []
        var index = 0
        while index < configs.count {
            let batch = configs[index..<min(index + 3, configs.count)]
            index += batch.count
            let results = try await withThrowingTaskGroup(of: String?.self) { group in
                for (offset, config) in batch.enumerated() {
                    let seed = UInt64(index * 10 + offset)
                    group.addTask { try await Self.compare(config, escript: escript, seed: seed) }
                }
                var found: [String] = []
                for try await result in group { if let result { found.append(result) } }
                return found
            }
            failures += results
        }
        #expect(failures.isEmpty, "\(failures.count) of \(configs.count) differ:\n\(failures.joined(separator: "\n"))")
    }

    /// Runs both receivers on the same chunked streams; a description of the difference, or nil.
    static func compare(_ config: Config, escript: String, seed: UInt64) async throws -> String? {
        let stream = Self.stream(config.type, seed: seed)
        let erlang = try await OracleProcess.start(
            escript, [oracle, "listen", "0", "--count", String(chunkings.count)] + config.flags)
        let erlangPort = try await erlang.port(afterPrefix: "listening ")
        let flags = try SocketFlags.parse(config.flags)
        let listener = try await Listen.open(port: 0, ip6: false, flags: flags)
        defer { listener.close() }
        let swiftPort = try listener.port()
        async let swiftOut = Listen.serve(listener, flags: flags, count: chunkings.count, out: .memory())
        for chunk in chunkings {
            async let a: Void = send(stream, chunk: chunk, port: erlangPort)
            async let b: Void = send(stream, chunk: chunk, port: swiftPort)
            _ = await (a, b)
        }
        let ours = try await swiftOut.text
        let theirs = try await erlang.output()
        let (left, right) = config.type == .raw ? (joined(theirs), joined(ours)) : (theirs, ours)
        if left == right { return nil }
        return "\(config) (stream \(stream.count) bytes):\n--- gen_tcp\n\(left)--- packetcat\n\(right)"
    }

    /// Sends `stream` in chunks of `chunk` bytes (1 ms apart), then closes.
    static func send(_ stream: [UInt8], chunk: Int?, port: Int) async {
        guard
            let socket = try? await TCPSocket.connect(
                to: "127.0.0.1", port: port, options: [.active(.passive), .nodelay(true)], timeout: .seconds(5))
        else { return }
        var offset = 0
        while offset < stream.count {
            let end = min(offset + (chunk ?? stream.count), stream.count)
            // A receiver that stopped on emsgsize closes: the rest is not needed.
            guard (try? await socket.send(stream[offset..<end])) != nil else { break }
            offset = end
            if chunk != nil { try? await Task.sleep(for: .milliseconds(1)) }
        }
        await socket.close()
    }

    /// For raw: the data of consecutive data lines joined, and for each connection whether a
    /// passive message followed every second data message (mode 2; the passive lines dropped).
    static func joined(_ text: String) -> String {
        var out: [String] = []
        var bytes: [String] = []
        var data = 0
        var passives = 0
        for line in text.split(separator: "\n") {
            if let range = line.range(of: "<<"), line.hasPrefix("{ok,<<") || line.hasPrefix("{tcp,socket,<<") {
                let inner = line[range.upperBound...].prefix { $0 != ">" }
                if !inner.isEmpty { bytes.append(String(inner)) }
                data += 1
            } else if line == "{tcp_passive,socket}" {
                passives += 1
            } else {
                if !bytes.isEmpty { out.append("data <<" + bytes.joined(separator: ",") + ">>") }
                out.append(String(line))
                // (Exact positions are checked by the framed types; mode 2 gives data / 2, the
                // others none.)
                let consistent = passives == 0 || passives == data / 2
                out.append(consistent ? "passive messages consistent" : "passive: \(passives) for \(data) data")
                (bytes, data, passives) = ([], 0, 0)
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// The other direction: `packetcat connect` against `socket.escript connect`, both
    /// connecting to a peer (this test) that first reads the packet each sent with `--send`,
    /// then sends the stream a byte at a time and closes.
    @Test func packetcatConnectPrintsWhatGenTcpGives() async throws {
        guard let escript = ErlangOracle.escript else {
            #expect(!ErlangOracle.required, "escript is needed in CI")
            return
        }
        let payload = Array("request".utf8)
        let sendFile = FileManager.default.temporaryDirectory.appendingPathComponent("send-\(UUID().uuidString)")
        try Data(payload).write(to: sendFile)
        defer { try? FileManager.default.removeItem(at: sendFile) }
        var failures: [String] = []
        for (index, type) in PacketType.allCases.enumerated() {
            for active in ["false", "once"] {
                let config = Config(type: type, active: active)
                let flags = config.flags + ["--send", sendFile.path]
                let stream = Self.stream(type, seed: UInt64(100 + index))
                let expectedSend = Array(try PacketEncoder(type).encode(payload))
                let listener = try await TCPListener.listen(
                    port: 0, address: .v4(IPv4Address(value: 0x7F00_0001)), options: [.active(.passive)])
                let port = try listener.port()
                let erlang = try await OracleProcess.start(
                    escript, [Self.oracle, "connect", "127.0.0.1", String(port)] + flags)
                async let ours = Connect.session(
                    host: "127.0.0.1", port: port, flags: try SocketFlags.parse(flags), out: .memory())
                var received: [[UInt8]] = []
                for _ in 0..<2 {
                    let peer = try await listener.accept(timeout: .seconds(10))
                    let got = try await peer.recv(length: expectedSend.count, timeout: .seconds(5))
                    received.append(Array(got.bytes?.readableBytesView ?? ByteBuffer().readableBytesView))
                    for byte in stream {
                        try await peer.send([byte])
                        try await Task.sleep(for: .milliseconds(1))
                    }
                    await peer.close()
                }
                listener.close()
                let theirs = try await erlang.output()
                let mine = try await ours.text
                let (left, right) = type == .raw ? (Self.joined(theirs), Self.joined(mine)) : (theirs, mine)
                if left != right { failures.append("connect \(config):\n--- gen_tcp\n\(left)--- packetcat\n\(right)") }
                if received != [expectedSend, expectedSend] { failures.append("connect \(config): sent \(received)") }
            }
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }
}

/// `packetcat connect` / `listen` usage and failures: the exit statuses the help promises.
@Suite struct SocketCommandTests {
    @Test func badFlagsAreUsageErrors() {
        #expect(Packetcat.execute(["connect", "127.0.0.1", "9", "--active", "sometimes"]) == 64)
        #expect(Packetcat.execute(["connect", "127.0.0.1", "9", "--active", "0"]) == 64)
        #expect(Packetcat.execute(["connect", "127.0.0.1", "9", "--type", "7"]) == 64)
        #expect(Packetcat.execute(["listen", "0", "--count", "0"]) == 64)
    }

    @Test func aRefusedConnectionIsStatus1() async throws {
        // A port that was just free: listen, note it, close.
        let listener = try await TCPListener.listen(port: 0, address: .v4(IPv4Address(value: 0x7F00_0001)))
        let port = try listener.port()
        listener.close()
        // (Through Connect.session, which `run` blocks the main thread on: a test must not block
        // a thread of the cooperative pool.)
        let flags = try SocketFlags.parse(["--timeout-ms", "2000"])
        await #expect(
            throws: CLIError(message: "connect to 127.0.0.1 port \(port): econnrefused: connection refused", status: 1)
        ) {
            _ = try await Connect.session(host: "127.0.0.1", port: port, flags: flags, out: .memory())
        }
    }
}
