import PacketInet
import PacketSocket
import Testing

/// The README's socket example, as written there (the README's block is not in the codec-only
/// package `.ci/readme-examples` compiles), run to its end.
@Suite struct ReadmeExampleTests {
    func serve() async throws -> [String] {
        var printed: [String] = []
        func print(_ items: Any...) { printed.append(items.map { "\($0)" }.joined(separator: " ")) }

        let listener = try await TCPListener.listen(
            port: 0, address: .v4(IPv4Address(value: 0x7F00_0001)), options: [.packet(.length4), .active(.passive)])
        let port = try listener.port()
        async let accepted = listener.accept(timeout: .seconds(5))
        let client = try await TCPSocket.connect(
            to: "127.0.0.1", port: port, options: [.packet(.length4), .active(.passive)])
        try await client.send(Array("hello".utf8))  // a 4-byte header, then 5 bytes
        let server = try await accepted
        let packet = try await server.recv(timeout: .seconds(5))  // .bytes("hello")
        print(packet, try server.statistics())  // hello [{recv_oct,9},{recv_cnt,1},...]
        await client.close()

        // Active, as {active, 2}: two packets, then .passive; re-arm to go on; the end: .closed.
        try await server.setOptions([.active(.count(2))])
        for await message in server.messages {
            switch message {
            case .data(let packet): print(packet)
            case .passive: try await server.setOptions([.active(.count(2))])
            case .error(let reason): print("tcp_error", reason.atom)
            case .closed: print("tcp_closed")
            }
        }
        listener.close()
        return printed
    }

    @Test func theSocketExampleRunsAsTheReadmeSays() async throws {
        let printed = try await serve()
        #expect(
            printed == [
                "hello [{recv_oct,9},{recv_cnt,1},{recv_max,9},{recv_avg,9},{recv_dvi,0},{send_oct,0},{send_cnt,0},{send_max,0},{send_avg,0},{send_pend,0}]",
                "tcp_closed",
            ])
    }
}
