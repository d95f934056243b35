import PacketConform
import PacketFraming
import Testing

@testable import packetcat

@Suite struct ConformSessionTests {
    static let batch = """
        1 - 03010203
        4 packet_size=-1 00
        2 - 000161000162
        line line_delimiter=59 613b62
        bogus

        tpkt line_delimiter=5 03000005
        """

    func answers(_ input: String, mode: Conform.Mode, pieces: Int) -> String {
        var session = ConformSession(mode: mode, out: .memory())
        let bytes = Array(input.utf8)
        var start = 0
        while start < bytes.count {
            let end = min(start + pieces, bytes.count)
            session.feed(Array(bytes[start..<end]))
            start = end
        }
        session.finish()
        return session.out.text
    }

    @Test func answersAsErlangPrintsThem() {
        // Checked against erl: decode_packet(1, <<3,1,2,3>>, []) and friends; badarg where it raises.
        #expect(
            answers(Self.batch + "\n", mode: .packet, pieces: 1 << 16) == """
                {ok,<<1,2,3>>,<<>>}
                badarg
                {ok,<<97>>,<<0,1,98>>}
                {ok,<<97,59>>,<<98>>}
                badarg
                badarg
                badarg

                """
        )
    }

    /// The answers of `Tests/Oracle/conform.escript packet|stream` (erl, OTP 25) to the batch.
    static let expected: [Conform.Mode: String] = [
        .packet: """
        {ok,<<1,2,3>>,<<>>}
        badarg
        {ok,<<97>>,<<0,1,98>>}
        {ok,<<97,59>>,<<98>>}
        badarg
        badarg
        badarg

        """,
        .stream: """
        {ok,<<1,2,3>>} {error,closed}
        badarg
        {ok,<<97>>} {ok,<<98>>} {error,closed}
        {ok,<<97,59>>} {error,closed}
        badarg
        badarg
        {error,closed}

        """,
    ]

    @Test(arguments: [Conform.Mode.packet, .stream])
    func linesSplitAcrossReadsGiveTheSameAnswers(_ mode: Conform.Mode) throws {
        let expected = try #require(Self.expected[mode])
        #expect(Conform.run(Self.batch + "\n", mode: mode) == expected)
        for pieces in [1, 2, 7, 100] {
            #expect(answers(Self.batch + "\n", mode: mode, pieces: pieces) == expected)
        }
        // A last line without its newline is still answered; CRLF line ends are accepted.
        #expect(answers(Self.batch, mode: mode, pieces: 3) == expected)
        #expect(answers(Self.batch.replacing("\n", with: "\r\n") + "\r\n", mode: mode, pieces: 5) == expected)
    }

    @Test func oneLineOutPerLineIn() {
        let input = String(repeating: "2 - 0003616263\n", count: 1000)
        let out = answers(input, mode: .stream, pieces: 4096)
        #expect(out == String(repeating: "{ok,<<97,98,99>>} {error,closed}\n", count: 1000))
    }
}
