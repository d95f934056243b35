import NIOCore
import PacketFraming
import PacketInet
import PacketSocket
import Testing

/// A listener on 127.0.0.1 and a connected pair.
struct Pair {
    let client: TCPSocket
    let server: TCPSocket

    static func make(client: [InetOption] = [], server: [InetOption] = []) async throws -> Pair {
        let listener = try await TCPListener.listen(
            port: 0, address: .v4(IPv4Address(value: 0x7F00_0001)), options: [.active(.passive)] + server)
        defer { listener.close() }
        let port = try listener.port()
        async let accepted = listener.accept(timeout: .seconds(5))
        let client = try await TCPSocket.connect(
            to: "127.0.0.1", port: port, options: [.active(.passive)] + client, timeout: .seconds(5))
        return Pair(client: client, server: try await accepted)
    }

    func close() async {
        await client.close()
        await server.close()
    }
}

func text(_ packet: SocketPacket) -> String {
    String(decoding: packet.bytes?.readableBytesView ?? ByteBuffer().readableBytesView, as: UTF8.self)
}

@Suite struct TCPSocketTests {
    @Test func packet4CountsAsErlangDoes() async throws {
        // inet:getstat after each recv of three {packet,4} packets "abc", "defgh", "" (Erlang
        // 25: recv_oct 7, 16, 20; recv_max 7, 9, 9; recv_avg 7, 8, 6).
        let pair = try await Pair.make(client: [.packet(.length4)], server: [.packet(.length4)])
        for payload in ["abc", "defgh", ""] { try await pair.client.send(Array(payload.utf8)) }
        var seen: [String] = []
        var stats: [[Int]] = []
        for _ in 0..<3 {
            seen.append(text(try await pair.server.recv(timeout: .seconds(5))))
            let s = try pair.server.statistics()
            stats.append([
                s.receivedBytes, s.receivedPackets, s.receivedMaximum, s.receivedAverage, s.receivedDeviation,
            ])
        }
        #expect(seen == ["abc", "defgh", ""])
        #expect(stats == [[7, 1, 7, 7, 0], [16, 2, 9, 8, 0], [20, 3, 9, 6, 0]])
        let sent = try pair.client.statistics()
        #expect([sent.sentBytes, sent.sentPackets, sent.sentMaximum, sent.sentAverage] == [20, 3, 9, 6])
        await pair.client.close()
        await #expect(throws: InetError("closed")) { try await pair.server.recv(timeout: .seconds(5)) }
        await #expect(throws: InetError(.enotconn)) { try await pair.server.recv(timeout: .seconds(5)) }
        await pair.server.close()
    }

    @Test func aPacketTooLongForItsHeaderIsRefused() async throws {
        // Erlang/OTP 25 sends 300 bytes on a {packet,1} socket with the length wrapped to 44 (a
        // corrupt stream: send answers ok, send_oct 301); issue 12 asks the socket to refuse
        // it: emsgsize, nothing sent, nothing counted.
        let pair = try await Pair.make(client: [.packet(.length1)], server: [.packet(.length1)])
        await #expect(throws: InetError(.emsgsize)) { try await pair.client.send([UInt8](repeating: 1, count: 300)) }
        #expect(try pair.client.statistics().sentPackets == 0)
        try await pair.client.send([UInt8](repeating: 2, count: 255))
        #expect(try await pair.server.recv(timeout: .seconds(5)).bytes?.readableBytes == 255)
        await pair.close()
    }

    @Test func rawOptionsSetAndGetAnyKernelOption() async throws {
        // Erlang/OTP 25 on this kernel: setopts [{raw,1,9,<<1:32/native>>}] (SOL_SOCKET,
        // SO_KEEPALIVE) -> ok; getopts [keepalive] -> true; getopts [{raw,1,9,4}] and
        // [{raw,1,9,8}] -> {raw,1,9,<<1,0,0,0>>} (as many bytes as the kernel wrote).
        let pair = try await Pair.make()
        try await pair.client.setOptions([.raw(level: 1, name: 9, value: [1, 0, 0, 0])])
        #expect(try await pair.client.options([.keepalive]) == [.keepalive(true)])
        #expect(
            try await pair.client.options([.raw(level: 1, name: 9, length: 4)]) == [
                .raw(level: 1, name: 9, value: [1, 0, 0, 0])
            ])
        #expect(
            try await pair.client.options([.raw(level: 1, name: 9, length: 8)]) == [
                .raw(level: 1, name: 9, value: [1, 0, 0, 0])
            ])
        await pair.close()
    }

    @Test func httpHeadersThenARawBodyThenTheNextRequest() async throws {
        // A {packet, http_bin} socket: the headers as packets, then {packet, raw} and
        // recv(S, ContentLength) for the body, then http_bin again for the next request; the
        // whole stream arrives in one send, so the body and the next request are already read
        // when the type changes: no byte may be lost or framed twice.
        let pair = try await Pair.make(server: [.packet(.httpBin)])
        try await pair.client.send(
            Array("POST /f HTTP/1.1\r\nContent-Length: 5\r\n\r\nhelloGET /next HTTP/1.1\r\n\r\n".utf8))
        var seen: [String] = []
        for _ in 0..<3 { seen.append(try await pair.server.recv(timeout: .seconds(5)).description) }
        try await pair.server.setOptions([.packet(.raw)])
        seen.append(try await pair.server.recv(length: 5, timeout: .seconds(5)).description)
        try await pair.server.setOptions([.packet(.httpBin)])
        for _ in 0..<2 { seen.append(try await pair.server.recv(timeout: .seconds(5)).description) }
        #expect(
            seen == [
                "POST /f HTTP/1.1", "Content-Length: 5", "end of headers", "hello", "GET /next HTTP/1.1",
                "end of headers",
            ])
        await pair.close()
    }

    @Test func aSocketNobodyHoldsIsClosed() async throws {
        // As a port closes when its owner exits: the peer reads closed.
        var pair: Pair? = try await Pair.make(client: [.packet(.line)], server: [.packet(.line)])
        let server = pair!.server
        try await pair!.client.send(Array("last\n".utf8))
        pair = nil
        #expect(try await server.recv(timeout: .seconds(5)).description == "last\n")
        await #expect(throws: InetError("closed")) { try await server.recv(timeout: .seconds(5)) }
        await server.close()
    }
}
