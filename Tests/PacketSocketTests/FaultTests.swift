import NIOCore
import PacketFraming
import PacketInet
import Testing

@testable import PacketSocket

// The faults of issue 12 §2. Every expected answer is what Erlang/OTP 25's gen_tcp answered on
// this machine in the same situation: Tests/Oracle/INET-OPTIONS.md §7-§9 and the probes of
// Tests/Oracle/fault-probe.escript (its observed output is at the top of that file).

let closed = InetError("closed")

extension TCPSocket {
    /// Bytes read from the kernel and not yet delivered (a test's window on the buffer).
    var bufferedBytes: Int { state.withLockedValue { $0.pending.readableBytes } }
    /// Whether the socket has seen the peer's FIN or reset.
    var inputEnded: Bool { state.withLockedValue { $0.inputEnded } }
}

func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

/// The fault tests run one at a time: the load tests among them count the process's descriptors
/// and memory.
@Suite(.serialized) struct FaultTests {
    // MARK: - Peer reset

    /// fault-probe `reset`: the peer sends `abc`, sets `{linger, {true, 0}}` and closes (an RST)
    /// before we read anything. Passive: `{ok,"abc"}`, then `{error,closed}` (`econnreset`
    /// with show_econnreset), then sends answer `closed, enotconn` (`enotconn, enotconn`) and
    /// recv `enotconn`; getstat still answers. Active (set after the reset): the data, the held
    /// back `econnreset` with show_econnreset, `tcp_closed`; `once` delivers only the data until
    /// re-armed. Afterwards sends answer `closed` and getstat `einval` (exit_on_close).
    @Test(arguments: [ActiveMode.passive, .always, .once], [false, true])
    func peerResetAfterBytes(mode: ActiveMode, showEconnreset: Bool) async throws {
        let pair = try await Pair.make(client: [.showEconnreset(showEconnreset)])
        let socket = pair.client
        try await pair.server.send(bytes("abc"))
        try await pair.server.setOptions([.linger(on: true, seconds: 0)])
        await pair.server.close()
        let tail: [SocketMessage] = (showEconnreset ? [.error(InetError(.econnreset))] : []) + [.closed]
        switch mode {
        case .passive:
            #expect(text(try await socket.recv(timeout: .seconds(5))) == "abc")
            await #expect(throws: showEconnreset ? InetError(.econnreset) : closed) {
                try await socket.recv(timeout: .seconds(5))
            }
            await #expect(throws: showEconnreset ? InetError(.enotconn) : closed) {
                try await socket.send(bytes("x"))
            }
            await #expect(throws: InetError(.enotconn)) { try await socket.send(bytes("x")) }
            await #expect(throws: InetError(.enotconn)) { try await socket.recv(timeout: .seconds(5)) }
            #expect(try socket.statistics().receivedBytes == 3)
        case .always:
            try await socket.setOptions([.active(.always)])
            #expect(try await messagesUntilClosed(socket) == [data("abc")] + tail)
        default:
            try await socket.setOptions([.active(.once)])
            #expect(try await nextMessages(socket, 1) == [data("abc")])
            #expect(await messageWithin(socket) == nil)
            try await socket.setOptions([.active(.once)])
            #expect(try await messagesUntilClosed(socket) == tail)
        }
        if mode != .passive {
            await #expect(throws: closed) { try await socket.send(bytes("x")) }
            await #expect(throws: closed) { try await socket.send(bytes("x")) }
            #expect(throws: InetError(.einval)) { try socket.statistics() }
            await #expect(throws: closed) { try await socket.recv(timeout: .seconds(5)) }
        }
        await socket.close()
    }

    /// fault-probe `reset`: an active socket that reads the data before the RST comes gives the
    /// same messages: `{tcp,S,"abc"}`, (`{tcp_error,S,econnreset}`), `{tcp_closed,S}`.
    @Test(arguments: [false, true])
    func peerResetWhileActive(showEconnreset: Bool) async throws {
        let pair = try await Pair.make(client: [.showEconnreset(showEconnreset), .active(.always)])
        try await pair.server.send(bytes("abc"))
        #expect(try await nextMessages(pair.client, 1) == [data("abc")])
        try await pair.server.setOptions([.linger(on: true, seconds: 0)])
        await pair.server.close()
        let tail: [SocketMessage] = (showEconnreset ? [.error(InetError(.econnreset))] : []) + [.closed]
        #expect(try await messagesUntilClosed(pair.client) == tail)
        await #expect(throws: closed) { try await pair.client.send(bytes("x")) }
        #expect(throws: InetError(.einval)) { try pair.client.statistics() }
        await pair.client.close()
    }

    /// INET-OPTIONS.md §8, "our send after the RST": a passive socket that has not read since
    /// the RST answers the first send `closed` (`econnreset` with show_econnreset), the next
    /// `enotconn`, and recv `closed` (`econnreset`).
    @Test(arguments: [false, true])
    func sendAfterPeerResetBeforeAnyRecv(showEconnreset: Bool) async throws {
        let pair = try await Pair.make(client: [.showEconnreset(showEconnreset)])
        try await pair.server.setOptions([.linger(on: true, seconds: 0)])
        await pair.server.close()
        // Erlang's probe sleeps 100 ms; here: until the event loop has seen the reset.
        #expect(try await eventually { pair.client.inputEnded })
        let first = showEconnreset ? InetError(.econnreset) : closed
        await #expect(throws: first) { try await pair.client.send(bytes("x")) }
        await #expect(throws: InetError(.enotconn)) { try await pair.client.send(bytes("y")) }
        await #expect(throws: first) { try await pair.client.recv(timeout: .seconds(5)) }
        await pair.client.close()
    }

    // MARK: - Half-close

    /// INET-OPTIONS.md §9 and fault-probe `halfclose`: with exit_on_close false, the peer sends
    /// `abc` and shuts down its write side. Passive: `{ok,"abc"}`, `{error,closed}`, and again
    /// `{error,closed}` later (and `{tcp_closed,S}` if activated then). Active: `{tcp,S,"abc"}`, `{tcp_closed,S}` (`once`: the close after
    /// re-arming), recv `einval`, and re-arming brings nothing more. Either way the socket still
    /// sends, the peer reads it, and getstat answers.
    @Test(arguments: [ActiveMode.passive, .always, .once])
    func halfCloseKeepsSending(mode: ActiveMode) async throws {
        let pair = try await Pair.make(client: [.exitOnClose(false)])
        let socket = pair.client
        try await pair.server.send(bytes("abc"))
        try await pair.server.shutdown(.write)
        switch mode {
        case .passive:
            #expect(text(try await socket.recv(timeout: .seconds(5))) == "abc")
            await #expect(throws: closed) { try await socket.recv(timeout: .seconds(5)) }
        case .always:
            try await socket.setOptions([.active(.always)])
            #expect(try await messagesUntilClosed(socket) == [data("abc"), .closed])
        default:
            try await socket.setOptions([.active(.once)])
            #expect(try await nextMessages(socket, 1) == [data("abc")])
            #expect(await messageWithin(socket) == nil)
            try await socket.setOptions([.active(.once)])
            #expect(try await messagesUntilClosed(socket) == [.closed])
        }
        try await socket.send(bytes("back"))
        try await socket.send(bytes("more"))
        #expect(text(try await pair.server.recv(length: 8, timeout: .seconds(5))) == "backmore")
        let stats = try socket.statistics()
        #expect([stats.receivedBytes, stats.sentBytes] == [3, 8])
        if mode == .passive {
            await #expect(throws: closed) { try await socket.recv(timeout: .seconds(5)) }
            // Activated now, it reports the close once more.
            try await socket.setOptions([.active(.once)])
            #expect(try await messagesUntilClosed(socket) == [.closed])
        } else {
            #expect(try await socket.options([.active]) == [.active(mode)])
            await #expect(throws: InetError(.einval)) { try await socket.recv(timeout: .seconds(5)) }
            try await socket.setOptions([.active(.once)])
            #expect(await messageWithin(socket) == nil)
        }
        await socket.close()
        await #expect(throws: closed) { try await pair.server.recv(timeout: .seconds(5)) }
        await pair.server.close()
    }

    // MARK: - Partial packets

    /// fault-probe `partial`: `{packet,4}`, the header and 3 of 6 bytes sent: recv with a
    /// timeout answers `{error,timeout}`, the rest arrives, the next recv gives the whole packet
    /// (recv_oct 10, recv_cnt 1).
    @Test func recvTimeoutMidPacketKeepsThePartialPacket() async throws {
        let pair = try await Pair.make(client: [.packet(.length4)])
        try await pair.server.send([0, 0, 0, 6] + bytes("abc"))
        // Until the 7 bytes sit in the socket's buffer, each short recv times out.
        var timeouts = 0
        for _ in 0..<200 where pair.client.bufferedBytes < 7 {
            await #expect(throws: InetError(.timeout)) { try await pair.client.recv(timeout: .milliseconds(50)) }
            timeouts += 1
        }
        #expect(timeouts > 0)
        #expect(pair.client.bufferedBytes == 7)
        await #expect(throws: InetError(.timeout)) { try await pair.client.recv(timeout: .milliseconds(10)) }
        try await pair.server.send(bytes("def"))
        #expect(text(try await pair.client.recv(timeout: .seconds(5))) == "abcdef")
        let stats = try pair.client.statistics()
        #expect([stats.receivedBytes, stats.receivedPackets] == [10, 1])
        await pair.close()
    }

    /// fault-probe `partial`: `{packet,4}`, the peer sends one packet and half of the next, then
    /// closes: `{ok,"x"}`, `{error,closed}` (the unfinished packet is dropped), then
    /// `{error,enotconn}`; send `{error,closed}`.
    @Test func peerCloseMidPacketDropsIt() async throws {
        let pair = try await Pair.make(client: [.packet(.length4)])
        try await pair.server.send([0, 0, 0, 1] + bytes("x") + [0, 0, 0, 6] + bytes("abc"))
        await pair.server.close()
        #expect(text(try await pair.client.recv(timeout: .seconds(5))) == "x")
        await #expect(throws: closed) { try await pair.client.recv(timeout: .seconds(5)) }
        await #expect(throws: InetError(.enotconn)) { try await pair.client.recv(timeout: .seconds(5)) }
        await #expect(throws: closed) { try await pair.client.send(bytes("z")) }
        let stats = try pair.client.statistics()
        #expect([stats.receivedBytes, stats.receivedPackets] == [5, 1])
        await pair.client.close()
    }

    // MARK: - emsgsize

    /// Two good `{packet,4}` packets, then one over `packet_size` 10, then a good one.
    static let oversizeStream: [UInt8] =
        [0, 0, 0, 2] + bytes("ab") + [0, 0, 0, 3] + bytes("cde") + [0, 0, 0, 11] + bytes("01234567890")
        + [0, 0, 0, 1] + bytes("z")

    /// fault-probe `emsgsize`, passive: `{ok,"ab"}`, `{ok,"cde"}`, `{error,emsgsize}`; then recv
    /// and send answer `enotconn`, getstat still answers (recv_oct 13, recv_cnt 2), getopts too,
    /// and the peer sees the connection closed.
    @Test func emsgsizeMidStreamPassive() async throws {
        let pair = try await Pair.make(client: [.packet(.length4), .packetSize(10)])
        let socket = pair.client
        try await pair.server.send(Self.oversizeStream)
        #expect(text(try await socket.recv(timeout: .seconds(5))) == "ab")
        #expect(text(try await socket.recv(timeout: .seconds(5))) == "cde")
        await #expect(throws: InetError(.emsgsize)) { try await socket.recv(timeout: .seconds(5)) }
        var stats = try socket.statistics()
        #expect([stats.receivedBytes, stats.receivedPackets] == [13, 2])
        await #expect(throws: InetError(.enotconn)) { try await socket.recv(timeout: .seconds(5)) }
        await #expect(throws: InetError(.enotconn)) { try await socket.send(bytes("q")) }
        stats = try socket.statistics()
        #expect([stats.receivedBytes, stats.receivedPackets, stats.sentBytes] == [13, 2, 0])
        await #expect(throws: closed) { try await pair.server.recv(timeout: .seconds(5)) }
        #expect(try await socket.options([.active, .packet]) == [.active(.passive), .packet(.length4)])
        await pair.close()
    }

    /// fault-probe `emsgsize`, `{active, once}` re-armed three times over the same stream:
    /// `{tcp,S,"ab"}`, `{tcp,S,"cde"}`, then `{tcp_error,S,emsgsize}`, `{tcp_closed,S}`; the port
    /// is gone: getstat and setopts `einval`, recv and send `closed`.
    @Test func emsgsizeMidStreamActiveOnce() async throws {
        let pair = try await Pair.make(client: [.packet(.length4), .packetSize(10)])
        let socket = pair.client
        try await pair.server.send(Self.oversizeStream)
        var seen: [SocketMessage] = []
        for _ in 0..<2 {
            try await socket.setOptions([.active(.once)])
            seen += try await nextMessages(socket, 1)
        }
        try await socket.setOptions([.active(.once)])
        seen += try await messagesUntilClosed(socket)
        #expect(seen == [data("ab"), data("cde"), .error(InetError(.emsgsize)), .closed])
        #expect(throws: InetError(.einval)) { try socket.statistics() }
        await #expect(throws: closed) { try await socket.recv(timeout: .seconds(5)) }
        await #expect(throws: closed) { try await socket.send(bytes("q")) }
        await #expect(throws: InetError(.einval)) { try await socket.setOptions([.active(.once)]) }
        await #expect(throws: closed) { try await pair.server.recv(timeout: .seconds(5)) }
        await pair.close()
    }

    // MARK: - Our own close

    /// fault-probe `ownclose`: after `gen_tcp:close/1`, send and recv answer `{error,closed}`,
    /// getstat, getopts and setopts `{error,einval}`, shutdown `{error,closed}`, a second close
    /// `ok`; the peer reads `{error,closed}`.
    @Test func callsAfterOwnClose() async throws {
        let pair = try await Pair.make()
        let socket = pair.client
        await socket.close()
        await #expect(throws: closed) { try await socket.send(bytes("x")) }
        await #expect(throws: closed) { try await socket.recv(timeout: .seconds(5)) }
        #expect(throws: InetError(.einval)) { try socket.statistics() }
        await #expect(throws: InetError(.einval)) { try await socket.options([.active]) }
        await #expect(throws: InetError(.einval)) { try await socket.setOptions([.active(.once)]) }
        await #expect(throws: closed) { try await socket.shutdown(.write) }
        await socket.close()
        await #expect(throws: closed) { try await pair.server.recv(timeout: .seconds(5)) }
        await pair.server.close()
    }

    // MARK: - A peer that never reads

    /// fault-probe `sendtimeout`: the peer never reads, sndbuf and the peer's recbuf small,
    /// send_timeout 200 ms. Sends succeed until the buffers fill, then one answers
    /// `{error,timeout}` (every send counts in send_cnt, the timed-out one included). Without
    /// send_timeout_close the socket lives on: later sends time out again and recv times out.
    /// With send_timeout_close later sends and recv answer `{error,enotconn}` and getstat still
    /// answers.
    @Test(arguments: [false, true])
    func peerThatNeverReads(sendTimeoutClose: Bool) async throws {
        let pair = try await Pair.make(
            client: [.sndbuf(4096), .sendTimeout(200), .sendTimeoutClose(sendTimeoutClose)],
            server: [.recbuf(4096)])
        let socket = pair.client
        let chunk = ByteBuffer(repeating: UInt8(ascii: "x"), count: 8192)
        var accepted = 0
        var failure: InetError? = nil
        // The kernel buffers hold some 100 KiB at most: the bound only guards against a hang.
        for _ in 0..<10_000 {
            do { try await socket.send(chunk) } catch {
                failure = error
                break
            }
            accepted += 1
        }
        #expect(failure == InetError(.timeout))
        #expect(accepted < 10_000)
        if sendTimeoutClose {
            await #expect(throws: InetError(.enotconn)) { try await socket.send(bytes("y")) }
            await #expect(throws: InetError(.enotconn)) { try await socket.send(bytes("y")) }
            await #expect(throws: InetError(.enotconn)) { try await socket.recv(timeout: .milliseconds(100)) }
            #expect(try socket.statistics().sentPackets == accepted + 1)
        } else {
            await #expect(throws: InetError(.timeout)) { try await socket.send(bytes("y")) }
            await #expect(throws: InetError(.timeout)) { try await socket.send(bytes("y")) }
            await #expect(throws: InetError(.timeout)) { try await socket.recv(timeout: .milliseconds(100)) }
            #expect(try socket.statistics().sentPackets == accepted + 3)
        }
        // What reached the peer's kernel before the timeout can still be read there.
        #expect(try await pair.server.recv(timeout: .seconds(5)).bytes?.readableBytes ?? 0 > 0)
        await pair.close()
    }
}
