import PacketFraming
import Testing

@testable import packetcat

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

@Suite struct InputTests {
    /// A temporary file holding `bytes`; removed by the caller.
    func temporaryFile(_ bytes: [UInt8]) -> String {
        var template = Array("/tmp/packetcat-test-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        precondition(fd >= 0)
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        return template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }

    @Test func readsAFileWholeOrPieceByPiece() throws {
        let bytes = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let path = temporaryFile(bytes)
        defer { unlink(path) }
        #expect(try ByteInput(path: path).readAll().bytes == bytes)
        var pieces: [UInt8] = []
        var count = 0
        try ByteInput(path: path).forEachPiece(readSize: 4096) { (piece, _) throws(CLIError) -> Bool in
            #expect(piece.count <= 4096)
            pieces += piece
            count += 1
            return true
        }
        #expect(pieces == bytes)
        #expect(count >= 200_000 / 4096)
    }

    @Test func stoppingEarlyReadsNoFurther() throws {
        let path = temporaryFile([UInt8](repeating: 7, count: 10_000))
        defer { unlink(path) }
        var calls = 0
        try ByteInput(path: path).forEachPiece(readSize: 100) { (_, _) throws(CLIError) -> Bool in
            calls += 1
            return calls < 3
        }
        #expect(calls == 3)
    }

    @Test func unreadableInputsAreOneSentence() {
        #expect(throws: CLIError.failure("no such file: /nonexistent/x.bin")) {
            try ByteInput(path: "/nonexistent/x.bin")
        }
        #expect(throws: CLIError.failure("/tmp is a directory, not a file")) { try ByteInput(path: "/tmp").readAll() }
    }
}
