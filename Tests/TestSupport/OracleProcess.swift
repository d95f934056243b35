import Foundation

/// An Erlang peer (`escript` or `erl`) run as a child process while the test goes on: what it
/// writes goes to files, read by polling with sleeps, so that no thread of Swift concurrency's
/// pool blocks on it.
public struct OracleProcess: Sendable {
    let process: Process
    let directory: URL

    /// Starts `executable` with `arguments`.
    public static func start(_ executable: String, _ arguments: [String]) async throws -> OracleProcess {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("oracle-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let out = directory.appendingPathComponent("out")
        let err = directory.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return OracleProcess(process: process, directory: directory)
    }

    func text(_ name: String) -> String {
        String(decoding: (try? Data(contentsOf: directory.appendingPathComponent(name))) ?? Data(), as: UTF8.self)
    }

    /// The number after `prefix` on the first line of its standard error (how a peer says its
    /// port), waiting up to 10 s for it.
    public func port(afterPrefix prefix: String) async throws -> Int {
        for _ in 0..<500 {
            if let line = text("err").split(separator: "\n").first, line.hasPrefix(prefix),
                let port = Int(line.dropFirst(prefix.count))
            {
                return port
            }
            if !process.isRunning { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        process.terminate()
        throw ErlangOracle.Failure.exited(-1, errors: "no '\(prefix)' line: " + text("err"))
    }

    /// Its standard output once it exited (it is killed after 20 s).
    public func output() async throws -> String {
        defer { try? FileManager.default.removeItem(at: directory) }
        var waited = 0
        while process.isRunning && waited < 1000 {
            try await Task.sleep(for: .milliseconds(20))
            waited += 1
        }
        if process.isRunning { process.terminate() }
        return text("out")
    }
}
