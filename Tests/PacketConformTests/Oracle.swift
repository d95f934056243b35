import Foundation
import Testing

/// Runs the reference: `Tests/Oracle/conform.escript` on the real Erlang/OTP.
enum Oracle {
    static let script: String = {
        // Tests/PacketConformTests/Oracle.swift -> Tests/Oracle/conform.escript
        let here = URL(fileURLWithPath: #filePath)
        return here.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Oracle/conform.escript").path
    }()

    /// The `escript` executable, if Erlang is installed.
    static let escript: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/escript"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }()

    static var available: Bool { escript != nil }

    /// Whether this run must have Erlang (CI sets `CI=true`).
    static var required: Bool {
        let ci = ProcessInfo.processInfo.environment["CI"] ?? ""
        return !ci.isEmpty && ci != "0" && ci.lowercased() != "false"
    }

    /// The oracle's output lines for `lines` in `mode` (`packet`, `stream` or `inet`).
    static func answers(_ lines: [String], mode: String) throws -> [String] {
        guard let escript else { throw OracleError.missing }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("packet-oracle-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("in.txt")
        let output = dir.appendingPathComponent("out.txt")
        try (lines.joined(separator: "\n") + "\n").write(to: input, atomically: false, encoding: .utf8)
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: escript)
        process.arguments = [script, mode]
        process.standardInput = try FileHandle(forReadingFrom: input)
        process.standardOutput = try FileHandle(forWritingTo: output)
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw OracleError.failed(process.terminationStatus) }
        let text = try String(contentsOf: output, encoding: .utf8)
        var result = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if result.last == "" { result.removeLast() }
        return result
    }

    enum OracleError: Error, CustomStringConvertible {
        case missing
        case failed(Int32)
        var description: String {
            switch self {
            case .missing: "escript (Erlang/OTP) is not installed"
            case .failed(let status): "the Erlang oracle exited with status \(status)"
            }
        }
    }

    static let skipNote: Comment =
        "Erlang/OTP is not installed: differential tests against erl are SKIPPED (apt-get install -y erlang-base)"
}

/// Compares our answers with the oracle's, line by line, recording the first mismatches.
func expectSameAnswers(
    _ lines: [String],
    mode: String,
    ours: (String) -> String,
    sourceLocation: SourceLocation = #_sourceLocation
) throws {
    let theirs = try Oracle.answers(lines, mode: mode)
    // ORACLE_DUMP=DIR keeps every batch with Erlang's answers, for reading and for reuse.
    if let dump = ProcessInfo.processInfo.environment["ORACLE_DUMP"] {
        let text = zip(lines, theirs).map { "\($0)\t\($1)" }.joined(separator: "\n") + "\n"
        let name =
            "\(dump)/\(mode)-\(lines[0].split(separator: " ")[0])-\(lines.count)-\(abs(lines[0].hashValue % 10000)).txt"
        _ = FileManager.default.createFile(atPath: name, contents: Data(text.utf8))
    }
    #expect(
        theirs.count == lines.count, "the oracle answered \(theirs.count) of \(lines.count) lines",
        sourceLocation: sourceLocation)
    var mismatches = 0
    for (line, expected) in zip(lines, theirs) {
        let got = ours(line)
        if got != expected {
            mismatches += 1
            if mismatches <= 20 {
                func cut(_ s: String) -> String { s.count > 300 ? s.prefix(300) + "..." : s }
                Issue.record(
                    "\(mode) `\(cut(line))`: erl says \(cut(expected)), we say \(cut(got))",
                    sourceLocation: sourceLocation
                )
            }
        }
    }
    #expect(
        mismatches == 0, "\(mismatches) of \(lines.count) \(mode) lines differ from Erlang/OTP",
        sourceLocation: sourceLocation)
}
