import PacketConform
import TestSupport
import Testing

/// One malformed line gets one answer, `badarg`, in every format: the packet, stream and inet
/// formats share one lexer. Each case puts the same token into a line of each format; the valid
/// token shows that the templates themselves are well-formed.
@Suite struct ConformLexerTests {
    /// A line of each format with `{}` where the token goes.
    struct Templates {
        var packet: String
        var stream: String
        var inet: String

        func lines(_ token: String) -> [(Conform.Mode, String)] {
            [
                (.packet, packet.replacing("{}", with: token)),
                (.stream, stream.replacing("{}", with: token)),
                (.inet, inet.replacing("{}", with: token)),
            ]
        }
    }

    static let hexField = Templates(packet: "1 - {}", stream: "1 - {}", inet: "parse_address {}")
    static let integerField = Templates(
        packet: "1 packet_size={} 0161", stream: "1 packet_size={} 0161", inet: "ntoa {},0,0,1")
    static let listEnd = Templates(
        packet: "1 packet_size=10{} 0161", stream: "1 packet_size=10{} 0161", inet: "ntoa 10,0,0,1{}")
    static let separator = Templates(packet: "1{}-{}0161", stream: "1{}-{}0161", inet: "parse_address{}3130")

    /// The answers to the valid tokens (erl, OTP 25: `decode_packet(1, <<1,97>>, [])`,
    /// a {packet,1} socket receiving <<1,97>>, `inet:parse_address("10")` / `("1")`,
    /// `inet:ntoa({10,0,0,1})`).
    @Test func validTokensAreAnsweredInEveryFormat() {
        let expected: [(Templates, String, [String])] = [
            (Self.hexField, "0161", ["{ok,<<97>>,<<>>}", "{ok,<<97>>} {error,closed}", "{error,einval}"]),
            (Self.hexField, "31", ["{more,50}", "{error,closed}", "{ok,{0,0,0,1}}"]),
            (Self.integerField, "10", ["{ok,<<97>>,<<>>}", "{ok,<<97>>} {error,closed}", "[49,48,46,48,46,48,46,49]"]),
            (Self.listEnd, "", ["{ok,<<97>>,<<>>}", "{ok,<<97>>} {error,closed}", "[49,48,46,48,46,48,46,49]"]),
            (Self.separator, " ", ["{ok,<<97>>,<<>>}", "{ok,<<97>>} {error,closed}", "{ok,{0,0,0,10}}"]),
            // Trailing `\r` bytes are not part of a line.
            (Self.hexField, "0161\r\r", ["{ok,<<97>>,<<>>}", "{ok,<<97>>} {error,closed}", "{error,einval}"]),
        ]
        for (templates, token, answers) in expected {
            let got = templates.lines(token).map { Conform.answer($0.1[...], mode: $0.0) }
            #expect(got == answers, "token \(token.debugDescription)")
        }
    }

    static let malformed: [(Templates, String)] =
        [
            // HEX: lowercase pairs or `-`.
            "0A", "A0", "0", "", "0g", "0x01", "--", "- ", " 01", "01 ", "+01", "٠١",
        ].map { (hexField, $0) }
        + [
            // Integers: -?[0-9]+.
            "+10", "", "-", "--1", "1 0", "0x10", "1e1", "10 ", " 10", "1_0", "١٠",
        ].map { (integerField, $0) }
        + [
            // Lists: no empty item.
            ",", ",,", ", ", ",-",
        ].map { (listEnd, $0) }
        + [
            // Fields: exactly one space between them.
            "  ", "\t", " \t", "",
        ].map { (separator, $0) }

    @Test func malformedLinesAreBadargInEveryFormat() {
        for (templates, token) in Self.malformed {
            for (mode, line) in templates.lines(token) {
                #expect(Conform.answer(line[...], mode: mode) == "badarg", "\(mode) \(line.debugDescription)")
            }
        }
    }

    @Test(.enabled(if: ErlangOracle.available, "Erlang/OTP is not installed"))
    func theOracleAnswersTheSameLinesTheSameWay() throws {
        var lines: [Conform.Mode: [String]] = [:]
        for (templates, token) in Self.malformed + [(Self.hexField, "0161"), (Self.integerField, "10")] {
            for (mode, line) in templates.lines(token) { lines[mode, default: []].append(line) }
        }
        for mode in Conform.Mode.allCases {
            let batch = try #require(lines[mode])
            let mismatches = try expectOracleAgrees(batch, mode: mode.rawValue) { Conform.answer($0[...], mode: mode) }
            #expect(mismatches == 0)
        }
    }

    @Test func aBatchEndsWithoutAnEmptyLine() {
        #expect(Conform.run("1 - 0161\n\r", mode: .packet) == "{ok,<<97>>,<<>>}\n")
        #expect(Conform.run("1 - 0161\n\n", mode: .packet) == "{ok,<<97>>,<<>>}\nbadarg\n")
        #expect(Conform.run("ntoa 1,2,3,4\r\n", mode: .inet) == "[49,46,50,46,51,46,52]\n")
    }
}
