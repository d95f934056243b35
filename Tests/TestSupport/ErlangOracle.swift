import Foundation

/// Runs the reference, Erlang/OTP on this machine: `Tests/Oracle/conform.escript` for batches of
/// `conform` lines and `erl -noshell -eval` for everything else.
public enum ErlangOracle {
    /// Tests/TestSupport/ErlangOracle.swift -> Tests/Oracle/conform.escript
    public static let script: String = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Oracle/conform.escript").path

    /// The path of `name` in the first `PATH` directory that has it as an executable.
    public static func executable(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    public static let escript: String? = executable("escript")
    public static let erl: String? = executable("erl")

    /// Whether the differential tests can run: `escript` and `erl` are both on `PATH`.
    public static var available: Bool { escript != nil && erl != nil }

    /// Whether this run must have Erlang: CI sets `CI` (anything but empty, `0` or `false`).
    public static var required: Bool {
        let ci = ProcessInfo.processInfo.environment["CI"] ?? ""
        return !ci.isEmpty && ci != "0" && ci.lowercased() != "false"
    }

    /// The oracle's answer lines for `lines` in `conform.escript MODE` (`packet`, `stream` or
    /// `inet`), in one run.
    public static func answers(_ lines: [String], mode: String) throws -> [String] {
        guard let escript else { throw Failure.missing("escript") }
        let text = try run(escript, [script, mode], input: Data((lines.joined(separator: "\n") + "\n").utf8))
        var result = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if result.last == "" { result.removeLast() }
        return result
    }

    /// What `erl -noshell -eval EXPRESSION` prints (the expression must end with `halt().`).
    public static func eval(_ expression: String) throws -> String {
        guard let erl else { throw Failure.missing("erl") }
        return try run(erl, ["-noshell", "-eval", expression], input: Data())
    }

    /// Runs `executable` with stdin from a temporary file and stdout and stderr to others, so that
    /// no pipe fills up whatever the sizes; returns stdout (stderr only goes into the error it throws).
    public static func run(_ executable: String, _ arguments: [String], input: Data) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("packet-oracle-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let inputURL = dir.appendingPathComponent("in.txt")
        let outputURL = dir.appendingPathComponent("out.txt")
        let errorURL = dir.appendingPathComponent("err.txt")
        try input.write(to: inputURL)
        _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let stdin = try FileHandle(forReadingFrom: inputURL)
        let stdout = try FileHandle(forWritingTo: outputURL)
        let stderr = try FileHandle(forWritingTo: errorURL)
        defer {
            try? stdin.close()
            try? stdout.close()
            try? stderr.close()
        }
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let errors = String(decoding: (try? Data(contentsOf: errorURL)) ?? Data(), as: UTF8.self)
            throw Failure.exited(process.terminationStatus, errors: errors)
        }
        return String(decoding: try Data(contentsOf: outputURL), as: UTF8.self)
    }

    public enum Failure: Error, CustomStringConvertible {
        /// The executable (`escript` or `erl`) is not on `PATH`.
        case missing(String)
        /// The oracle exited with a non-zero status, having written `errors` to stderr.
        case exited(Int32, errors: String)

        public var description: String {
            switch self {
            case .missing(let name): "\(name) (Erlang/OTP) is not installed"
            case .exited(let status, let errors):
                "the Erlang oracle exited with status \(status)" + (errors.isEmpty ? "" : ": \(errors.prefix(2000))")
            }
        }
    }
}
