import PacketBench
import PacketFraming
import TestSupport
import Testing

@testable import packetcat

@Suite struct BenchCommandTests {
    static let headerFramed: [PacketType] = [.length1, .length2, .length4, .sunrm, .asn1, .tpkt, .fcgi, .cdr]

    /// The header of each type's packets as the protocols define it (not as the builder makes
    /// it): 1/2/4-byte lengths, the 4-byte record mark, the BER tag and short-form length (one
    /// more length byte from 128 bytes on), TPKT's 4 bytes, FastCGI's 8, GIOP's 12.
    static func headerSize(_ type: PacketType, payload: Int) -> Int {
        switch type {
        case .length1: 1
        case .length2: 2
        case .length4, .sunrm, .tpkt: 4
        case .asn1: payload < 128 ? 2 : 3
        case .fcgi: 8
        case .cdr: 12
        default: -1
        }
    }

    @Test(arguments: headerFramed)
    func streamHoldsCountPacketsOfPayloadBytes(_ type: PacketType) throws {
        for payload in [0, 1, 64, 200] {
            let stream = try BenchStream(type: type, payload: payload, count: 7)
            let header = Self.headerSize(type, payload: payload)
            #expect(stream.bytes.count == 7 * (header + payload + fcgiPadding(type, payload)))
            var framer = PacketFramer(type)
            framer.append(contentsOf: stream.bytes)
            var packets = 0
            while let packet = try framer.next() {
                packets += 1
                // 1/2/4 strip the header; the others keep it (fcgi drops its padding).
                let stripped = [PacketType.length1, .length2, .length4].contains(type)
                #expect(packet.count == (stripped ? payload : header + payload))
            }
            #expect(packets == 7)
            #expect(framer.bufferedByteCount == 0)
        }
    }

    func fcgiPadding(_ type: PacketType, _ payload: Int) -> Int {
        type == .fcgi ? (8 - payload % 8) % 8 : 0
    }

    @Test func asn1UsesTheLongFormForLongBodies() throws {
        let stream = try BenchStream(type: .asn1, payload: 70_000, count: 2)
        #expect(Array(stream.unit.prefix(5)) == [0x04, 0x83, 0x01, 0x11, 0x70])
        var framer = PacketFramer(.asn1)
        framer.append(contentsOf: stream.bytes)
        #expect(try framer.next()?.count == 70_005)
    }

    @Test func httpStreamsRepeatThe248ByteRequest() throws {
        #expect(HTTPMessages.request.count == 248)
        let run = try BenchRun.measure(try BenchStream(type: .httpBin, payload: 64, count: 3), chunk: 65536, rounds: 1)
        #expect(run.packets == 27)
        let headers = try BenchRun.measure(try BenchStream(type: .httphBin, payload: 64, count: 3), chunk: 1, rounds: 1)
        #expect(headers.packets == 24)
        #expect(headers.bytes == 3 * (248 - 30))
    }

    @Test func rawDeliversOnePacketPerChunk() throws {
        let run = try BenchRun.measure(try BenchStream(type: .raw, payload: 100, count: 10), chunk: 300, rounds: 2)
        #expect(run.packets == 4)
        #expect(run.bytes == 1000)
    }

    @Test func dripFedLinesGiveTheSamePackets() throws {
        let stream = try BenchStream(type: .line, payload: 64, count: 50)
        #expect(try BenchRun.measure(stream, chunk: 1, rounds: 1).packets == 50)
        #expect(try BenchRun.measure(stream, chunk: 65536, rounds: 1).packets == 50)
    }

    @Test(arguments: [
        (PacketType.line, 64, 50), (.length4, 64, 3000), (.length1, 200, 700), (.tpkt, 4096, 40), (.sunrm, 10, 1000),
    ])
    func framedInPlaceGivesTheSamePackets(_ type: PacketType, _ payload: Int, _ count: Int) throws {
        let stream = try BenchStream(type: type, payload: payload, count: count)
        for chunk in [1, 7, 65536] {
            let run = try BenchRun.measure(stream, chunk: chunk, rounds: 1, inPlace: true)
            #expect(run.packets == count, "chunk \(chunk)")
        }
        let text = try BenchRun.measure(stream, chunk: 100, rounds: 1, inPlace: true).text(
            stream: stream, chunk: 100, inPlace: true)
        #expect(text.contains(" fed in 100-byte chunks framed in place, best of 1 rounds"))
    }

    @Test func jsonHasTheKeysOfTheIssueInOrder() {
        let run = BenchRun(type: .length4, packets: 100, bytes: 6800, seconds: 0.5)
        #expect(
            run.json()
                == "{\"type\":\"4\",\"packets\":100,\"bytes\":6800,\"seconds\":0.5,\"packets_per_second\":200,\"bytes_per_second\":13600}"
        )
    }

    @Test func refusesPayloadsTheHeaderCannotDescribe() {
        #expect(throws: CLIError.usage("invalid --payload 256: --type 1 packets carry at most 255 bytes")) {
            try BenchStream(type: .length1, payload: 256, count: 1)
        }
        #expect(throws: CLIError.self) { try BenchStream(type: .line, payload: 0, count: 1) }
        #expect(throws: CLIError.self) { try BenchStream(type: .length4, payload: 1 << 20, count: 2000) }
    }

    /// CRC-32 (zlib's, `erlang:crc32/1`'s), written here so that the expected values below come
    /// from Erlang, not from the code under test.
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 != 0 ? 0xEDB8_8320 ^ (crc >> 1) : crc >> 1 }
        }
        return crc ^ 0xFFFF_FFFF
    }

    /// By default `packetcat bench` builds the benchmark package's streams: the CRC-32s are what
    /// `Benchmarks/erlang/run streams` (Erlang's own builder) printed for `len4-64`, `line-64`,
    /// `line-4k`, `asn1-4k` and `http-req` (64K).
    @Test(arguments: [
        (PacketType.length4, 64, 1_114_112, UInt32(0xb5dd_4194)),
        (.line, 64, 1_048_576, 0xcdc4_ad6b),
        (.line, 4096, 1_048_576, 0x13b6_94cf),
        (.asn1, 4096, 1_049_600, 0xc42a_42a0),
        (.httpBin, 64, 1_015_808, 0xa401_a68e),
    ])
    func defaultStreamsAreTheBenchmarkPackagesStreams(
        _ type: PacketType, _ payload: Int, _ size: Int, _ crc: UInt32
    ) throws {
        let stream = try BenchStream(
            type: type, payload: payload, count: BenchStream.defaultCount(type: type, payload: payload))
        #expect(stream.bytes.count == size)
        #expect(Self.crc32(stream.bytes) == crc)
    }

    @Test func theCPeerLoopsFindThePackets() throws {
        let lines = try BenchStream(type: .line, payload: 64, count: 50)
        #expect(CPeerLoops.memchrLines(lines.bytes, delimiter: 0x0A) == Tally(units: 50, bytes: 3200))
        for (type, header) in [(PacketType.length1, 1), (.length2, 2), (.length4, 4)] {
            let framed = try BenchStream(type: type, payload: 200, count: 7)
            #expect(CPeerLoops.headerWalk(framed.bytes, header: header) == Tally(units: 7, bytes: 1400))
            // A last packet cut short is not counted.
            #expect(CPeerLoops.headerWalk(framed.bytes.dropLast(), header: header) == Tally(units: 6, bytes: 1200))
        }
    }

    /// The copying reader finds every line whatever the chunks: byte by byte, a few bytes, more
    /// than a line, and a line longer than its buffer (chunk + 64 KiB), which it must grow for.
    @Test(arguments: [1, 3, 8, 9, 100, 65536])
    func theCopyingLineSplitFindsEveryLine(_ chunk: Int) {
        var stream: [UInt8] = []
        var lengths: [Int] = []
        for length in [1, 2, 64, 9, 8, 70_000 + chunk, 300, 1] {
            stream += [UInt8](repeating: 0x61, count: length - 1) + [0x0A]
            lengths.append(length)
        }
        let all = CPeerLoops.copyingMemchrLines(stream, chunk: chunk, delimiter: 0x0A)
        #expect(all == Tally(units: lengths.count, bytes: lengths.reduce(0, +)))
        // Bytes after the last line end are no line; another delimiter splits elsewhere.
        let cut = CPeerLoops.copyingMemchrLines(stream + [0x62, 0x62], chunk: chunk, delimiter: 0x0A)
        #expect(cut == all)
        #expect(CPeerLoops.copyingMemchrLines(stream, chunk: chunk, delimiter: 0x62) == Tally())
        #expect(
            CPeerLoops.copyingMemchrLines([0x41, 0x0D, 0x0D], chunk: chunk, delimiter: 0x0D)
                == Tally(units: 2, bytes: 3))
    }

    /// Frames of a `header`-byte big-endian length (1, 2 or 4) and that many bytes 0x61, one per
    /// payload length, written here rather than by the code under test.
    static func frames(_ payloads: [Int], header: Int) -> [UInt8] {
        var stream: [UInt8] = []
        for payload in payloads {
            for shift in stride(from: 8 * (header - 1), through: 0, by: -8) {
                stream.append(UInt8(truncatingIfNeeded: payload >> shift))
            }
            stream += [UInt8](repeating: 0x61, count: payload)
        }
        return stream
    }

    /// The copying header walk finds every frame whatever the chunks, as the walk in place does:
    /// byte by byte, a few bytes, more than a frame, empty frames, and (4-byte headers) a frame
    /// longer than its buffer (chunk + 64 KiB), which it must grow for. A last frame cut short,
    /// in its header or in its payload, is not counted by either.
    @Test(arguments: [1, 3, 8, 9, 100, 65536])
    func theCopyingHeaderWalkFindsEveryFrame(_ chunk: Int) {
        for (header, longest) in [(1, 255), (2, 65535), (4, 70_000 + chunk)] {
            let payloads = [0, 1, 64, 7, 8, longest, Swift.min(300, longest), 0, 2]
            let stream = Self.frames(payloads, header: header)
            let all = Tally(units: payloads.count, bytes: payloads.reduce(0, +))
            #expect(CPeerLoops.headerWalk(stream, header: header) == all, "header \(header)")
            #expect(CPeerLoops.copyingHeaderWalk(stream, chunk: chunk, header: header) == all, "header \(header)")
            var cuts = [stream + Self.frames([5], header: header).dropLast(2)]
            if header > 1 { cuts.append(stream + [UInt8](repeating: 0, count: header - 1)) }
            for cut in cuts {
                #expect(CPeerLoops.headerWalk(cut, header: header) == all, "header \(header), cut")
                #expect(
                    CPeerLoops.copyingHeaderWalk(cut, chunk: chunk, header: header) == all, "header \(header), cut")
            }
        }
    }

    /// The in-process peers take their rounds beside the framer's and find what it delivers;
    /// erlang is left to time itself.
    @Test func inProcessPeersRunAlongsideTheFramer() throws {
        let stream = try BenchStream(type: .line, payload: 64, count: 40)
        let (ours, peers) = try BenchRun.measure(
            stream, chunk: 100, rounds: 3, inPlace: false, alongside: [.memchrCopy, .erlang, .memchr])
        #expect(ours.packets == 40)
        #expect(peers.map(\.peer) == [.memchrCopy, .memchr])
        #expect(peers.map(\.units) == [40, 40])
        #expect(peers.allSatisfy { $0.seconds > 0 })
        let frames = try BenchStream(type: .length2, payload: 64, count: 30)
        let (framed, walks) = try BenchRun.measure(
            frames, chunk: 7, rounds: 3, inPlace: false, alongside: [.walkCopy, .erlang, .walk])
        #expect(framed.packets == 30)
        #expect(walks.map(\.peer) == [.walkCopy, .walk])
        #expect(walks.map(\.units) == [30, 30])
        #expect(walks.allSatisfy { $0.seconds > 0 })
    }

    @Test func peersRunOnlyWhereTheyApply() {
        #expect(BenchPeer.memchr.unavailable(for: .line) == nil)
        #expect(BenchPeer.memchr.unavailable(for: .length4) != nil)
        #expect(BenchPeer.memchrCopy.unavailable(for: .line) == nil)
        #expect(BenchPeer.memchrCopy.unavailable(for: .httpBin) != nil)
        #expect(BenchPeer(rawValue: "memchr-copy") == .memchrCopy)
        #expect(BenchPeer.walk.unavailable(for: .length2) == nil)
        #expect(BenchPeer.walk.unavailable(for: .line) != nil)
        #expect(BenchPeer.walk.unavailable(for: .sunrm) != nil)
        for type in [PacketType.length1, .length2, .length4] {
            #expect(BenchPeer.walkCopy.unavailable(for: type) == nil)
        }
        #expect(BenchPeer.walkCopy.unavailable(for: .line) != nil)
        #expect(BenchPeer.walkCopy.unavailable(for: .httpBin) != nil)
        #expect(BenchPeer.walkCopy.unavailable(for: .sunrm) != nil)
        #expect(BenchPeer(rawValue: "walk-copy") == .walkCopy)
        #expect(BenchPeer.erlang.unavailable(for: .raw) != nil)
        #expect(BenchPeer.erlang.unavailable(for: .httphBin) == nil)
    }

    /// Erlang frames the same bytes into as many packets (HTTP: messages); skipped without escript.
    @Test(arguments: [(PacketType.line, 50, 1, 50), (.length2, 30, 7, 30), (.httpBin, 3, 65536, 3), (.httph, 4, 5, 4)])
    func erlangFindsThePackets(_ type: PacketType, _ count: Int, _ chunk: Int, _ units: Int) throws {
        guard let escript = ErlangPeer.escript() else {
            #expect(!ErlangOracle.required, "escript is needed in CI")
            return
        }
        let stream = try BenchStream(type: type, payload: 64, count: count)
        let prepared = try ErlangPeer.prepare(stream, escript: escript)
        defer { prepared.remove() }
        let run = try prepared.measure(chunk: chunk, rounds: 1)
        #expect(run.units == units)
        #expect(run.seconds > 0)
    }

    /// With erlang among the peers the rounds run in blocks, the framer's and the in-process
    /// peers' in turns, erlang's after each block: every side still reports its best and finds
    /// the same packets, in the order asked.
    @Test func comparingWithErlangRunsTheRoundsInBlocks() throws {
        guard ErlangPeer.escript() != nil else {
            #expect(!ErlangOracle.required, "escript is needed in CI")
            return
        }
        let stream = try BenchStream(type: .line, payload: 64, count: 30)
        let (ours, peers) = try BenchRun.compare(
            stream, chunk: 100, rounds: 6, inPlace: true, against: [.erlang, .memchrCopy, .memchr])
        #expect(ours.rounds == 6)
        #expect(ours.packets == 30)
        #expect(peers.map(\.peer) == [.erlang, .memchrCopy, .memchr])
        #expect(peers.map(\.units) == [30, 30, 30])
    }

    @Test func jsonListsThePeers() {
        let run = BenchRun(type: .line, packets: 100, bytes: 6400, seconds: 0.5)
        let json = run.json(against: [PeerRun(peer: .erlang, units: 100, seconds: 1.25)])
        #expect(
            json
                == "{\"type\":\"line\",\"packets\":100,\"bytes\":6400,\"seconds\":0.5,\"packets_per_second\":200,"
                + "\"bytes_per_second\":12800,\"against\":[{\"peer\":\"erlang\",\"seconds\":1.25,"
                + "\"packets_per_second\":80,\"ratio\":2.500}]}"
        )
    }

    @Test func textShowsRatesWithPrefixes() {
        #expect(BenchRun.scaled(80_412_345) == "80.4 M")
        #expect(BenchRun.scaled(636_000_000) == "636 M")
        #expect(BenchRun.scaled(2_560_000) == "2.56 M")
        #expect(BenchRun.decimal(1.2434, 3) == "1.243")
        #expect(BenchRun.decimal(0.0005, 3) == "0.001")
    }
}
