import PacketConform
import PacketFraming
import TestSupport
import Testing

/// Our answers against the real Erlang/OTP 25, on thousands of generated cases per packet type.
@Suite(.serialized) struct DifferentialTests {
    static let skipNote: Comment =
        "Erlang/OTP is not installed: differential tests against erl are SKIPPED (apt-get install -y erlang-base)"

    static let types = ["raw", "0", "1", "2", "4", "asn1", "cdr", "sunrm", "fcgi", "tpkt", "line"]

    @Test func erlangIsInstalledWhereTheRunRequiresIt() {
        if !ErlangOracle.available {
            print("WARNING: \(Self.skipNote)")
        }
        #expect(
            ErlangOracle.available || !ErlangOracle.required,
            "CI must install erlang-base: the differential tests need erl")
    }

    @Test(.enabled(if: ErlangOracle.available, skipNote), arguments: types)
    func decodePacketAgreesWithErlang(_ type: String) throws {
        var generator = CaseGenerator(seed: UInt64(Self.types.firstIndex(of: type)! + 1) &* 7919)
        let lines = (0..<3_000).map { _ in generator.packetLine(type) }
        try expectOracleAgrees(lines, mode: "packet") { Conform.answer($0[...], mode: .packet) }
    }

    @Test(.enabled(if: ErlangOracle.available, skipNote))
    func malformedAndBadOptionLinesAgreeWithErlang() throws {
        let lines = [
            "1 packet_size=-1 00", "1 packet_size=4294967296 00", "1 packet_size=4294967295 0300",
            "line line_length=-1 61", "line line_delimiter=256 61", "line line_delimiter=-1 61",
            "4 line_delimiter=10 00000000", "raw line_delimiter=10 -", "tpkt - -", "asn1 - -", "cdr - 47",
            "line line_delimiter=59,line_delimiter=10 613b62", "line line_length=3,line_length=0 61626364",
            "2 packet_size=0 0000", "line - 0a", "sunrm - 80000000",
        ]
        try expectOracleAgrees(lines, mode: "packet") { Conform.answer($0[...], mode: .packet) }
    }

    @Test(.enabled(if: ErlangOracle.available, skipNote), arguments: types.filter { $0 != "raw" && $0 != "0" })
    func framerAgreesWithAGenTcpSocket(_ type: String) throws {
        var generator = CaseGenerator(seed: UInt64(Self.types.firstIndex(of: type)! + 1) &* 104_729)
        let lines = (0..<150).map { _ in generator.streamLine(type) }
        // The whole stream at once, then the same stream cut at random points: the socket's
        // answer must not depend on either.
        try expectOracleAgrees(lines, mode: "stream") { Conform.answer($0[...], mode: .stream) }
        var rng = SplitMix(seed: 5)
        try expectOracleAgrees(lines, mode: "stream") { line in
            Self.chunkedStreamAnswer(line, rng: &rng)
        }
    }

    @Test(.enabled(if: ErlangOracle.available, skipNote))
    func socketOptionEdgeCasesAgreeWithErlang() throws {
        let lines = [
            "4 packet_size=4294967297 0000000568656c6c6f", "4 packet_size=4294967296 0000000568656c6c6f",
            "4 packet_size=-1 00", "line line_delimiter=315 613b620a", "line line_delimiter=-1 61ff62",
            "line line_delimiter=256 61006200", "2 line_delimiter=59 00023b3b", "line line_length=2 6162630a",
            "raw - 00", "0 - 00", "line - -", "1 - 0001", "tpkt - 0300000401", "2 packet_size=1,packet_size=0 0002abcd",
            "line packet_size=3 616263640a", "line packet_size=3 61620a6162630a",
            "cdr packet_size=1 47494f5001000000000000026162",
            "fcgi packet_size=3 0101000100020100616263", "asn1 packet_size=3 040461626364",
        ]
        try expectOracleAgrees(lines, mode: "stream") { Conform.answer($0[...], mode: .stream) }
    }

    static let httpTypes = ["http", "http_bin", "httph", "httph_bin"]

    @Test(.enabled(if: ErlangOracle.available, skipNote), arguments: httpTypes)
    func httpDecodePacketAgreesWithErlang(_ type: String) throws {
        var generator = CaseGenerator(seed: UInt64(Self.httpTypes.firstIndex(of: type)! + 1) &* 15_485_863)
        let lines = (0..<4_000).map { _ in generator.httpPacketLine(type) }
        try expectOracleAgrees(lines, mode: "packet") { Conform.answer($0[...], mode: .packet) }
    }

    @Test(.enabled(if: ErlangOracle.available, skipNote), arguments: httpTypes)
    func httpFramerAgreesWithAGenTcpSocket(_ type: String) throws {
        var generator = CaseGenerator(seed: UInt64(Self.httpTypes.firstIndex(of: type)! + 1) &* 32_452_843)
        let lines = (0..<200).map { _ in generator.httpStreamLine(type) }
        try expectOracleAgrees(lines, mode: "stream") { Conform.answer($0[...], mode: .stream) }
        var rng = SplitMix(seed: 11)
        try expectOracleAgrees(lines, mode: "stream") { line in
            Self.chunkedStreamAnswer(line, rng: &rng)
        }
    }

    /// The `conform stream` answer with the stream fed to the framer in random chunks.
    static func chunkedStreamAnswer(_ line: String, rng: inout SplitMix) -> String {
        Conform.streamAnswer(line[...], nextChunkSize: { Int.random(in: 1...64, using: &rng) })
    }
}
