import NIOCore
import PacketInet
import PacketSocket
import TestSupport
import Testing

/// gen_udp's behaviour as observed on Erlang/OTP 25 (Tests/Oracle/INET-OPTIONS.md §11).
@Suite struct UDPSocketTests {
    static let loopback = IPAddress.v4(IPv4Address(value: 0x7F00_0001))

    static func open(_ options: [InetOption] = [.active(.passive)]) async throws -> UDPSocket {
        try await UDPSocket.open(port: 0, address: loopback, options: options)
    }

    @Test func defaultsAreGenUDPs() async throws {
        let socket = try await UDPSocket.open(port: 0, address: Self.loopback)
        defer { Task { await socket.close() } }
        let answers = try await socket.options([.active, .buffer, .recbuf, .readPackets, .nodelay, .sendTimeout])
        #expect(answers == [.active(.always), .buffer(8192), .recbuf(16384), .readPackets(5)])
    }

    @Test func recbufRaisesBufferUpTo65536() async throws {
        for (recbuf, buffer) in [(1000, 1460), (10000, 10000), (65536, 65536), (100_000, 65536)] {
            let socket = try await Self.open([.active(.passive), .recbuf(recbuf)])
            #expect(try await socket.options([.buffer]) == [.buffer(buffer)], "recbuf \(recbuf)")
            await socket.close()
        }
    }

    @Test func passiveRecvGivesSenderAndBytesAndCountsDatagrams() async throws {
        let a = try await Self.open()
        let b = try await Self.open()
        let bPort = try b.port()
        try await a.send(to: "127.0.0.1", port: bPort, Array("hello".utf8))
        try await a.send(to: "127.0.0.1", port: bPort, [UInt8]())
        let first = try await b.recv(timeout: .seconds(5))
        let second = try await b.recv(timeout: .seconds(5))
        let aPort = try a.port()
        #expect(first.address == Self.loopback)
        #expect(first.port == aPort)
        #expect(Array(first.bytes.readableBytesView) == Array("hello".utf8))
        #expect(second.bytes.readableBytes == 0)
        await #expect(throws: InetError(.timeout)) { try await b.recv(timeout: .milliseconds(50)) }
        let r = try b.statistics()
        #expect(
            [r.receivedBytes, r.receivedPackets, r.receivedMaximum, r.receivedAverage, r.receivedDeviation] == [
                5, 2, 5, 2, 1,
            ])
        let s = try a.statistics()
        #expect([s.sentBytes, s.sentPackets] == [5, 2])
        await a.close()
        await b.close()
        await #expect(throws: InetError("closed")) { try await b.recv(timeout: .milliseconds(50)) }
        #expect(throws: InetError(.einval)) { try b.statistics() }
    }

    @Test func aDatagramLongerThanBufferIsCut() async throws {
        let a = try await Self.open()
        let b = try await Self.open([.active(.passive), .buffer(4)])
        try await a.send(to: "127.0.0.1", port: try b.port(), Array("0123456789".utf8))
        let datagram = try await b.recv(timeout: .seconds(5))
        #expect(Array(datagram.bytes.readableBytesView) == Array("0123".utf8))
        await #expect(throws: InetError(.timeout)) { try await b.recv(timeout: .milliseconds(50)) }
        await a.close()
        await b.close()
    }

    @Test func activeCountSendsPassiveAfterTheNthDatagram() async throws {
        let a = try await Self.open()
        let b = try await Self.open([.active(.count(2))])
        let port = try b.port()
        for text in ["x", "y", "z"] { try await a.send(to: "127.0.0.1", port: port, Array(text.utf8)) }
        var seen: [String] = []
        var iterator = b.messages.makeAsyncIterator()
        for _ in 0..<3 {
            switch await iterator.next() {
            case .datagram(let d)?: seen.append(String(decoding: d.bytes.readableBytesView, as: UTF8.self))
            case .passive?: seen.append("passive")
            case nil: seen.append("end")
            }
        }
        try await b.setOptions([.active(.once)])
        if case .datagram(let d)? = await iterator.next() {
            seen.append(String(decoding: d.bytes.readableBytesView, as: UTF8.self))
        }
        #expect(seen == ["x", "y", "passive", "z"])
        await a.close()
        await b.close()
        #expect(await iterator.next() == nil)
    }

    @Test func broadcastNeedsTheOption() async throws {
        let a = try await UDPSocket.open(port: 0, options: [.active(.passive)])
        await #expect(throws: InetError(.eacces)) {
            try await a.send(to: "127.255.255.255", port: 9, Array("b".utf8))
        }
        try await a.setOptions([.broadcast(true)])
        try await a.send(to: "127.255.255.255", port: 9, Array("b".utf8))
        await a.close()
    }

    @Test func recvOnAnActiveSocketIsEinval() async throws {
        let a = try await UDPSocket.open(port: 0, address: Self.loopback)
        await #expect(throws: InetError(.einval)) { try await a.recv(timeout: .milliseconds(10)) }
        await a.close()
    }
}

/// Our UDP socket and gen_udp exchange the same datagrams: each receives what the other sent,
/// cut to the same buffer, and the two getstat lists must be equal.
@Suite struct UDPDifferentialTests {
    static let datagrams = ["a", "bb", "", "0123456789"]

    @Test func genUDPAndOursReceiveAndCountAlike() async throws {
        guard let erl = ErlangOracle.erl else {
            #expect(!ErlangOracle.required, "erl is needed in CI")
            return
        }
        let ours = try await UDPSocket.open(
            port: 0, address: .v4(IPv4Address(value: 0x7F00_0001)), options: [.active(.passive), .buffer(4)])
        let ourPort = try ours.port()
        let sends = Self.datagrams.map { "<<\"\($0)\">>" }.joined(separator: ",")
        let program = """
            {ok,S} = gen_udp:open(0,[binary,{active,false},{ip,{127,0,0,1}},{buffer,4}]), \
            {ok,P} = inet:port(S), io:format(standard_error, "port ~w~n", [P]), \
            timer:sleep(200), \
            [ok = gen_udp:send(S,{127,0,0,1},\(ourPort),B) || B <- [\(sends)]], \
            Got = [begin {ok,{_,_,D}} = gen_udp:recv(S,0,60000), D end || _ <- [1,2,3,4]], \
            {ok,Stat} = inet:getstat(S), io:format("~w~n~w~n",[Got,Stat]), halt().
            """
        // Erlang's clock runs while this process waits for a thread: with the whole suite running
        // on two cores, the sends below came more than 5 s after gen_udp:recv began waiting (its
        // first timeout, 5000 ms, crashed the peer once in CI). The bounds are a minute on both sides.
        let erlang = try await OracleProcess.start(erl, ["-noshell", "-eval", program])
        let theirPort = try await erlang.port(afterPrefix: "port ")
        for text in Self.datagrams { try await ours.send(to: "127.0.0.1", port: theirPort, Array(text.utf8)) }
        var got: [String] = []
        for _ in Self.datagrams {
            let datagram = try await ours.recv(timeout: .seconds(60))
            #expect(datagram.port == theirPort)
            got.append("<<" + datagram.bytes.readableBytesView.map { String($0) }.joined(separator: ",") + ">>")
        }
        let lines = try await erlang.output().split(separator: "\n").map(String.init)
        let ourStatistics = try ours.statistics().description
        #expect(lines == ["[" + got.joined(separator: ",") + "]", ourStatistics])
        await ours.close()
    }
}
