import Foundation
import Testing

/// Compares `ours` with the oracle's answers to `lines` of `conform.escript MODE`, line by line:
/// expects as many answers as lines, records the first 20 mismatches, expects none, and returns
/// the number of mismatching lines. With `ORACLE_DUMP=DIR` each batch is also written to DIR with
/// Erlang's answers.
@discardableResult
public func expectOracleAgrees(
    _ lines: [String],
    mode: String,
    ours: (String) -> String,
    sourceLocation: SourceLocation = #_sourceLocation
) throws -> Int {
    let theirs = try ErlangOracle.answers(lines, mode: mode)
    if let dump = ProcessInfo.processInfo.environment["ORACLE_DUMP"] {
        let text = zip(lines, theirs).map { "\($0)\t\($1)" }.joined(separator: "\n") + "\n"
        let first = lines.first ?? ""
        let word = first.split(separator: " ").first ?? "-"
        let name = "\(dump)/\(mode)-\(word)-\(lines.count)-\(abs(first.hashValue % 10000)).txt"
        _ = FileManager.default.createFile(atPath: name, contents: Data(text.utf8))
    }
    #expect(
        theirs.count == lines.count, "the oracle answered \(theirs.count) of \(lines.count) lines",
        sourceLocation: sourceLocation)
    func cut(_ s: String) -> String { s.count > 300 ? s.prefix(300) + "...(\(s.count) characters)" : s }
    var mismatches = 0
    for (line, expected) in zip(lines, theirs) {
        let got = ours(line)
        guard got != expected else { continue }
        mismatches += 1
        if mismatches <= 20 {
            Issue.record(
                "\(mode) `\(cut(line))`: erl says \(cut(expected)), we say \(cut(got))", sourceLocation: sourceLocation)
        }
    }
    #expect(
        mismatches == 0, "\(mismatches) of \(lines.count) \(mode) lines differ from Erlang/OTP",
        sourceLocation: sourceLocation)
    return mismatches
}
