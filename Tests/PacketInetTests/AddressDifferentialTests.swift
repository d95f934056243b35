import Foundation
import PacketConform
import PacketInet
import TestSupport
import Testing

/// The address functions against the real Erlang/OTP 25, through the `conform inet` format.
@Suite(.enabled(if: ErlangOracle.available, "Erlang/OTP is not installed (see the WARNING printed)"))
struct AddressDifferentialTests {
    static let parseFunctions = InetConform.functions.filter { $0 != "ntoa" }

    /// `INET_DIFFERENTIAL_SCALE=N` multiplies the generated counts (for a long run by hand) and
    /// `INET_DIFFERENTIAL_SEED` changes the seeds.
    static let scale = Int(ProcessInfo.processInfo.environment["INET_DIFFERENTIAL_SCALE"] ?? "") ?? 1
    static let seed = UInt64(ProcessInfo.processInfo.environment["INET_DIFFERENTIAL_SEED"] ?? "") ?? 0

    /// Runs `lines` through both and prints the per-function figures.
    func compare(_ lines: [String], label: String) throws {
        let mismatches = try expectOracleAgrees(lines, mode: "inet") { Conform.answer($0[...], mode: .inet) }
        let successes = lines.filter {
            let answer = Conform.answer($0[...], mode: .inet)
            return answer.hasPrefix("{ok") || answer.hasPrefix("[")
        }.count
        var perFunction: [String: Int] = [:]
        for line in lines { perFunction[String(line.prefix { $0 != " " }), default: 0] += 1 }
        let figures = perFunction.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        print(
            "inet differential [\(label)]: \(lines.count) lines (\(successes) not errors), \(mismatches) mismatches (\(figures))"
        )
    }

    @Test func parseFunctionsAgreeWithErlangOnGeneratedInputs() throws {
        var generator = InetCaseGenerator(seed: 0x1E7_2025 ^ Self.seed)
        var lines: [String] = []
        for _ in 0..<(4000 * Self.scale) {
            let hex = generator.parseInput().conformHex
            for function in Self.parseFunctions { lines.append("\(function) \(hex)") }
        }
        try compare(lines, label: "parse, generated")
    }

    @Test func parseFunctionsAgreeWithErlangOnLandmarks() throws {
        var lines: [String] = []
        for text in InetCaseGenerator.landmarks {
            let hex = Array(text.utf8).conformHex
            for function in Self.parseFunctions { lines.append("\(function) \(hex)") }
        }
        try compare(lines, label: "parse, landmarks")
    }

    @Test func ntoaAgreesWithErlangOnGeneratedTuples() throws {
        var generator = InetCaseGenerator(seed: 0x4E70A ^ Self.seed)
        var lines = (0..<(4000 * Self.scale)).map { _ in
            let parts = generator.ntoaInput()
            return "ntoa " + (parts.isEmpty ? "-" : parts.joined(separator: ","))
        }
        // Every address whose first groups are zero, and every zero-run pattern.
        for mask in 0..<256 {
            let parts = (0..<8).map { mask >> $0 & 1 == 1 ? "0" : String(mask &* 257 &+ $0 &* 4099 & 0xffff | 1) }
            lines.append("ntoa " + parts.joined(separator: ","))
        }
        try compare(lines, label: "ntoa")
    }

    @Test func parseFunctionsAgreeWithErlangOnMutatedValidForms() throws {
        var generator = InetCaseGenerator(seed: 0xBADC0DE ^ Self.seed)
        var lines: [String] = []
        for _ in 0..<(2000 * Self.scale) {
            let base = Array((generator.chance(0.5) ? generator.ipv4Text() : generator.ipv6Text()).utf8)
            let hex = generator.mutate(base).conformHex
            for function in Self.parseFunctions { lines.append("\(function) \(hex)") }
        }
        try compare(lines, label: "parse, mutated")
    }

    @Test func malformedLinesAnswerBadargLikeTheOracle() throws {
        let lines = [
            "", "ntoa", "ntoa ", "ntoa 1,,2", "ntoa +1,2,3,4", "ntoa 1, 2", "ntoa 1,2,3,4 ", "ntoa -",
            "ntoa -0,0,0,0", "ntoa 00001,2,3,4", "parse_address", "parse_address ", "parse_address 3",
            "parse_address 3G", "parse_address 3A", "parse_address 31 32", "parse_address -", "bogus 31",
            "parse_address  31", "Parse_address 31", "ntoa 1,2,3,4\r", "parse_address 3132\r",
        ]
        try compare(lines, label: "malformed")
    }
}
