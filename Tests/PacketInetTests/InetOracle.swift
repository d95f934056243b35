import Foundation
import Testing

/// Runs the reference: Erlang/OTP on this machine, through `Tests/Oracle/conform.escript inet`
/// for address batches and through `erl -noshell -eval` for everything else.
enum InetOracle {
    /// Tests/PacketInetTests/InetOracle.swift -> Tests/Oracle/conform.escript
    static let script: String = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Oracle/conform.escript").path

    static func executable(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    static let escript: String? = executable("escript")
    static let erl: String? = executable("erl")

    /// Whether the differential tests can run.
    static var available: Bool { escript != nil && erl != nil }

    /// Whether this run must have Erlang: CI sets `CI` (anything but empty, `0` or `false`).
    static var required: Bool {
        let ci = ProcessInfo.processInfo.environment["CI"] ?? ""
        return !ci.isEmpty && ci != "0" && ci.lowercased() != "false"
    }

    /// The oracle's answer lines for `lines` of the `conform inet` format, in one run.
    static func answers(_ lines: [String]) throws -> [String] {
        guard let escript else { throw Failure.missing }
        let input = (lines.joined(separator: "\n") + "\n").data(using: .utf8) ?? Data()
        let text = try run(escript, [script, "inet"], input: input)
        var result = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if result.last == "" { result.removeLast() }
        return result
    }

    /// What `erl -noshell -eval EXPRESSION` prints (the expression must end with `halt().`).
    static func eval(_ expression: String) throws -> String {
        guard let erl else { throw Failure.missing }
        return try run(erl, ["-noshell", "-eval", expression], input: Data())
    }

    /// Runs `executable` with stdin from a temporary file and stdout to another, so that no pipe
    /// fills up whatever the sizes.
    static func run(_ executable: String, _ arguments: [String], input: Data) throws -> String {
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("packet-inet-oracle-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let inputURL = dir.appendingPathComponent("in.txt")
        let outputURL = dir.appendingPathComponent("out.txt")
        try input.write(to: inputURL)
        _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let stdin = try FileHandle(forReadingFrom: inputURL)
        let stdout = try FileHandle(forWritingTo: outputURL)
        defer {
            try? stdin.close()
            try? stdout.close()
        }
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw Failure.exited(process.terminationStatus) }
        return String(decoding: try Data(contentsOf: outputURL), as: UTF8.self)
    }

    enum Failure: Error, CustomStringConvertible {
        case missing
        case exited(Int32)

        var description: String {
            switch self {
            case .missing: "Erlang/OTP (erl, escript) is not installed"
            case .exited(let status): "the Erlang oracle exited with status \(status)"
            }
        }
    }
}

@Suite struct OracleAvailabilityTests {
    @Test func erlangIsInstalledWhenCIRequiresIt() {
        if InetOracle.available { return }
        if InetOracle.required {
            Issue.record("CI is set but erl/escript are missing: the inet differential tests cannot run")
        } else {
            print(
                """
                WARNING: Erlang/OTP (erl, escript) is not installed: the PacketInet differential \
                tests against real OTP 25 are SKIPPED. Install it with: apt-get install -y erlang-base
                """)
        }
    }
}

/// Compares `InetConform.answer` with the oracle on `lines`, recording up to 20 mismatches; returns
/// the number of mismatching lines.
@discardableResult
func expectOracleAgrees(
    _ lines: [String], ours: (String) -> String, sourceLocation: SourceLocation = #_sourceLocation
) throws -> Int {
    let theirs = try InetOracle.answers(lines)
    #expect(
        theirs.count == lines.count, "the oracle answered \(theirs.count) of \(lines.count) lines",
        sourceLocation: sourceLocation)
    var mismatches = 0
    for (line, expected) in zip(lines, theirs) {
        let got = ours(line)
        if got != expected {
            mismatches += 1
            if mismatches <= 20 {
                let shown = line.count > 160 ? line.prefix(160) + "...(\(line.count) characters)" : line[...]
                Issue.record("\(shown): erl \(expected), ours \(got)", sourceLocation: sourceLocation)
            }
        }
    }
    return mismatches
}
