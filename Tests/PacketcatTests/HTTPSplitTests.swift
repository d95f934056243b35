import PacketConform
import PacketFraming
import Testing

@testable import packetcat

/// The http packet types in `split` and `decode`. Every expected Erlang line here was printed by
/// the real `erl` (OTP 25): `gen_tcp:recv(S, 0)` in a loop on a passive socket opened with
/// `{packet, Type}` after the peer sent the stream and closed, or
/// `io:format("~w~n", [erlang:decode_packet(Type, Bin, Opts)])`.
@Suite struct HTTPSplitTests {
    /// Two requests on one connection, the second with an absolute URI and a method Erlang has no
    /// atom for; a folded header, a header name in odd case, an unknown header; then the start of a
    /// third request, dropped at close. After `http_eoh` the socket expects a start line again.
    static let twoRequests =
        SampleStreams.crlf([
            "GET /index.html HTTP/1.1", "Host: example.com", "User-Agent: packetcat/1.0", " (Swift)",
            "accept-LANGUAGE:  en ", "X-Request-Id: 42", "",
            "PATCH http://example.com:8080/items?id=7 HTTP/1.0", "Content-Length: 0", "",
        ]) + Array("GET / HT".utf8)

    /// `{packet, http_bin}` on ``twoRequests``.
    static let twoRequestsHttpBin = #"""
        {ok,{http_request,'GET',{abs_path,<<47,105,110,100,101,120,46,104,116,109,108>>},{1,1}}}
        {ok,{http_header,14,'Host',<<72,111,115,116>>,<<101,120,97,109,112,108,101,46,99,111,109>>}}
        {ok,{http_header,24,'User-Agent',<<85,115,101,114,45,65,103,101,110,116>>,<<112,97,99,107,101,116,99,97,116,47,49,46,48,13,10,32,40,83,119,105,102,116,41>>}}
        {ok,{http_header,11,'Accept-Language',<<97,99,99,101,112,116,45,76,65,78,71,85,65,71,69>>,<<101,110,32>>}}
        {ok,{http_header,0,<<88,45,82,101,113,117,101,115,116,45,73,100>>,<<88,45,82,101,113,117,101,115,116,45,73,100>>,<<52,50>>}}
        {ok,http_eoh}
        {ok,{http_request,<<80,65,84,67,72>>,{absoluteURI,http,<<101,120,97,109,112,108,101,46,99,111,109>>,8080,<<47,105,116,101,109,115,63,105,100,61,55>>},{1,0}}}
        {ok,{http_header,38,'Content-Length',<<67,111,110,116,101,110,116,45,76,101,110,103,116,104>>,<<48>>}}
        {ok,http_eoh}
        {error,closed}

        """#

    /// `{packet, http}` on ``twoRequests``: the same packets with strings (lists) for binaries.
    static let twoRequestsHttp = #"""
        {ok,{http_request,'GET',{abs_path,[47,105,110,100,101,120,46,104,116,109,108]},{1,1}}}
        {ok,{http_header,14,'Host',[72,111,115,116],[101,120,97,109,112,108,101,46,99,111,109]}}
        {ok,{http_header,24,'User-Agent',[85,115,101,114,45,65,103,101,110,116],[112,97,99,107,101,116,99,97,116,47,49,46,48,13,10,32,40,83,119,105,102,116,41]}}
        {ok,{http_header,11,'Accept-Language',[97,99,99,101,112,116,45,76,65,78,71,85,65,71,69],[101,110,32]}}
        {ok,{http_header,0,[88,45,82,101,113,117,101,115,116,45,73,100],[88,45,82,101,113,117,101,115,116,45,73,100],[52,50]}}
        {ok,http_eoh}
        {ok,{http_request,[80,65,84,67,72],{absoluteURI,http,[101,120,97,109,112,108,101,46,99,111,109],8080,[47,105,116,101,109,115,63,105,100,61,55]},{1,0}}}
        {ok,{http_header,38,'Content-Length',[67,111,110,116,101,110,116,45,76,101,110,103,116,104],[48]}}
        {ok,http_eoh}
        {error,closed}

        """#

    /// A response, a header line without a colon, then junk and an `OPTIONS *` request after the
    /// end of the headers.
    static let responseAndErrors = SampleStreams.crlf([
        "HTTP/1.1 304 Not Modified", #"ETag: "v7""#, "bad header line", "Cache-Control: max-age=60", "",
        "nonsense", "OPTIONS * HTTP/1.1", "",
    ])

    /// `{packet, http_bin}` on ``responseAndErrors``: an unparsable line is `http_error` and does
    /// not change the state.
    static let responseAndErrorsHttpBin = #"""
        {ok,{http_response,{1,1},304,<<78,111,116,32,77,111,100,105,102,105,101,100>>}}
        {ok,{http_header,43,'Etag',<<69,84,97,103>>,<<34,118,55,34>>}}
        {ok,{http_error,<<98,97,100,32,104,101,97,100,101,114,32,108,105,110,101,13,10>>}}
        {ok,{http_header,1,'Cache-Control',<<67,97,99,104,101,45,67,111,110,116,114,111,108>>,<<109,97,120,45,97,103,101,61,54,48>>}}
        {ok,http_eoh}
        {ok,{http_error,<<110,111,110,115,101,110,115,101,13,10>>}}
        {ok,{http_request,'OPTIONS','*',{1,1}}}
        {ok,http_eoh}
        {error,closed}

        """#

    /// `{packet, httph_bin}` on ``responseAndErrors``: start lines are errors there.
    static let responseAndErrorsHttphBin = #"""
        {ok,{http_error,<<72,84,84,80,47,49,46,49,32,51,48,52,32,78,111,116,32,77,111,100,105,102,105,101,100,13,10>>}}
        {ok,{http_header,43,'Etag',<<69,84,97,103>>,<<34,118,55,34>>}}
        {ok,{http_error,<<98,97,100,32,104,101,97,100,101,114,32,108,105,110,101,13,10>>}}
        {ok,{http_header,1,'Cache-Control',<<67,97,99,104,101,45,67,111,110,116,114,111,108>>,<<109,97,120,45,97,103,101,61,54,48>>}}
        {ok,http_eoh}
        {ok,{http_error,<<110,111,110,115,101,110,115,101,13,10>>}}
        {ok,{http_error,<<79,80,84,73,79,78,83,32,42,32,72,84,84,80,47,49,46,49,13,10>>}}
        {ok,http_eoh}
        {error,closed}

        """#

    /// The exact gen_tcp lines, whatever the chunk size: byte by byte and all at once alike.
    @Test(arguments: [1, 2, 7, 65536])
    func httpBinSplitIsWhatGenTcpReturns(_ chunk: Int) {
        let run = SplitSession.run(Self.twoRequests, type: .httpBin, format: .erlang, chunk: chunk)
        #expect(run.output == Self.twoRequestsHttpBin)
        #expect(run.error == nil)
    }

    @Test func chunkOfOneAndChunkOfAllGiveTheSameLines() {
        for type in [PacketType.httpBin, .http] {
            let one = SplitSession.run(Self.twoRequests, type: type, format: .erlang, chunk: 1)
            let all = SplitSession.run(Self.twoRequests, type: type, format: .erlang, chunk: 65536)
            #expect(one.output == all.output)
            // Ten lines: nine packets and {error,closed}; the unfinished third request is dropped.
            #expect(one.output.split(separator: "\n").count == 10)
        }
    }

    @Test(arguments: [1, 65536])
    func httpSplitGivesStrings(_ chunk: Int) {
        let run = SplitSession.run(Self.twoRequests, type: .http, format: .erlang, chunk: chunk)
        #expect(run.output == Self.twoRequestsHttp)
    }

    @Test(arguments: [1, 3, 65536])
    func unparsableLinesAndHeaderOnlyTypes(_ chunk: Int) {
        let bin = SplitSession.run(Self.responseAndErrors, type: .httpBin, format: .erlang, chunk: chunk)
        #expect(bin.output == Self.responseAndErrorsHttpBin)
        let headers = SplitSession.run(Self.responseAndErrors, type: .httphBin, format: .erlang, chunk: chunk)
        #expect(headers.output == Self.responseAndErrorsHttphBin)
    }

    @Test func splitAgreesWithConformStreamOnHTTP() {
        for (type, bytes) in [(PacketType.httpBin, Self.twoRequests), (.httph, Self.responseAndErrors)] {
            let conform = Conform.answer("\(type.erlangName) - \(Hex.encode(bytes))"[...], mode: .stream)
            let split = SplitSession.run(bytes, type: type, format: .erlang, chunk: 5).output
            #expect(split == conform.replacing(" ", with: "\n") + "\n")
        }
    }

    /// `{packet, http_bin}, {packet_size, 30}` on a real socket: two packets, then
    /// `{error,emsgsize}` for the 50-byte header line.
    @Test(arguments: [1, 65536])
    func anOverlongLineStopsWithEmsgsize(_ chunk: Int) throws {
        let input = SampleStreams.crlf([
            "GET /a HTTP/1.1", "Host: example.com", "X-Long: 0123456789012345678901234567890123456789", "",
        ])
        let expected = """
            {ok,{http_request,'GET',{abs_path,<<47,97>>},{1,1}}}
            {ok,{http_header,14,'Host',<<72,111,115,116>>,<<101,120,97,109,112,108,101,46,99,111,109>>}}
            {error,emsgsize}

            """
        let sized = PacketOptions(packetSize: 30)
        let run = SplitSession.run(input, type: .httpBin, options: sized, format: .erlang, chunk: chunk)
        #expect(run.output == expected)
        #expect(run.error?.status == 1)
        #expect(run.error?.message.hasPrefix("stopped at input byte 36 after 2 packets: ") == true)
        // --max-http-line stands in for packet_size when neither it nor line_length is set.
        let capped = SplitSession.run(input, type: .httpBin, format: .erlang, chunk: chunk, maximumHTTPLine: 30)
        #expect(capped.output == expected)
        #expect(capped.error == run.error)
        // ... and 0 lifts the limit.
        let unlimited = SplitSession.run(input, type: .httpBin, format: .erlang, chunk: chunk, maximumHTTPLine: 0)
        #expect(unlimited.output.hasSuffix("{ok,http_eoh}\n{error,closed}\n"))
        #expect(unlimited.error == nil)
        // packet_size wins over --max-http-line.
        let both = SplitSession.run(
            input, type: .httpBin, options: PacketOptions(packetSize: 100), format: .erlang, chunk: chunk,
            maximumHTTPLine: 30)
        #expect(both.error == nil)
    }

    @Test func textFormatIsOneReadableLinePerPacket() {
        let run = SplitSession.run(Self.twoRequests, type: .httpBin, format: .text, chunk: 4)
        #expect(
            run.output == #"""
                #1  request   GET /index.html HTTP/1.1
                #2  header    Host: example.com
                #3  header    User-Agent: packetcat/1.0\r\n (Swift)
                #4  header    accept-LANGUAGE: en\#(" ")
                #5  header    X-Request-Id: 42
                #6  end of headers
                #7  request   PATCH http://example.com:8080/items?id=7 HTTP/1.0
                #8  header    Content-Length: 0
                #9  end of headers
                9 packets, 197 bytes; 8 bytes left over that never formed a packet

                """#
        )
        let errors = SplitSession.run(Self.responseAndErrors, type: .httpBin, format: .text, chunk: 65536)
        #expect(errors.output.hasPrefix("#1  response  HTTP/1.1 304 Not Modified\n#2  header    ETag: \"v7\"\n"))
        #expect(errors.output.contains("\n#3  error     unparsable line \"bad header line\\r\\n\"\n"))
        #expect(errors.output.contains("\n#7  request   OPTIONS * HTTP/1.1\n"))
    }

    @Test func maxHTTPLineTakesZeroAndUp() throws {
        #expect(try Split.maximumHTTPLine(nil) == 1_048_576)
        #expect(try Split.maximumHTTPLine("0") == 0)
        #expect(try Split.maximumHTTPLine("4096") == 4096)
        #expect(
            throws: CLIError.usage("invalid --max-http-line -1: must be a number of bytes from 0 up (0 = no limit)")
        ) {
            try Split.maximumHTTPLine("-1")
        }
        #expect(throws: CLIError.self) { try Split.maximumHTTPLine("lots") }
        // As an option, a negative value reaches the check (not taken for another option).
        #expect(try Split.parse(["--type", "http_bin", "--max-http-line", "-1"]).maxHTTPLine == "-1")
    }
}

/// `decode` with the http types.
@Suite struct HTTPDecodeTests {
    static let erlangVectors: [(PacketType, PacketOptions, [UInt8], String)] = [
        (
            .httpBin, PacketOptions(), Array("GET / HTTP/1.1\r\n".utf8),
            "{ok,{http_request,'GET',{abs_path,<<47>>},{1,1}},<<>>}"
        ),
        (
            .http, PacketOptions(), Array("GET / HTTP/1.1\r\nHost: x\r\n".utf8),
            "{ok,{http_request,'GET',{abs_path,[47]},{1,1}},<<72,111,115,116,58,32,120,13,10>>}"
        ),
        (
            .httphBin, PacketOptions(), Array("Content-Length: 5\r\nrest".utf8),
            "{ok,{http_header,38,'Content-Length',<<67,111,110,116,101,110,116,45,76,101,110,103,116,104>>,<<53>>},<<114,101,115,116>>}"
        ),
        (.httph, PacketOptions(), Array("\r\n".utf8), "{ok,http_eoh,<<>>}"),
        (.httpBin, PacketOptions(), Array("HTTP/1.0 200 OK\r\n".utf8), "{ok,{http_response,{1,0},200,<<79,75>>},<<>>}"),
        (.httpBin, PacketOptions(), Array("HTTP/1.1 200\r\n".utf8), "{ok,{http_response,{1,1},200,<<>>},<<>>}"),
        (.httpBin, PacketOptions(), Array("GET / HTTP/1.1".utf8), "{more,undefined}"),
        (.httpBin, PacketOptions(), Array("bad\r\n".utf8), "{ok,{http_error,<<98,97,100,13,10>>},<<>>}"),
        // A header is whole only once the next line shows it does not continue.
        (.httphBin, PacketOptions(), Array("bad\r\n".utf8), "{more,undefined}"),
        (.httpBin, PacketOptions(lineLength: 5), Array("GET /aaaaaaaa HTTP/1.1\r\n".utf8), "{error,invalid}"),
        (.httpBin, PacketOptions(packetSize: 5), Array("GET /aaaaaaaa HTTP/1.1\r\n".utf8), "{error,invalid}"),
        (
            .httph, PacketOptions(), Array("X-Foo:\tb\\c\r\n\r\n".utf8),
            "{ok,{http_header,0,[88,45,70,111,111],[88,45,70,111,111],[98,92,99]},<<13,10>>}"
        ),
        (
            .httpBin, PacketOptions(), Array("bad \"x\"\r\n".utf8),
            "{ok,{http_request,<<98,97,100>>,<<34,120,34>>,{0,9}},<<>>}"
        ),
        (
            .httphBin, PacketOptions(), Array("X-Foo: a\r\n b\r\nrest".utf8),
            "{ok,{http_header,0,<<88,45,70,111,111>>,<<88,45,70,111,111>>,<<97,13,10,32,98>>},<<114,101,115,116>>}"
        ),
        (
            .httpBin, PacketOptions(), [1] + Array("GET /".utf8) + [255] + Array(" HTTP/1.1\r\n".utf8),
            "{ok,{http_error,<<1,71,69,84,32,47,255,32,72,84,84,80,47,49,46,49,13,10>>},<<>>}"
        ),
    ]

    @Test(arguments: 0..<erlangVectors.count)
    func erlangFormatIsWhatErlangPrints(_ index: Int) throws {
        let (type, options, bytes, expected) = Self.erlangVectors[index]
        let result = try PacketCodec(type, options: options).decodeHTTP(PacketBuffer(bytes))
        #expect(DecodeReport.text(result, inputCount: bytes.count, type: type, format: .erlang) == expected + "\n")
    }

    func text(_ type: PacketType, _ input: String, options: PacketOptions = PacketOptions()) throws -> String {
        let bytes = PacketBuffer(Array(input.utf8))
        let result = try PacketCodec(type, options: options).decodeHTTP(bytes)
        return DecodeReport.text(result, inputCount: bytes.count, type: type, format: .text)
    }

    @Test func textFormatIsReadable() throws {
        #expect(
            try text(.httpBin, "GET /index.html HTTP/1.1\r\nHost: x\r\n")
                == "request: GET /index.html HTTP/1.1\nrest: 9 bytes\n")
        #expect(try text(.http, "HTTP/1.1 200 OK\r\n") == "response: HTTP/1.1 200 OK\nrest: 0 bytes\n")
        #expect(
            try text(.httphBin, "Content-Length: 5\r\n\r\n")
                == "header: Content-Length (index 38) = \"5\"\nrest: 2 bytes\n")
        #expect(
            try text(.httph, "accept-LANGUAGE:  en \r\n\r\n")
                == "header: Accept-Language (index 11, sent as accept-LANGUAGE) = \"en \"\nrest: 2 bytes\n")
        #expect(
            try text(.httph, "x-foo: \"a\"\r\n b\r\n\r\n") == #"header: X-Foo (index 0, sent as x-foo) = "\"a\"\r\n b""#
                + "\nrest: 2 bytes\n")
        #expect(try text(.httphBin, "\r\nmore") == "end of headers\nrest: 4 bytes\n")
        #expect(try text(.httpBin, "bad\r\n") == #"error: unparsable line "bad\r\n""# + "\nrest: 0 bytes\n")
        #expect(try text(.httpBin, "OPTIONS * HTTP/1.0\r\n").hasPrefix("request: OPTIONS * HTTP/1.0\n"))
        #expect(try text(.httpBin, "GET / HTTP/1.1") == "need more: unknown total (have 14 bytes)\n")
        #expect(
            try text(.httpBin, "GET /aaaa HTTP/1.1\r\n", options: PacketOptions(packetSize: 5)).hasPrefix("invalid: "))
    }

    @Test func lineDelimiterWithAnHTTPTypeIsRefusedAsErlangsBadarg() throws {
        for type in ["http", "http_bin", "httph", "httph_bin"] {
            let command = try Decode.parse(["--type", type, "--line-delimiter", "10", "/nonexistent/f"])
            let refusal = CLIError.usage(
                "invalid option line_delimiter=10: only the line packet type takes a delimiter")
            #expect(throws: refusal) { try command.run() }
        }
    }
}
