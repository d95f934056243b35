import PacketFraming
import Testing

/// What `print` and `debugPrint` show for the buffer, the HTTP values and the results, and the
/// text accessors of the HTTP values. The packets come from the codec on wire text (Erlang's
/// answers for the same lines: erl, OTP 25); every expected string is literal.
@Suite struct DescriptionTests {
    static func http(_ text: String, _ type: PacketType = .httpBin) throws -> HTTPPacket {
        let result = try PacketCodec(type).decodeHTTP(PacketBuffer(text))
        guard case .packet(let packet, _) = result else {
            Issue.record("\(text.debugDescription) did not decode: \(result.debugDescription)")
            return .endOfHeaders
        }
        return packet
    }

    static func request(_ text: String) throws -> HTTPRequestLine {
        let packet = try http(text)
        guard case .request(let line) = packet else {
            Issue.record("\(text.debugDescription) is not a request line: \(packet.debugDescription)")
            return HTTPRequestLine(method: .get, uri: .asterisk, version: .http09)
        }
        return line
    }

    @Test func aBufferPrintsItsTextAndDebugPrintsItsBytes() {
        #expect(PacketBuffer("hello\n").description == "hello\n")
        #expect(PacketBuffer("hello\n").debugDescription == "PacketBuffer(6 bytes: 68 65 6c 6c 6f 0a)")
        #expect(PacketBuffer("caf\u{e9}").description == "caf\u{e9}")
        #expect(PacketBuffer([0, 255] as [UInt8]).description == "PacketBuffer(2 bytes: 00 ff)")
        #expect(PacketBuffer([0xC3] as [UInt8]).description == "PacketBuffer(1 byte: c3)")
        #expect(PacketBuffer([0x61, 0x7F] as [UInt8]).description == "PacketBuffer(2 bytes: 61 7f)")
        #expect(PacketBuffer().description == "")
        #expect(PacketBuffer().debugDescription == "PacketBuffer(0 bytes)")
        let long = PacketBuffer([UInt8](repeating: 0x61, count: 65)).debugDescription
        #expect(long.hasPrefix("PacketBuffer(65 bytes: 61 61 "))
        #expect(long.hasSuffix(" 61 61 ...)"))
        #expect(long.count == "PacketBuffer(65 bytes:".count + 64 * 3 + " ...)".count)
    }

    @Test func aRequestLineReadsAsSentAndItsURIHasTextPathAndQuery() throws {
        let line = try Self.request("GET /index.html?q=1 HTTP/1.1\r\n")
        #expect(line.description == "GET /index.html?q=1 HTTP/1.1")
        #expect("\(line.uri)" == "/index.html?q=1")
        #expect(line.uri.text == "/index.html?q=1")
        #expect(line.uri.path == "/index.html")
        #expect(line.uri.query == "q=1")
        #expect(
            line.uri.debugDescription
                == "absPath(PacketBuffer(15 bytes: 2f 69 6e 64 65 78 2e 68 74 6d 6c 3f 71 3d 31))")
        #expect(
            line.debugDescription
                == "HTTPRequestLine(method: GET, uri: absPath(PacketBuffer(15 bytes: 2f 69 6e 64 65 78 2e 68 74 6d 6c "
                + "3f 71 3d 31)), version: HTTP/1.1)")
        #expect(try Self.http("GET /index.html?q=1 HTTP/1.1\r\n").description == "GET /index.html?q=1 HTTP/1.1")
    }

    @Test func everyURIFormHasText() throws {
        // {absoluteURI,http,<<"example.com">>,8080,<<"/a/b?x=1&y">>}
        let absolute = try Self.request("GET http://example.com:8080/a/b?x=1&y HTTP/1.0\r\n").uri
        #expect(absolute.text == "http://example.com:8080/a/b?x=1&y")
        #expect(absolute.path == "/a/b")
        #expect(absolute.query == "x=1&y")
        #expect(
            absolute.debugDescription
                == "absoluteURI(scheme: http, host: PacketBuffer(11 bytes: 65 78 61 6d 70 6c 65 2e 63 6f 6d), "
                + "port: 8080, path: PacketBuffer(10 bytes: 2f 61 2f 62 3f 78 3d 31 26 79))")
        let asterisk = try Self.request("OPTIONS * HTTP/1.1\r\n").uri
        #expect(asterisk.text == "*" && asterisk.path == nil && asterisk.query == nil)
        #expect(asterisk.debugDescription == "asterisk")
        let emptyQuery = try Self.request("GET /a? HTTP/1.1\r\n").uri
        #expect(emptyQuery.path == "/a" && emptyQuery.query == "")
        let noQuery = try Self.request("GET /a HTTP/1.1\r\n").uri
        #expect(noQuery.path == "/a" && noQuery.query == nil)
        let built = HTTPRequestURI.scheme(name: PacketBuffer("mailto"), rest: PacketBuffer("someone"))
        #expect(built.text == "mailto:someone" && built.path == nil && built.query == nil)
        #expect(HTTPRequestURI.string(PacketBuffer("example.com:443")).text == "example.com:443")
    }

    @Test func aHeaderReadsAsNameColonValue() throws {
        // {http_header,42,'Content-Type',<<"Content-Type">>,<<"text/html">>}
        let packet = try Self.http("Content-Type:  text/html\r\nX", .httphBin)
        #expect(packet.description == "Content-Type: text/html")
        guard case .header(let header) = packet else {
            Issue.record("not a header: \(packet.debugDescription)")
            return
        }
        #expect(header.nameString == "Content-Type")
        #expect(header.valueString == "text/html")
        #expect(
            header.debugDescription
                == "HTTPHeader(field: contentType (index 42), name: PacketBuffer(12 bytes: 43 6f 6e 74 65 6e 74 2d 54 79 "
                + "70 65), value: PacketBuffer(9 bytes: 74 65 78 74 2f 68 74 6d 6c))")
        // {http_header,0,<<"X-Custom">>,<<"X-Custom">>,<<"1">>}
        let custom = HTTPHeader(field: nil, name: PacketBuffer("X-Custom"), value: PacketBuffer("1"))
        #expect(custom.description == "X-Custom: 1")
        #expect(
            custom.debugDescription
                == "HTTPHeader(field: nil (index 0), name: PacketBuffer(8 bytes: 58 2d 43 75 73 74 6f 6d), "
                + "value: PacketBuffer(1 byte: 31))")
    }

    @Test func theOtherPacketsRead() throws {
        // {http_response,{1,0},204,<<>>} and {http_error,<<"bad\r\n">>}
        #expect(try Self.http("HTTP/1.1 200 OK\r\n").description == "HTTP/1.1 200 OK")
        #expect(try Self.http("HTTP/1.0 204\r\n").description == "HTTP/1.0 204")
        #expect(try Self.http("\r\n", .httphBin).description == "end of headers")
        #expect(try Self.http("\r\n", .httphBin).debugDescription == "endOfHeaders")
        let error = try Self.http("bad\r\n")
        #expect(error.description == #"error: "bad\r\n""#)
        #expect(error.debugDescription == "error(line: PacketBuffer(5 bytes: 62 61 64 0d 0a))")
        let response = HTTPResponseLine(version: .http11, status: 200, reason: PacketBuffer("OK"))
        #expect(
            response.debugDescription
                == "HTTPResponseLine(version: HTTP/1.1, status: 200, reason: PacketBuffer(2 bytes: 4f 4b))")
    }

    @Test func resultsRead() throws {
        let line = try PacketCodec(.line).decode(PacketBuffer("hello\nworld"))
        #expect(line.description == "packet of 6 bytes, 5 bytes left")
        #expect(
            line.debugDescription
                == "packet(PacketBuffer(6 bytes: 68 65 6c 6c 6f 0a), rest: PacketBuffer(5 bytes: 77 6f 72 6c 64))")
        // {more,7} and {more,undefined}
        let more = try PacketCodec(.length2).decode(PacketBuffer([0, 5, 1] as [UInt8]))
        #expect(more.description == "need more bytes: 7 bytes in all")
        #expect(more.debugDescription == "needMore(total: 7)")
        #expect(
            try PacketCodec(.line).decode(PacketBuffer("abc")).description
                == "need more bytes (the total is not known yet)")
        let invalid = DecodedPacket.invalid(PacketError(code: .invalidPacket, reason: "bad header"))
        #expect(invalid.description == "invalid: bad header")
        #expect(invalid.debugDescription == "invalid(invalidPacket: bad header)")
        #expect(PacketScanResult.packet(body: 4..<9, length: 9).description == "packet: body 4..<9 of 9 bytes")
        #expect(PacketScanResult.needMore(total: 1).description == "need more bytes: 1 byte in all")
        let header = try PacketCodec(.httphBin).decodeHTTP(PacketBuffer("Host: a\r\n\r\n"))
        #expect(header.description == "Host: a, 2 bytes left")
        #expect(
            header.debugDescription
                == "packet(header(HTTPHeader(field: host (index 14), name: PacketBuffer(4 bytes: 48 6f 73 74), "
                + "value: PacketBuffer(1 byte: 61))), rest: PacketBuffer(2 bytes: 0d 0a))")
    }
}
