import PacketFraming
import Testing

@testable import packetcat

@Suite struct SampleTests {
    /// The packet sizes `erlang:decode_packet/3` found, packet after packet, in each sample stream
    /// (OTP 25, decoding the streams' hex): the samples are well-formed for Erlang too.
    static let erlangPacketSizes: [PacketType: [Int]] = [
        .length1: [4, 4],
        .length2: [12, 13],
        .length4: [14, 7],
        .asn1: [28, 7],
        .cdr: [55, 12],
        .sunrm: [44, 60],
        .fcgi: [16, 50, 8],
        .tpkt: [43, 12],
        .line: [16, 16, 2],
    ]

    @Test func everyTypeHasASampleOfWholePackets() throws {
        // The four http types share one sample, framed with http_bin.
        let types = PacketType.allCases.filter { !$0.isHTTP } + [.httpBin]
        #expect(SampleStreams.all.map(\.type) == types)
        for sample in SampleStreams.all where !sample.type.isHTTP {
            var framer = PacketFramer(sample.type)
            framer.append(contentsOf: sample.bytes)
            var sizes: [Int] = []
            while let packet = try framer.next() { sizes.append(packet.count) }
            #expect(framer.finish().isEmpty, "\(sample.type) leaves bytes over")
            #expect(sizes.count == sample.labels.count, "\(sample.type): a label per packet")
            if sample.type == .raw {
                #expect(sizes == [sample.bytes.count])
            } else {
                #expect(sizes == Self.erlangPacketSizes[sample.type], "\(sample.type)")
            }
        }
    }

    /// The http sample through `split --format erlang`: what `gen_tcp:recv` returned for the same
    /// stream on a real `{packet, http_bin}` socket (OTP 25), whatever the chunk size.
    @Test(arguments: [1, 65536])
    func theHTTPSampleIsWhatAnHttpBinSocketReceives(_ chunk: Int) {
        let run = SplitSession.run(SampleStreams.http.bytes, type: .httpBin, format: .erlang, chunk: chunk)
        #expect(
            run.output == """
                {ok,{http_request,'GET',{abs_path,<<47,105,110,100,101,120,46,104,116,109,108>>},{1,1}}}
                {ok,{http_header,14,'Host',<<72,111,115,116>>,<<101,120,97,109,112,108,101,46,99,111,109>>}}
                {ok,{http_header,24,'User-Agent',<<85,115,101,114,45,65,103,101,110,116>>,<<112,97,99,107,101,116,99,97,116,47,49,46,48,13,10,32,40,83,119,105,102,116,41>>}}
                {ok,{http_header,17,'If-None-Match',<<73,102,45,78,111,110,101,45,77,97,116,99,104>>,<<34,118,55,34>>}}
                {ok,http_eoh}
                {ok,{http_response,{1,1},304,<<78,111,116,32,77,111,100,105,102,105,101,100>>}}
                {ok,{http_header,43,'Etag',<<69,84,97,103>>,<<34,118,55,34>>}}
                {ok,{http_header,1,'Cache-Control',<<67,97,99,104,101,45,67,111,110,116,114,111,108>>,<<109,97,120,45,97,103,101,61,54,48>>}}
                {ok,http_eoh}
                {error,closed}

                """
        )
        #expect(SampleStreams.http.labels.count == 9)
    }

    @Test func theTourNamesEveryTypeBothWaysAndFitsAScreenOrTwo() {
        let text = SampleStreams.text()
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count >= 40 && lines.count <= 100)
        #expect(lines.allSatisfy { $0.count <= 100 })
        for type in PacketType.allCases {
            #expect(text.contains("{packet, \(type.erlangName)}"))
            #expect(text.contains(PacketTypeArgument.swiftName(type)))
            #expect(text.contains(PacketTypeArgument.summary(type)))
        }
        #expect(text.contains("  #1  4  14 bytes  term_to_binary({ok,hello})\n"))
        #expect(text.contains("      0000  83 68 02 77 02 6f 6b 77  05 68 65 6c 6c 6f        .h.w.okw.hello\n"))
        #expect(text.contains("packetcat --help"))
        // The http sample, readable: a folded header is one packet, a start line follows http_eoh.
        #expect(text.contains("\n  #1  request   GET /index.html HTTP/1.1\n"))
        #expect(text.contains("\n  #3  header    User-Agent: packetcat/1.0\\r\\n (Swift)  (folded: one packet)\n"))
        #expect(
            text.contains("\n  #5  end of headers  (a start line next)\n  #6  response  HTTP/1.1 304 Not Modified\n"))
    }

    @Test func theTourCanShowOneType() throws {
        let fcgi = SampleStreams.text(SampleStreams.all.filter { $0.type == .fcgi })
        #expect(fcgi.contains("PARAMS (padding dropped)"))
        #expect(!fcgi.contains("{packet, tpkt}"))
        for name in ["http", "http_bin", "httph", "httph_bin"] {
            #expect(try Sample.streams(name).map(\.type) == [.httpBin], "\(name)")
        }
        #expect(try Sample.streams("tpkt").map(\.type) == [.tpkt])
        #expect(try Sample.streams(nil).count == SampleStreams.all.count)
        #expect(throws: CLIError.self) { try Sample.streams("bogus") }
    }
}
