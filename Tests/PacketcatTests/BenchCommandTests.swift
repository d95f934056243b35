import PacketFraming
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
        #expect(BenchStream.request.count == 248)
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

    @Test func jsonHasTheKeysOfTheIssueInOrder() {
        let run = BenchRun(type: .length4, packets: 100, bytes: 6800, seconds: 0.5)
        #expect(
            run.json
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

    @Test func textShowsRatesWithPrefixes() {
        #expect(BenchRun.scaled(80_412_345) == "80.4 M")
        #expect(BenchRun.scaled(636_000_000) == "636 M")
        #expect(BenchRun.scaled(2_560_000) == "2.56 M")
        #expect(BenchRun.decimal(1.2434, 3) == "1.243")
        #expect(BenchRun.decimal(0.0005, 3) == "0.001")
    }
}
