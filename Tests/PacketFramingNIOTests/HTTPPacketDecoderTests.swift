import NIOCore
import NIOEmbedded
import NIOTestUtils
import PacketFraming
import PacketFramingNIO
import TestSupport
import Testing

@Suite struct HTTPPacketDecoderTests {
    typealias Part = HTTPPacketDecoder.Part

    static func request(_ path: String) -> Part {
        .packet(.request(HTTPRequestLine(method: .get, uri: .absPath(PacketBuffer(path)), version: .http11)))
    }

    static func header(_ field: HTTPField?, _ name: String, _ value: String) -> Part {
        .packet(.header(HTTPHeader(field: field, name: PacketBuffer(name), value: PacketBuffer(value))))
    }

    @Test func verifierAcceptsTheDecoderOnWholeMessages() throws {
        let end = Part.packet(.endOfHeaders)
        try ByteToMessageDecoderVerifier.verifyDecoder(
            stringInputOutputPairs: [
                ("GET /a HTTP/1.1\r\nHost: x\r\n\r\n", [Self.request("/a"), Self.header(.host, "Host", "x"), end]),
                (
                    "GET /b HTTP/1.1\r\nX-Folded: 1\r\n 2\r\n\r\n",
                    [Self.request("/b"), Self.header(nil, "X-Folded", "1\r\n 2"), end]
                ),
                ("GET /c HTTP/1.1\r\n\r\n", [Self.request("/c"), end]),
            ]
        ) { HTTPPacketDecoder(.httpBin) }
    }

    /// Parts of a stream fed in chunks of `chunk` bytes, body pieces joined.
    static func parts(_ stream: String, chunk: Int, mode: HTTPPacketDecoder.BodyMode = .contentLength) throws -> [Part]
    {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(HTTPPacketDecoder(.httpBin, bodyMode: mode)))
        let bytes = Array(stream.utf8)
        var parts: [Part] = []
        var offset = 0
        while offset < bytes.count {
            let size = min(chunk, bytes.count - offset)
            try channel.writeInbound(ByteBuffer(bytes: bytes[offset..<(offset + size)]))
            offset += size
            while let part = try channel.readInbound(as: Part.self) {
                if case .body(var piece) = part, case .body(var last)? = parts.last {
                    last.writeBuffer(&piece)
                    parts[parts.count - 1] = .body(last)
                } else {
                    parts.append(part)
                }
            }
        }
        #expect(try channel.finish().isClean)
        return parts
    }

    @Test(arguments: [1, 3, 7, 1000])
    func contentLengthBodyIsReadBeforeTheNextPipelinedRequest(_ chunk: Int) throws {
        let stream = "POST /a HTTP/1.1\r\nContent-Length: 5\r\n\r\nhelloGET /b HTTP/1.1\r\n\r\n"
        let post = Part.packet(
            .request(HTTPRequestLine(method: .post, uri: .absPath(PacketBuffer("/a")), version: .http11)))
        #expect(
            try Self.parts(stream, chunk: chunk) == [
                post, Self.header(.contentLength, "Content-Length", "5"), .packet(.endOfHeaders),
                .body(ByteBuffer(string: "hello")),
                Self.request("/b"), .packet(.endOfHeaders),
            ])
    }

    @Test func withoutBodyModeTheBodyIsReadAsAStartLine() throws {
        let stream = "POST /a HTTP/1.1\r\nContent-Length: 3\r\n\r\nab\n"
        let parts = try Self.parts(stream, chunk: 1000, mode: .none)
        #expect(parts.count == 4)
        #expect(parts.last == .packet(.error(line: PacketBuffer("ab\n"))))
    }

    @Test func invalidContentLengthReadsNoBody() throws {
        let stream = "POST /a HTTP/1.1\r\nContent-Length: 3x\r\n\r\nGET /b HTTP/1.1\r\n\r\n"
        let parts = try Self.parts(stream, chunk: 4)
        #expect(parts.suffix(2) == [Self.request("/b"), .packet(.endOfHeaders)])
    }

    @Test func lineOverTheLimitThrows() throws {
        let channel = EmbeddedChannel(
            handler: ByteToMessageHandler(HTTPPacketDecoder(.httpBin, options: PacketOptions(packetSize: 8))))
        #expect(throws: PacketError(code: .packetTooLarge, reason: "")) {
            try channel.writeInbound(ByteBuffer(string: "GET /very/long HTTP/1.1\r\n"))
        }
        _ = try? channel.finish()
    }

    /// The decoder (body mode off) and the framer give the same packets for random HTTP streams in
    /// random chunkings.
    @Test(arguments: [PacketType.http, .httpBin, .httph, .httphBin])
    func decoderAgreesWithTheFramer(_ type: PacketType) throws {
        let lines = [
            "GET /a?b=c HTTP/1.1\r\n", "HTTP/1.0 200 OK\r\n", "Host: example.com\r\n", "X-Folded: a\r\n b\r\n",
            "\r\n", "garbage line\r\n", "Content-Length: 3\r\n", "\n", "POST * HTTP/1.0\n",
        ]
        var rng = SplitMix(seed: 0x47 &+ UInt64(PacketType.allCases.firstIndex(of: type)!))
        for _ in 0..<200 {
            let stream = Array(
                (0..<Int.random(in: 1...10, using: &rng)).map { _ in lines.randomElement(using: &rng)! }.joined().utf8)
            var framer = PacketFramer(type)
            framer.append(contentsOf: stream)
            var expected: [Part] = []
            while let packet = try framer.nextPacket()?.http { expected.append(.packet(packet)) }
            let channel = EmbeddedChannel(handler: ByteToMessageHandler(HTTPPacketDecoder(type, bodyMode: .none)))
            var got: [Part] = []
            var offset = 0
            while offset < stream.count {
                let size = min(stream.count - offset, Int.random(in: 1...9, using: &rng))
                try channel.writeInbound(ByteBuffer(bytes: stream[offset..<(offset + size)]))
                offset += size
                while let part = try channel.readInbound(as: Part.self) { got.append(part) }
            }
            _ = try channel.finish()
            #expect(got == expected)
        }
    }
}
