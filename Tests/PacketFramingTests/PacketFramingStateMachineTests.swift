import TestSupport
import Testing

@testable import PacketFraming

/// The state machine over storage that is not a `PacketBuffer` (an array whose front is removed),
/// against the framer on the same chunks; reading bodies by length; the one output type.
@Suite struct PacketFramingStateMachineTests {
    /// What a reader saw: each packet (bytes, or an HTTP packet printed), then how it ended.
    enum Seen: Equatable {
        case bytes([UInt8])
        case http(HTTPPacket)
        case error(PacketError.Code)
    }

    /// The machine over a plain array: append each chunk, take frames, remove their bytes.
    static func machineOverArray(
        _ stream: [UInt8], _ type: PacketType, _ options: PacketOptions, chunks: [Int]
    ) -> [Seen] {
        var machine = PacketFramingStateMachine(type, options: options)
        var storage: [UInt8] = []
        var seen: [Seen] = []
        var offset = 0
        for size in chunks {
            storage += stream[offset..<(offset + size)]
            offset += size
            do {
                while true {
                    guard let frame = try Self.nextFrame(&machine, storage) else { break }
                    if let http = frame.http {
                        seen.append(.http(http))
                    } else {
                        seen.append(.bytes(Array(storage[frame.body])))
                    }
                    storage.removeFirst(frame.length)
                }
            } catch {
                seen.append(.error(error.code))
                return seen
            }
        }
        return seen
    }

    /// `nextFrame(in:)` on an array's bytes.
    static func nextFrame(
        _ machine: inout PacketFramingStateMachine, _ bytes: [UInt8]
    ) throws(PacketError)
        -> PacketFrame?
    {
        let result = bytes.withUnsafeBytes { b in
            Result { () throws(PacketError) in try machine.nextFrame(in: b) }
        }
        return try result.get()
    }

    /// The framer on the same chunks, through `nextPacket()`.
    static func framer(_ stream: [UInt8], _ type: PacketType, _ options: PacketOptions, chunks: [Int]) -> [Seen] {
        var framer = PacketFramer(type, options: options)
        var seen: [Seen] = []
        var offset = 0
        for size in chunks {
            framer.append(contentsOf: stream[offset..<(offset + size)])
            offset += size
            do {
                while let packet = try framer.nextPacket() {
                    switch packet {
                    case .bytes(let bytes): seen.append(.bytes(bytes.bytes))
                    case .http(let http): seen.append(.http(http))
                    }
                }
            } catch {
                seen.append(.error(error.code))
                return seen
            }
        }
        return seen
    }

    static func randomChunks(_ count: Int, _ rng: inout SplitMix) -> [Int] {
        var chunks: [Int] = []
        var left = count
        while left > 0 {
            let size = Swift.min(left, [1, 1, 2, 3, 7, 64].randomElement(using: &rng)!)
            chunks.append(size)
            left -= size
        }
        return chunks
    }

    static let httpLines = [
        "GET /a?b=c HTTP/1.1\r\n", "HTTP/1.0 200 OK\r\n", "Host: example.com\r\n", "X-Folded: a\r\n b\r\n",
        "\r\n", "garbage line\r\n", "Content-Length: 3\r\n", "\n",
    ]

    @Test(arguments: PacketType.allCases)
    func machineOverAnArrayAgreesWithTheFramer(_ type: PacketType) {
        var rng = SplitMix(seed: 0x5EED &+ UInt64(PacketType.allCases.firstIndex(of: type)!))
        var packets = 0
        for _ in 0..<500 {
            let options = RandomInputTests.randomOptions(type, &rng)
            var stream: [UInt8] = []
            for _ in 0..<Int.random(in: 1...8, using: &rng) {
                if type.isHTTP && Bool.random(using: &rng) {
                    stream += Array(Self.httpLines.randomElement(using: &rng)!.utf8)
                } else if Int.random(in: 0..<8, using: &rng) == 0 {
                    stream += RandomInputTests.randomInput(type, &rng)
                } else {
                    stream += Samples.packet(
                        type, payload: Samples.randomBytes(Int.random(in: 0...30, using: &rng), &rng), options: options)
                }
            }
            let chunks = Self.randomChunks(stream.count, &rng)
            let expected = Self.framer(stream, type, options, chunks: chunks)
            #expect(Self.machineOverArray(stream, type, options, chunks: chunks) == expected)
            packets += expected.count
        }
        #expect(packets > 500)
    }

    @Test func nextFrameParsesHTTPAndMovesTheHTTPState() throws {
        var machine = PacketFramingStateMachine(.httpBin)
        let bytes = Array("GET / HTTP/1.1\r\nHost: a\r\n\r\n".utf8)
        #expect(!machine.expectsHTTPHeader)
        let first = try #require(try Self.nextFrame(&machine, bytes))
        #expect(first.body == 0..<16 && first.length == 16)
        #expect(
            first.http == .request(HTTPRequestLine(method: .get, uri: .absPath(PacketBuffer("/")), version: .http11)))
        #expect(machine.expectsHTTPHeader)
        let rest = Array(bytes[16...])
        let second = try #require(try Self.nextFrame(&machine, rest))
        #expect(second.length == 9)
        guard case .header(let host) = second.http else {
            Issue.record("expected a header, got \(String(describing: second.http))")
            return
        }
        #expect(host.field == .host && host.value == PacketBuffer("a"))
        let last = Array(rest[9...])
        let third = try #require(try Self.nextFrame(&machine, last))
        #expect(third.http == .endOfHeaders && third.length == 2)
        #expect(!machine.expectsHTTPHeader)
    }

    @Test func nextFrameGivesNoHTTPPacketForOtherTypes() throws {
        var machine = PacketFramingStateMachine(.length1)
        let bytes: [UInt8] = [2, 0x61, 0x62, 9]
        let frame = try #require(try Self.nextFrame(&machine, bytes))
        #expect(frame == PacketFrame(body: 1..<3, length: 3))
        #expect(frame.http == nil)
    }

    @Test func anErrorStaysUntilTheTypeChanges() throws {
        var machine = PacketFramingStateMachine(.length1, options: PacketOptions(packetSize: 2))
        let bytes: [UInt8] = [3, 1, 2, 3]
        for _ in 0..<2 {
            #expect(throws: PacketError(code: .packetTooLarge, reason: "")) {
                try Self.nextFrame(&machine, bytes)
            }
        }
        machine.setType(.length1, options: PacketOptions())
        #expect(try Self.nextFrame(&machine, bytes) == PacketFrame(body: 1..<4, length: 4))
    }

    // MARK: - Bodies by length

    @Test func readExactlyTakesABodyBetweenPipelinedRequests() throws {
        var framer = PacketFramer(.httpBin)
        framer.append(
            contentsOf: Array("POST /a HTTP/1.1\r\nContent-Length: 3\r\n\r\nabcGET /b HTTP/1.1\r\nHost: h\r\n\r\n".utf8)
        )
        var seen: [String] = []
        var bodyLength = 0
        while let packet = try framer.nextPacket() {
            let message = try #require(packet.http)
            switch message {
            case .request(let line):
                guard case .absPath(let path) = line.uri else {
                    Issue.record("expected an absolute path in \(line)")
                    return
                }
                seen.append("request \(path.string)")
            case .header(let header):
                seen.append("header \(header.canonicalName): \(header.valueString)")
                if header.field == .contentLength { bodyLength = Int(header.valueString) ?? -1 }
            case .endOfHeaders:
                seen.append("end")
                if bodyLength > 0 {
                    let read = framer.read(exactly: bodyLength)
                    let body = try #require(read)
                    seen.append("body \(body.string)")
                    bodyLength = 0
                }
            default: seen.append("other \(message)")
            }
        }
        #expect(
            seen == [
                "request /a", "header Content-Length: 3", "end", "body abc", "request /b", "header Host: h", "end",
            ])
        #expect(framer.bufferedByteCount == 0)
    }

    @Test func readExactlyWaitsForEveryByteAndTakesNothingMeanwhile() {
        var framer = PacketFramer(.line)
        framer.append(contentsOf: [1, 2, 3])
        #expect(framer.read(exactly: 4) == nil)
        #expect(framer.bufferedByteCount == 3)
        framer.append(4)
        #expect(framer.read(exactly: 4) == PacketBuffer([1, 2, 3, 4]))
        #expect(framer.read(exactly: 0) == nil)
        framer.append(contentsOf: [5, 6])
        #expect(framer.read(exactly: 0) == PacketBuffer([5, 6]))
    }

    @Test func readUpToTakesWhatIsThere() {
        var framer = PacketFramer(.length4)
        framer.append(contentsOf: [9, 8, 7])
        #expect(framer.read(upTo: 2) == PacketBuffer([9, 8]))
        #expect(framer.read(upTo: 10) == PacketBuffer([7]))
        #expect(framer.read(upTo: 10) == nil)
    }

    /// A raw read between packets forgets the scan progress: the line searched before the read
    /// is searched again from its new start.
    @Test func aReadBetweenLinesRestartsTheSearch() throws {
        var framer = PacketFramer(.line)
        framer.append(contentsOf: Array("abc".utf8))
        #expect(try framer.next() == nil)
        #expect(framer.read(exactly: 2) == PacketBuffer("ab"))
        framer.append(contentsOf: Array("d\nrest".utf8))
        #expect(try framer.next() == PacketBuffer("cd\n"))
        #expect(framer.finish() == PacketBuffer("rest"))
    }

    /// A chunked body read with `line` (the chunk-size line) and `read(exactly:)` (the data and
    /// its CRLF), then the next request with the HTTP type again.
    @Test func chunkedBodyWithLineAndReadExactly() throws {
        var framer = PacketFramer(.httpBin)
        framer.append(
            contentsOf: Array(
                "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nWiki\r\n0\r\n\r\nGET /next HTTP/1.1\r\n\r\n"
                    .utf8))
        guard case .request = try #require(try framer.nextPacket()?.http),
            case .header(let header) = try #require(try framer.nextPacket()?.http)
        else {
            Issue.record("expected a request and a header")
            return
        }
        #expect(header.field == .transferEncoding)
        #expect(try framer.nextPacket() == .http(.endOfHeaders))
        framer.setType(.line)
        var chunks: [String] = []
        while true {
            let sizeLine = try #require(try framer.next()).string
            let size = try #require(Int(sizeLine.trimmingSuffix("\r\n"), radix: 16))
            let read = framer.read(exactly: size + 2)
            let data = try #require(read)
            #expect(data.slice(size...) == PacketBuffer("\r\n"))
            if size == 0 { break }
            chunks.append(data.slice(..<size).string)
        }
        #expect(chunks == ["Wiki"])
        framer.setType(.httpBin)
        let next = try #require(try framer.nextPacket()?.http)
        #expect(next == .request(HTTPRequestLine(method: .get, uri: .absPath(PacketBuffer("/next")), version: .http11)))
    }
}

extension String {
    fileprivate func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}

/// The accessors of the decode results (values as `erlang:decode_packet` answers them).
@Suite struct DecodeResultAccessorTests {
    @Test func decodedPacketAccessors() throws {
        let codec = try PacketCodec(.length2)
        let ok = codec.decode(PacketBuffer([0, 2, 0x61, 0x62, 0x63]))
        #expect(ok.packet == PacketBuffer("ab") && ok.rest == PacketBuffer("c"))
        #expect(!ok.needsMore && ok.neededTotal == nil && ok.error == nil)
        let more = codec.decode(PacketBuffer([0, 5, 0x61]))
        #expect(more.packet == nil && more.rest == nil && more.needsMore && more.neededTotal == 7)
        let undefined = codec.decode(PacketBuffer([0]))
        #expect(undefined.needsMore && undefined.neededTotal == nil)
        let invalid = try PacketCodec(.tpkt).decode(PacketBuffer([2, 0, 0, 4]))
        #expect(invalid.error?.code == .invalidPacket && invalid.packet == nil)
    }

    @Test func scanResultAccessors() throws {
        let codec = try PacketCodec(.length1)
        let scan = codec.scan(PacketBuffer([2, 9, 8, 7]))
        #expect(scan.frame?.body == 1..<3 && scan.frame?.length == 3)
        #expect(codec.scan(PacketBuffer([3])).neededTotal == 4)
    }

    @Test func decodedHTTPPacketAccessors() throws {
        let codec = try PacketCodec(.httphBin)
        let ok = codec.decodeHTTP(PacketBuffer("\r\nrest"))
        #expect(ok.packet == .endOfHeaders && ok.rest == PacketBuffer("rest"))
        #expect(codec.decodeHTTP(PacketBuffer("Host")).needsMore)
    }
}
