import Testing

@testable import PacketCorpus

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The archive format: deterministic packing, round trips, and every way a hostile or damaged
/// archive fails with a typed error instead of a trap or unbounded memory.
@Suite struct CorpusArchiveTests {
    static let sample: [[UInt8]] = [Array("GET / HTTP/1.1\r\n".utf8), [], [0, 3, 0x61, 0x62, 0x63], [0xFF], [0, 3]]

    /// A fresh, empty folder under /tmp, removed by the caller.
    static func temporaryDirectory() -> String {
        var template = Array("/tmp/packet-corpus-test-XXXXXX".utf8CString)
        let path = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
        return path
    }

    static func remove(_ directory: String) {
        if let names = try? FileIO.fileNames(in: directory) {
            for name in names { unlink(directory + "/" + name) }
        }
        rmdir(directory)
    }

    static func compress(_ container: [UInt8]) -> [UInt8] {
        try! Zlib.deflate(container)
    }

    @Test func sortsAndDeduplicatesEntries() {
        let archive = CorpusArchive(entries: Self.sample + Self.sample.reversed())
        #expect(archive.entries == [[], [0, 3], [0, 3, 0x61, 0x62, 0x63], Array("GET / HTTP/1.1\r\n".utf8), [0xFF]])
        #expect(archive.totalSize == 0 + 2 + 5 + 16 + 1)
    }

    @Test func sameInputsInAnyOrderGiveTheSameBytes() throws {
        let a = try CorpusArchive(entries: Self.sample).compressed()
        let b = try CorpusArchive(entries: Self.sample.reversed() + [[0xFF]]).compressed()
        #expect(a == b)
        #expect(a.count > 2 && a[0] == 0x78)  // a zlib header (deflate, 32 KiB window)
    }

    @Test func roundTripsThroughCompression() throws {
        let archive = CorpusArchive(entries: Self.sample)
        #expect(try CorpusArchive(compressed: archive.compressed()) == archive)
        #expect(try CorpusArchive(compressed: CorpusArchive().compressed()).entries.isEmpty)
    }

    @Test func containerLayoutIsAsDocumented() {
        let container = CorpusArchive(entries: [[7], []]).container()
        #expect(container == Array("PKTCORP".utf8) + [1, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 1, 7])
    }

    @Test func namesEntriesBySHA1LikeLibFuzzer() {
        #expect(CorpusArchive.name(of: []) == "da39a3ee5e6b4b0d3255bfef95601890afd80709")
        #expect(CorpusArchive.name(of: Array("abc".utf8)) == "a9993e364706816aba3e25717850c26c9cd0d89d")
        let long = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        #expect(CorpusArchive.name(of: long) == "84983e441c3bd26ebaae4aa1f95129e5e54670f1")
    }

    @Test func refusesBytesThatAreNotZlib() {
        #expect(throws: CorpusError(code: .corrupt, reason: "")) {
            try CorpusArchive(compressed: Array("not an archive at all".utf8))
        }
    }

    @Test func refusesAnEmptyOrTruncatedArchive() throws {
        #expect(throws: CorpusError(code: .truncated, reason: "")) { try CorpusArchive(compressed: [UInt8]()) }
        let bytes = try CorpusArchive(entries: Self.sample).compressed()
        for cut in [1, 2, bytes.count / 2, bytes.count - 1] {
            #expect(throws: CorpusError(code: .truncated, reason: "")) {
                try CorpusArchive(compressed: Array(bytes.prefix(cut)))
            }
        }
    }

    @Test func aFlippedBitIsRefusedOrChangesNothing() throws {
        // The Adler-32 checksum catches damage to the data; only the unused padding bits of the
        // last deflate byte can change without changing what the archive holds.
        let archive = CorpusArchive(entries: Self.sample)
        let bytes = try archive.compressed()
        var refused = 0
        for i in bytes.indices {
            var damaged = bytes
            damaged[i] ^= 0x10
            do {
                #expect(try CorpusArchive(compressed: damaged) == archive, "byte \(i)")
            } catch {
                refused += 1
            }
        }
        #expect(refused >= bytes.count - 1)
    }

    @Test func refusesTrailingBytesAfterTheStream() throws {
        let bytes = try CorpusArchive(entries: Self.sample).compressed()
        #expect(throws: CorpusError(code: .trailingBytes, reason: "")) { try CorpusArchive(compressed: bytes + [0]) }
    }

    @Test func stopsADecompressionBombAtTheLimit() throws {
        // 64 MiB of zeros compress to about 64 KiB; with a 1 MiB limit the inflater stops early.
        let bomb = Self.compress([UInt8](repeating: 0, count: 64 << 20))
        #expect(bomb.count < 128 * 1024)
        let limits = CorpusLimits(
            maximumArchiveSize: 1 << 20, maximumTotalSize: 1 << 20, maximumEntryCount: 10, maximumEntrySize: 1 << 20)
        do {
            _ = try CorpusArchive(compressed: bomb, limits: limits)
            Issue.record("a bomb was accepted")
        } catch {
            #expect(error.code == .tooLarge)
            #expect(error.reason.contains("bomb"))
        }
    }

    @Test func refusesAnArchiveLargerThanTheLimit() throws {
        let limits = CorpusLimits(
            maximumArchiveSize: 10, maximumTotalSize: 1 << 20, maximumEntryCount: 10, maximumEntrySize: 100)
        let bytes = try CorpusArchive(entries: Self.sample).compressed()
        #expect(throws: CorpusError(code: .tooLarge, reason: "")) {
            try CorpusArchive(compressed: bytes, limits: limits)
        }
    }

    @Test func refusesContainersWithoutTheMagic() {
        #expect(throws: CorpusError(code: .notAnArchive, reason: "")) {
            try CorpusArchive(compressed: Self.compress(Array("PKTCORP".utf8) + [2, 0, 0, 0, 0]))
        }
        #expect(throws: CorpusError(code: .notAnArchive, reason: "")) { try CorpusArchive(container: [1, 2, 3]) }
    }

    @Test func refusesHugeDeclaredCountsBeforeReserving() {
        let container = CorpusArchive.magic + [0x00, 0x01, 0x00, 0x00] + [0, 0, 0, 0]
        #expect(throws: CorpusError(code: .truncated, reason: "")) { try CorpusArchive(container: container) }
        let tooMany = CorpusArchive.magic + [0xFF, 0xFF, 0xFF, 0xFF]
        #expect(throws: CorpusError(code: .tooLarge, reason: "")) { try CorpusArchive(container: tooMany) }
    }

    @Test func refusesEntriesRunningPastTheEnd() {
        let container = CorpusArchive.magic + [0, 0, 0, 1] + [0, 0, 0, 9, 1, 2]
        #expect(throws: CorpusError(code: .truncated, reason: "")) { try CorpusArchive(container: container) }
        let huge = CorpusArchive.magic + [0, 0, 0, 1] + [0xFF, 0xFF, 0xFF, 0xFF]
        #expect(throws: CorpusError(code: .tooLarge, reason: "")) { try CorpusArchive(container: huge) }
        let cutLength = CorpusArchive.magic + [0, 0, 0, 2] + [0, 0, 0, 0, 0, 0]
        #expect(throws: CorpusError(code: .truncated, reason: "")) { try CorpusArchive(container: cutLength) }
    }

    @Test func refusesUnsortedOrRepeatedEntries() {
        let unsorted = CorpusArchive.magic + [0, 0, 0, 2] + [0, 0, 0, 1, 9] + [0, 0, 0, 1, 8]
        #expect(throws: CorpusError(code: .notCanonical, reason: "")) { try CorpusArchive(container: unsorted) }
        let repeated = CorpusArchive.magic + [0, 0, 0, 2] + [0, 0, 0, 1, 9] + [0, 0, 0, 1, 9]
        #expect(throws: CorpusError(code: .notCanonical, reason: "")) { try CorpusArchive(container: repeated) }
    }

    @Test func refusesBytesAfterTheLastEntry() {
        let container = CorpusArchive.magic + [0, 0, 0, 1] + [0, 0, 0, 1, 9] + [0]
        #expect(throws: CorpusError(code: .trailingBytes, reason: "")) { try CorpusArchive(container: container) }
    }

    @Test func neverWritesWhatItWouldRefuse() {
        let limits = CorpusLimits(
            maximumArchiveSize: 1 << 20, maximumTotalSize: 1 << 20, maximumEntryCount: 2, maximumEntrySize: 4)
        #expect(throws: CorpusError(code: .tooLarge, reason: "")) {
            try CorpusArchive(entries: [[1], [2], [3]]).compressed(limits: limits)
        }
        #expect(throws: CorpusError(code: .tooLarge, reason: "")) {
            try CorpusArchive(entries: [[1, 2, 3, 4, 5]]).compressed(limits: limits)
        }
    }

    @Test func packsAFolderAndUnpacksItUnderLibFuzzerNames() throws {
        let source = Self.temporaryDirectory()
        let base = Self.temporaryDirectory()
        let target = base + "/nested/out"
        defer {
            Self.remove(source)
            Self.remove(target)
            rmdir(base + "/nested")
            rmdir(base)
        }
        try FileIO.write([1, 2, 3], to: source + "/b")
        try FileIO.write([1, 2, 3], to: source + "/a")  // a repeat under another name
        try FileIO.write([], to: source + "/empty")
        try FileIO.write([9], to: source + "/.hidden")
        let archive = try CorpusArchive(directory: source)
        #expect(archive.entries == [[], [1, 2, 3]])
        let file = source + "/archive.corpus"
        try archive.write(to: file)
        let back = try CorpusArchive(contentsOf: file)
        #expect(back == archive)
        #expect(try back.unpack(into: target) == 2)
        #expect(
            try FileIO.fileNames(in: target)
                == [CorpusArchive.name(of: [1, 2, 3]), CorpusArchive.name(of: [])].sorted())
        #expect(try CorpusArchive(directory: target) == archive)
    }

    /// Found by the fuzz campaign (AddressSanitizer in Fuzz/run's pack step, a folder of 1,800
    /// inputs): reading a dirent's name copied the whole 256-byte `d_name` field, past the end of
    /// the last, shorter record in readdir's buffer. Run under `swift test --sanitize=address` to
    /// see it fail with the old code.
    @Test func packsAFolderOfThousandsOfLibFuzzerNamedFiles() throws {
        let source = Self.temporaryDirectory()
        defer { Self.remove(source) }
        var inputs: [[UInt8]] = []
        for i in 0..<3000 {
            let input = Array(String(i).utf8)
            inputs.append(input)
            try FileIO.write(input, to: source + "/" + CorpusArchive.name(of: input))
        }
        let archive = try CorpusArchive(directory: source)
        #expect(archive == CorpusArchive(entries: inputs))
        #expect(try FileIO.fileNames(in: source).count == 3000)
    }

    @Test func reportsMissingFilesWithTheirPath() {
        do {
            _ = try CorpusArchive(contentsOf: "/nonexistent/x.corpus")
            Issue.record("a missing file was read")
        } catch {
            #expect(error.code == .fileSystem)
            #expect(error.reason.contains("/nonexistent/x.corpus"))
        }
    }
}
