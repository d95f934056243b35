import NIOCore
import PacketFraming
import PacketInet
import PacketSocket
import TestSupport
import Testing

/// `inet:getopts/2` answers on Erlang's sockets and on ours, in the same run on the same
/// kernel: every option, on a connecting, a listening and an accepted socket, at the defaults
/// and after setopts with values Erlang reads in its own ways.
@Suite struct InetOptionTests {
    static let names: [InetOption.Name] = InetOption.Name.allPlain

    /// What `inet:getopts(S, [Name])` prints with `~w` for our socket.
    static func answer(_ read: () async throws(InetError) -> [InetOption]) async -> String {
        do {
            let options = try await read()
            return "{ok,[" + options.map(\.description).joined(separator: ",") + "]}"
        } catch {
            return "{error,\(error.atom)}"
        }
    }

    /// Settings applied with setopts to the connecting socket before the second reading (values
    /// Erlang reads back changed: the kernel doubles recbuf, drops tos's low bits, ...).
    static let settings: [(erlang: String, swift: InetOption)] = [
        ("{recbuf,10000}", .recbuf(10000)), ("{tos,255}", .tos(255)), ("{priority,3}", .priority(3)),
        ("{linger,{true,5}}", .linger(on: true, seconds: 5)), ("{high_watermark,100}", .highWatermark(100)),
        ("{low_msgq_watermark,200}", .lowMessageQueueWatermark(200)), ("{buffer,0}", .buffer(0)),
        ("{packet_size,4294967296}", .packetSize(1 << 32)), ("{send_timeout,2147483648}", .sendTimeout(1 << 31)),
        ("{active,5}", .active(.count(5))), ("{active,-2}", .active(.count(-2))), ("{packet,line}", .packet(.line)),
        ("{keepalive,true}", .keepalive(true)), ("{nodelay,true}", .nodelay(true)), ("{sndbuf,0}", .sndbuf(0)),
        ("{header,5}", .header(5)), ("{deliver,port}", .deliver(.port)), ("{mode,binary}", .mode(.binary)),
    ]

    @Test func getoptsAnswersAsErlangDoes() async throws {
        guard ErlangOracle.erl != nil else {
            #expect(!ErlangOracle.required, "erl is needed in CI")
            return
        }
        let atoms = Self.names.map(\.description).joined(separator: ",")
        let sets = Self.settings.map(\.erlang).joined(separator: ",")
        let program = """
            {ok,L} = gen_tcp:listen(0,[{ip,{127,0,0,1}}]), {ok,P} = inet:port(L), \
            {ok,C} = gen_tcp:connect({127,0,0,1},P,[]), {ok,A} = gen_tcp:accept(L), \
            Show = fun(S) -> [io:format("~w ~w~n",[O, inet:getopts(S,[O])]) || O <- [\(atoms)]] end, \
            Show(C), Show(L), Show(A), \
            [io:format("set ~w ~w~n",[O, inet:setopts(C,[O])]) || O <- [\(sets)]], \
            Show(C), halt().
            """
        let expected = try ErlangOracle.eval(program).split(separator: "\n").map(String.init)

        let listener = try await TCPListener.listen(port: 0, address: .v4(IPv4Address(value: 0x7F00_0001)))
        async let accepted = listener.accept(timeout: .seconds(5))
        let client = try await TCPSocket.connect(to: "127.0.0.1", port: try listener.port(), timeout: .seconds(5))
        let server = try await accepted
        var lines: [String] = []
        func show(_ read: (InetOption.Name) async -> String) async {
            for name in Self.names { lines.append("\(name) \(await read(name))") }
        }
        await show { name in await Self.answer { () throws(InetError) in try await client.options([name]) } }
        await show { name in await Self.answer { () throws(InetError) in try listener.options([name]) } }
        await show { name in await Self.answer { () throws(InetError) in try await server.options([name]) } }
        for (erlang, option) in Self.settings {
            var result = "ok"
            do { try await client.setOptions([option]) } catch { result = "{error,\(error.atom)}" }
            lines.append("set \(erlang) \(result)")
        }
        await show { name in await Self.answer { () throws(InetError) in try await client.options([name]) } }
        await client.close()
        await server.close()
        listener.close()
        // sndbuf of a connected socket is what the kernel's auto-tuning made of it (it varies
        // with the connection's history); every other line must be equal.
        let differing = zip(expected, lines).filter { $0 != $1 && !$0.hasPrefix("sndbuf ") }
        #expect(lines.count == expected.count)
        #expect(differing.isEmpty, "\(differing.map { "gen_tcp: \($0.0)\nours:    \($0.1)" }.joined(separator: "\n"))")
    }

    /// Option lists with repeats, watermarks in either order and a failure midway, through
    /// setopts and through connect and listen: after each, the answers of getopts on Erlang's
    /// socket and on ours, and what setopts answered.
    @Test func optionListsAreSetInErlangsOrder() async throws {
        guard ErlangOracle.erl != nil else {
            #expect(!ErlangOracle.required, "erl is needed in CI")
            return
        }
        let lists: [(erlang: String, swift: [InetOption])] = [
            ("[{packet,1},{packet,2}]", [.packet(.length1), .packet(.length2)]),
            ("[{nodelay,true},{nodelay,false}]", [.nodelay(true), .nodelay(false)]),
            ("[{low_watermark,10},{high_watermark,5}]", [.lowWatermark(10), .highWatermark(5)]),
            ("[{high_watermark,300},{low_watermark,400}]", [.highWatermark(300), .lowWatermark(400)]),
            ("[{active,2},{active,3}]", [.active(.count(2)), .active(.count(3))]),
            (
                "[{packet_size,5},{ipv6_v6only,true},{packet_size,6}]",
                [.packetSize(5), .ipv6V6only(true), .packetSize(6)]
            ),
            (
                "[{nodelay,true},{packet_size,9},{ipv6_v6only,true},{packet,4},{keepalive,true},{send_timeout,77}]",
                [
                    .nodelay(true), .packetSize(9), .ipv6V6only(true), .packet(.length4), .keepalive(true),
                    .sendTimeout(77),
                ]
            ),
            (
                "[{packet,1},{raw,1,9,<<1>>},{nodelay,true}]",
                [.packet(.length1), .raw(level: 1, name: 9, value: [1]), .nodelay(true)]
            ),
            ("[{packet,line},{header,-1},{packet_size,55}]", [.packet(.line), .header(-1), .packetSize(55)]),
            (
                "[{active,false},{active,32767},{packet,2}]",
                [.active(.passive), .active(.count(32767)), .packet(.length2)]
            ),
        ]
        let opening: (erlang: String, swift: [InetOption]) = (
            "[{packet,line},{packet,4},{nodelay,true},{nodelay,false},{high_watermark,100},{nodelay,true},{low_watermark,200},{high_watermark,50}]",
            [
                .packet(.line), .packet(.length4), .nodelay(true), .nodelay(false), .highWatermark(100), .nodelay(true),
                .lowWatermark(200), .highWatermark(50),
            ]
        )
        let listening: (erlang: String, swift: [InetOption]) = (
            "[{low_watermark,200},{high_watermark,100},{packet,2},{packet,1}]",
            [.lowWatermark(200), .highWatermark(100), .packet(.length2), .packet(.length1)]
        )
        let names: [InetOption.Name] = [
            .active, .packet, .packetSize, .nodelay, .keepalive, .header, .sendTimeout, .highWatermark, .lowWatermark,
        ]
        let atoms = names.map(\.description).joined(separator: ",")
        let program = """
            {ok,L} = gen_tcp:listen(0,[{ip,{127,0,0,1}}|\(listening.erlang)]), {ok,P} = inet:port(L), \
            {ok,C} = gen_tcp:connect({127,0,0,1},P,[{active,false}]), \
            {ok,D} = gen_tcp:connect({127,0,0,1},P,[{active,false}|\(opening.erlang)]), \
            io:format("listen ~w~n",[inet:getopts(L,[\(atoms)])]), \
            io:format("connect ~w~n",[inet:getopts(D,[\(atoms)])]), \
            [io:format("~w ~w ~w~n",[N, inet:setopts(C,O), inet:getopts(C,[\(atoms)])]) \
             || {N,O} <- lists:zip(lists:seq(1,\(lists.count)),[\(lists.map(\.erlang).joined(separator: ","))])], \
            halt().
            """
        let expected = try ErlangOracle.eval(program).split(separator: "\n").map(String.init)

        let listener = try await TCPListener.listen(
            port: 0, address: .v4(IPv4Address(value: 0x7F00_0001)), options: listening.swift)
        let client = try await TCPSocket.connect(
            to: "127.0.0.1", port: try listener.port(), options: [.active(.passive)], timeout: .seconds(5))
        let other = try await TCPSocket.connect(
            to: "127.0.0.1", port: try listener.port(), options: [.active(.passive)] + opening.swift,
            timeout: .seconds(5))
        var lines: [String] = []
        lines.append("listen " + (await Self.answer { () throws(InetError) in try listener.options(names) }))
        lines.append("connect " + (await Self.answer { () throws(InetError) in try await other.options(names) }))
        for (index, list) in lists.enumerated() {
            var result = "ok"
            do { try await client.setOptions(list.swift) } catch { result = "{error,\(error.atom)}" }
            let now = await Self.answer { () throws(InetError) in try await client.options(names) }
            lines.append("\(index + 1) \(result) \(now)")
        }
        await client.close()
        await other.close()
        listener.close()
        #expect(
            lines == expected,
            "\(zip(expected, lines).map { "gen_tcp: \($0.0)\nours:    \($0.1)" }.joined(separator: "\n"))")
    }
}
