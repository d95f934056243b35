import NIOCore
import NIOEmbedded
import NIOTestUtils
import PacketFraming
import PacketFramingNIO
import TestSupport
import Testing

@Suite struct HTTPHeadDecoderTests {
    typealias Part = HTTPHeadDecoder.Part

    static func request(_ path: String, _ method: HTTPMethod = .get) -> HTTPPacket {
        .request(HTTPRequestLine(method: method, uri: .absPath(PacketBuffer(path)), version: .http11))
    }

    static func header(_ field: HTTPField?, _ name: String, _ value: String) -> HTTPPacket {
        .header(HTTPHeader(field: field, name: PacketBuffer(name), value: PacketBuffer(value)))
    }

    static func head(_ packets: [HTTPPacket], hasStartLine: Bool = true) -> Part {
        .head(HTTPMessageHead(packets: ContiguousArray(packets), hasStartLine: hasStartLine))
    }

    /// Everything the channel passes on for `stream` fed in chunks of `chunk` bytes, then closed
    /// (what `decodeLast` adds included), and the first error.
    static func run<D: ByteToMessageDecoder>(
        _ decoder: D, _ stream: [UInt8], chunks: (Int) -> Int, as: D.InboundOut.Type
    ) throws -> (parts: [D.InboundOut], error: PacketError?) {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(decoder))
        var parts: [D.InboundOut] = []
        var error: PacketError? = nil
        var offset = 0
        while offset < stream.count && error == nil {
            let size = min(stream.count - offset, chunks(stream.count - offset))
            do {
                try channel.writeInbound(ByteBuffer(bytes: stream[offset..<(offset + size)]))
            } catch let thrown as PacketError {
                error = thrown
            }
            offset += size
            while let part = try channel.readInbound(as: D.InboundOut.self) { parts.append(part) }
        }
        try? channel.close().wait()
        while let part = try channel.readInbound(as: D.InboundOut.self) { parts.append(part) }
        _ = try? channel.finish(acceptAlreadyClosed: true)
        return (parts, error)
    }

    static func parts(_ stream: String, chunk: Int = 1000, _ decoder: HTTPHeadDecoder = .init()) throws -> [Part] {
        let (parts, error) = try run(decoder, Array(stream.utf8), chunks: { _ in chunk }, as: Part.self)
        #expect(error == nil)
        return joinedBodies(parts)
    }

    /// Consecutive body pieces as one (chunkings differ in how a body is cut).
    static func joinedBodies(_ parts: [Part]) -> [Part] {
        var joined: [Part] = []
        for part in parts {
            if case .body(var piece) = part, case .body(var last)? = joined.last {
                last.writeBuffer(&piece)
                joined[joined.count - 1] = .body(last)
            } else {
                joined.append(part)
            }
        }
        return joined
    }

    // MARK: - Heads

    @Test func verifierAcceptsTheDecoderOnWholeMessages() throws {
        let end = HTTPPacket.endOfHeaders
        try ByteToMessageDecoderVerifier.verifyDecoder(
            stringInputOutputPairs: [
                (
                    "GET /a HTTP/1.1\r\nHost: x\r\n\r\n",
                    [Self.head([Self.request("/a"), Self.header(.host, "Host", "x"), end])]
                ),
                (
                    "GET /b HTTP/1.1\r\nX-Folded: 1\r\n 2\r\n\r\n",
                    [Self.head([Self.request("/b"), Self.header(nil, "X-Folded", "1\r\n 2"), end])]
                ),
                ("GET /c HTTP/1.1\r\n\r\n", [Self.head([Self.request("/c"), end])]),
                (
                    "nonsense\r\nGET /d HTTP/1.0\n\n",
                    [
                        Self.head([.error(line: PacketBuffer("nonsense\r\n"))]),
                        Self.head([
                            .request(
                                HTTPRequestLine(method: .get, uri: .absPath(PacketBuffer("/d")), version: .http10)),
                            end,
                        ]),
                    ]
                ),
            ]
        ) { HTTPHeadDecoder(.httpBin) }
    }

    @Test func headGivesTheStartLineTheHeadersAndTheContentLength() throws {
        let parts = try Self.parts(
            "GET /a?b HTTP/1.1\r\nHost: example.com\r\nX-One: 1\r\nbad header line\r\nAccept: */*\r\n\r\n")
        guard case .head(let head)? = parts.first, parts.count == 1 else {
            Issue.record("one head expected, got \(parts)")
            return
        }
        #expect(head.request?.method == .get)
        #expect(head.request?.uri == .absPath(PacketBuffer("/a?b")))
        #expect(head.response == nil)
        #expect(head.isComplete)
        #expect(head.headers.map(\.name.string) == ["Host", "X-One", "Accept"])
        #expect(head.headers.map(\.value.string) == ["example.com", "1", "*/*"])
        #expect(head.first(.host)?.valueString == "example.com")
        #expect(head.first(.contentLength) == nil)
        #expect(head.contentLength == nil)
        // The line that is no header stays in place, as Erlang delivers it.
        #expect(head.packets.count == 6)
        #expect(head.packets[3] == .error(line: PacketBuffer("bad header line\r\n")))
    }

    @Test func responseHead() throws {
        let parts = try Self.parts("HTTP/1.0 404 Not Found\r\nContent-Length: 0\r\n\r\n")
        guard case .head(let head)? = parts.first else {
            Issue.record("no head")
            return
        }
        #expect(head.response?.status == 404)
        #expect(head.response?.reasonString == "Not Found")
        #expect(head.request == nil)
        #expect(head.contentLength == 0)
    }

    @Test func contentLengthBodyComesAfterItsHeadBeforeTheNextHead() throws {
        let stream = "POST /a HTTP/1.1\r\nContent-Length: 5\r\n\r\nhelloGET /b HTTP/1.1\r\n\r\n"
        let expected: [Part] = [
            Self.head([Self.request("/a", .post), Self.header(.contentLength, "Content-Length", "5"), .endOfHeaders]),
            .body(ByteBuffer(string: "hello")),
            Self.head([Self.request("/b"), .endOfHeaders]),
        ]
        for chunk in [1, 2, 3, 7, 1000] {
            #expect(try Self.parts(stream, chunk: chunk) == expected)
        }
    }

    @Test(arguments: ["12", " 12\t", "012"])
    func contentLengthIsTheDecimalValue(_ value: String) throws {
        let stream = "POST / HTTP/1.1\r\nContent-Length: \(value)\r\n\r\n"
        guard case .head(let head)? = try Self.parts(stream, HTTPHeadDecoder(bodyMode: .none)).first else {
            Issue.record("no head")
            return
        }
        #expect(head.contentLength == 12)
    }

    @Test(arguments: ["1 2", "12x", "", "-1", "99999999999999999999999"])
    func contentLengthThatIsNoDecimalNumberIsNil(_ value: String) throws {
        let stream = "POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: \(value)\r\n\r\n"
        guard case .head(let head)? = try Self.parts(stream, HTTPHeadDecoder(bodyMode: .none)).first else {
            Issue.record("no head")
            return
        }
        #expect(head.contentLength == nil)
        #expect(head.first(.contentLength)?.valueString == "3")
    }

    @Test(arguments: [PacketType.httph, .httphBin])
    func headerOnlyTypesGiveHeadsWithoutStartLine(_ type: PacketType) throws {
        let parts = try Self.parts("Host: x\r\n\r\nGET / HTTP/1.1\r\n\r\n", HTTPHeadDecoder(type))
        #expect(
            parts == [
                Self.head([Self.header(.host, "Host", "x"), .endOfHeaders], hasStartLine: false),
                // In the header state a start line is no header: an error line, in the head.
                Self.head([.error(line: PacketBuffer("GET / HTTP/1.1\r\n")), .endOfHeaders], hasStartLine: false),
            ])
        guard case .head(let head)? = parts.first else {
            Issue.record("no head: \(parts)")
            return
        }
        #expect(head.startLine == nil)
        #expect(head.request == nil)
        #expect(head.isComplete)
        #expect(head.headers.count == 1)
    }

    @Test func unfinishedHeadComesOutIncompleteAtTheEndAndItsUnfinishedLineIsDropped() throws {
        let parts = try Self.parts("GET /a HTTP/1.1\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\nAcc", chunk: 5)
        #expect(
            parts == [
                Self.head([Self.request("/a"), .endOfHeaders]),
                Self.head([Self.request("/b"), Self.header(.host, "Host", "x")]),
            ])
        guard case .head(let last)? = parts.last else {
            Issue.record("no head: \(parts)")
            return
        }
        #expect(!last.isComplete)
    }

    /// A pipeline message is an `NIOAny`, an existential: a value larger than its three words of
    /// inline storage is boxed, an allocation per message. A part must fit.
    @Test func partFitsInAnExistentialWithoutABox() {
        #expect(MemoryLayout<Part>.size <= 3 * MemoryLayout<Int>.size)
        #expect(MemoryLayout<HTTPMessageHead>.size <= 2 * MemoryLayout<Int>.size)
    }

    /// A reader that handles each head in `channelRead` and keeps nothing; it notes where each
    /// head's packets are.
    final class ReleasingReader: ChannelInboundHandler {
        typealias InboundIn = Part
        var addresses: [UInt] = []

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            guard case .head(let head) = Self.unwrapInboundIn(data) else { return }
            addresses.append(head.packets.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) })
        }
    }

    @Test func headArrayIsReusedWhenTheReaderReleasedTheLastHead() throws {
        let reader = ReleasingReader()
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandlers([ByteToMessageHandler(HTTPHeadDecoder()), reader])
        let request = "GET /a HTTP/1.1\r\nHost: x\r\nAccept: */*\r\n\r\n"
        try channel.writeInbound(ByteBuffer(string: String(repeating: request, count: 5)))
        try channel.writeInbound(ByteBuffer(string: request))
        #expect(reader.addresses.count == 6)
        // Every head in the same storage: no array allocated after the first.
        #expect(Set(reader.addresses).count == 1)
        #expect(try channel.finish().isClean)
    }

    @Test func headHeldByTheReaderKeepsItsPackets() throws {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(HTTPHeadDecoder()))
        try channel.writeInbound(ByteBuffer(string: "GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\n\r\n"))
        let first = try #require(try channel.readInbound(as: Part.self))
        let second = try #require(try channel.readInbound(as: Part.self))
        #expect(first == Self.head([Self.request("/a"), Self.header(.host, "Host", "x"), .endOfHeaders]))
        #expect(second == Self.head([Self.request("/b"), .endOfHeaders]))
        #expect(try channel.finish().isClean)
    }

    // MARK: - Limits

    static func request(headers count: Int) -> [UInt8] {
        Array(("GET / HTTP/1.1\r\n" + (0..<count).map { "X-H\($0): v\r\n" }.joined() + "\r\n").utf8)
    }

    @Test func headWithTheMaximumHeaderCountPasses() throws {
        let (parts, error) = try Self.run(
            HTTPHeadDecoder(), Self.request(headers: 100), chunks: { _ in 64 }, as: Part.self)
        #expect(error == nil)
        guard case .head(let head)? = parts.first, parts.count == 1 else {
            Issue.record("one head expected")
            return
        }
        #expect(head.headers.count == 100)
    }

    @Test func headWithOneHeaderTooManyThrows() throws {
        let (parts, error) = try Self.run(
            HTTPHeadDecoder(), Self.request(headers: 101), chunks: { _ in 64 }, as: Part.self)
        #expect(error == PacketError(code: .tooManyHeaders, reason: ""))
        #expect(parts.isEmpty)
    }

    @Test func invalidHeaderLinesCountTowardsTheLimit() throws {
        let stream = Array("GET / HTTP/1.1\r\nA: 1\r\nnot a header\r\nB: 2\r\n\r\n".utf8)
        let (_, error) = try Self.run(
            HTTPHeadDecoder(maximumHeaderCount: 2), stream, chunks: { _ in 1000 }, as: Part.self)
        #expect(error == PacketError(code: .tooManyHeaders, reason: ""))
        let (parts, fine) = try Self.run(
            HTTPHeadDecoder(maximumHeaderCount: 3), stream, chunks: { _ in 1000 }, as: Part.self)
        #expect(fine == nil)
        #expect(parts.count == 1)
    }

    @Test func lineOverTheLimitThrows() throws {
        let decoder = HTTPHeadDecoder(.httpBin, options: PacketOptions(packetSize: 8))
        let (_, error) = try Self.run(
            decoder, Array("GET /very/long HTTP/1.1\r\n".utf8), chunks: { _ in 1000 }, as: Part.self)
        #expect(error == PacketError(code: .packetTooLarge, reason: ""))
    }

    @Test func headerLineOverTheDefaultLimitThrows() throws {
        let decoder = HTTPHeadDecoder(.httpBin, maximumHTTPPacketSize: 64)
        let stream = Array(("GET / HTTP/1.1\r\nX: " + String(repeating: "a", count: 100)).utf8)
        let (parts, error) = try Self.run(decoder, stream, chunks: { _ in 16 }, as: Part.self)
        #expect(error == PacketError(code: .packetTooLarge, reason: ""))
        #expect(parts.isEmpty)
    }

    // MARK: - Against the per-line decoder

    typealias Grouping = (items: [Item], limitHit: Bool)

    /// What a pipeline can tell apart: a head's packets (and whether it ended), or body bytes.
    enum Item: Equatable {
        case head([HTTPPacket], complete: Bool)
        case body([UInt8])
    }

    /// The per-line decoder's packets grouped into heads by Erlang's http state (the
    /// specification, written here without HTTPHeadDecoder): in the start-line state a request or
    /// response opens a head and any other line is a head of its own; in the header state lines
    /// join the head until the end of the headers. The header-only types are always in the header
    /// state. A head that would get more than `limit` header lines stops the grouping there:
    /// `limitHit`.
    static func grouped(_ parts: [HTTPPacketDecoder.Part], headerOnly: Bool, limit: Int, ended: Bool) -> Grouping {
        var items: [Item] = []
        var current: [HTTPPacket] = []
        for part in parts {
            switch part {
            case .body(let piece):
                items.append(.body(Array(piece.readableBytesView)))
            case .packet(let packet):
                if current.isEmpty && !headerOnly {
                    switch packet {
                    case .request, .response: current = [packet]
                    default: items.append(.head([packet], complete: true))
                    }
                } else if case .endOfHeaders = packet {
                    items.append(.head(current + [packet], complete: true))
                    current = []
                } else {
                    if current.count - (headerOnly ? 0 : 1) >= limit { return (joined(items), true) }
                    current.append(packet)
                }
            }
        }
        if ended && !current.isEmpty { items.append(.head(current, complete: false)) }
        return (joined(items), false)
    }

    static func joined(_ items: [Item]) -> [Item] {
        var out: [Item] = []
        for item in items {
            if case .body(let piece) = item, case .body(let last)? = out.last {
                out[out.count - 1] = .body(last + piece)
            } else {
                out.append(item)
            }
        }
        return out
    }

    static func items(_ parts: [Part]) -> [Item] {
        joined(
            parts.map { part in
                switch part {
                case .head(let head): .head(Array(head.packets), complete: head.isComplete)
                case .body(let piece): .body(Array(piece.readableBytesView))
                }
            })
    }

    static let lines = [
        "GET /a?b=c HTTP/1.1\r\n", "HTTP/1.0 200 OK\r\n", "Host: example.com\r\n", "X-Folded: a\r\n b\r\n",
        "\r\n", "\r\n", "garbage line\r\n", "Content-Length: 3\r\n", "Content-Length: 0\r\n", "\n",
        "POST * HTTP/1.0\n", "Accept: */*\r\n", "abc", "x-long-header-name: with a somewhat longer value\r\n",
    ]

    /// Flattening the heads gives exactly the per-line decoder's packets, body bytes included, on
    /// random streams in random chunkings (each decoder its own), with line limits and header
    /// count limits that sometimes bite; the errors are the same, or the header count limit first
    /// where a head grows past it.
    @Test(arguments: PacketType.allCases.filter(\.isHTTP))
    func flattenedHeadsAreThePerLineDecodersPackets(_ type: PacketType) throws {
        var rng = SplitMix(seed: 0x4EAD &+ UInt64(PacketType.allCases.firstIndex(of: type)!))
        var heads = 0
        var limitErrors = 0
        var lineErrors = 0
        for _ in 0..<300 {
            let stream = Array(
                (0..<Int.random(in: 1...24, using: &rng)).map { _ in Self.lines.randomElement(using: &rng)! }
                    .joined().utf8)
            var options = PacketOptions()
            if Int.random(in: 0..<6, using: &rng) == 0 { options.packetSize = [8, 20, 40].randomElement(using: &rng)! }
            let limit = Bool.random(using: &rng) ? 100 : Int.random(in: 0...4, using: &rng)
            let mode: HTTPPacketDecoder.BodyMode = Bool.random(using: &rng) ? .contentLength : .none
            let lineChunk = [1, 2, 5, 17, 100].randomElement(using: &rng)!
            let headChunk = [1, 3, 7, 64, 1000].randomElement(using: &rng)!

            let (lineParts, lineError) = try Self.run(
                HTTPPacketDecoder(type, options: options, bodyMode: mode), stream, chunks: { _ in lineChunk },
                as: HTTPPacketDecoder.Part.self)
            let (expected, limitHit) = Self.grouped(
                lineParts, headerOnly: type.isHeaderOnlyHTTP, limit: limit, ended: lineError == nil)
            let expectedError = limitHit ? PacketError(code: .tooManyHeaders, reason: "") : lineError

            let (headParts, headError) = try Self.run(
                HTTPHeadDecoder(type, options: options, bodyMode: mode, maximumHeaderCount: limit), stream,
                chunks: { _ in headChunk }, as: Part.self)
            #expect(Self.items(headParts) == expected)
            #expect(headError == expectedError)

            heads += headParts.count
            if limitHit { limitErrors += 1 } else if lineError != nil { lineErrors += 1 }
        }
        // The generator reaches every case.
        #expect(heads > 500)
        #expect(limitErrors > 10)
        #expect(lineErrors > 10)
    }
}
