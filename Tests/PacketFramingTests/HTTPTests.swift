import Testing

@testable import PacketFraming

@Suite struct HTTPTests {
    static let request = Array(
        ("GET /index.html?q=1 HTTP/1.1\r\nHost: www.example.com\r\n"
            + "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:109.0) Gecko/20100101\r\n"
            + "Accept: text/html,application/xhtml+xml\r\nAccept-Language: en-US,en;q=0.5\r\n"
            + "Accept-Encoding: gzip, deflate\r\nConnection: keep-alive\r\nCookie: session=abc123; theme=dark\r\n\r\n")
            .utf8
    )

    static func drain(_ framer: inout PacketFramer) throws -> [HTTPPacket] {
        var packets: [HTTPPacket] = []
        while let packet = try framer.nextPacket()?.http { packets.append(packet) }
        return packets
    }

    @Test func decodesARequestHeadIntoTypedValues() throws {
        var framer = PacketFramer(.httpBin)
        framer.append(contentsOf: Self.request)
        let packets = try Self.drain(&framer)
        #expect(packets.count == 9)
        guard case .request(let line) = packets[0] else {
            Issue.record("not a request line: \(packets[0])")
            return
        }
        #expect(line.method == .get)
        #expect(line.uri == .absPath(PacketBuffer("/index.html?q=1")))
        #expect(line.version == .http11)
        let fields = packets.dropFirst().compactMap { packet -> HTTPField? in
            if case .header(let header) = packet { return header.field }
            return nil
        }
        #expect(fields == [.host, .userAgent, .accept, .acceptLanguage, .acceptEncoding, .connection, .cookie])
        guard case .header(let cookie) = packets[7] else {
            Issue.record("packet 7 is not the Cookie header: \(packets[7])")
            return
        }
        #expect(cookie.valueString == "session=abc123; theme=dark")
        #expect(cookie.erlangIndex == 50)
        #expect(packets[8] == .endOfHeaders)
        #expect(framer.bufferedByteCount == 0)
    }

    @Test func valuesAreSlicesOfTheInput() throws {
        var framer = PacketFramer(.httpBin)
        let input = PacketBuffer(Self.request)
        framer.append(contentsOf: input)
        _ = try framer.nextPacket()?.http
        guard case .header(let host) = try framer.nextPacket()?.http else {
            Issue.record("no header")
            return
        }
        #expect(host.value.sharesStorage(with: input))
        #expect(host.name.sharesStorage(with: input))
    }

    @Test func deliversTheSamePacketsDripFedAsInOneChunk() throws {
        let stream = Self.request + Array("HTTP/1.0 404 Not Found\r\nX-A: 1\r\n  folded\r\n\r\n".utf8) + Self.request
        var whole = PacketFramer(.httpBin)
        whole.append(contentsOf: stream)
        let expected = try Self.drain(&whole)
        var drip = PacketFramer(.httpBin)
        var got: [HTTPPacket] = []
        for byte in stream {
            drip.append(byte)
            got += try Self.drain(&drip)
        }
        #expect(got == expected)
        #expect(expected.count == 21)
    }

    @Test func everyPrefixOfALineNeedsMore() throws {
        let codec = try PacketCodec(.httpBin)
        let line = Array("GET / HTTP/1.1\r\n".utf8)
        for cut in 0..<line.count {
            #expect(codec.decodeHTTP(PacketBuffer(line[..<cut])) == .needMore(total: nil))
        }
        let header = try PacketCodec(.httphBin)
        // A header line needs the next byte too: it might be folded.
        #expect(header.decodeHTTP(PacketBuffer("Host: a\r\n")) == .needMore(total: nil))
        guard case .packet(.header(let host), let rest) = header.decodeHTTP(PacketBuffer("Host: a\r\n b\r\nX")) else {
            Issue.record("folded header not decoded")
            return
        }
        #expect(host.valueString == "a\r\n b")
        #expect(rest.string == "X")
    }

    @Test func switchesToRawForABodyAndBack() throws {
        let body = "hello world"
        let stream = "POST /p HTTP/1.1\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)GET / HTTP/1.1\r\n\r\n"
        var framer = PacketFramer(.http)
        framer.append(contentsOf: Array(stream.utf8))
        var contentLength = 0
        while let packet = try framer.nextPacket()?.http {
            if case .header(let header) = packet, header.field == .contentLength {
                contentLength = try #require(Int(header.valueString))
            }
            if packet == .endOfHeaders { break }
        }
        // Read the body as Erlang users do: {packet, raw} with a length, here a length-less slice.
        framer.setType(.raw)
        let rest = try #require(try framer.next())
        #expect(rest.slice(..<contentLength).string == body)
        var second = PacketFramer(.http)
        second.append(contentsOf: rest.slice(contentLength...))
        guard case .request(let line) = try second.nextPacket()?.http else {
            Issue.record("second request lost")
            return
        }
        #expect(line.method == .get)
    }

    @Test func aHeaderIsOneSliceOfItsLineAndEqualToTheSameHeaderBuiltFromParts() throws {
        let line = PacketBuffer("X-Token:  \tabc \r\nrest")
        let codec = try PacketCodec(.httphBin)
        guard case .packet(.header(let parsed), _) = codec.decodeHTTP(line) else {
            Issue.record("no header")
            return
        }
        #expect(parsed.name.string == "X-Token" && parsed.value.string == "abc ")
        #expect(parsed.name.sharesStorage(with: line) && parsed.value.sharesStorage(with: line))
        // Built from buffers of its own: the bytes are joined, the header is the same.
        let built = HTTPHeader(field: nil, name: PacketBuffer("X-Token"), value: PacketBuffer("abc "))
        #expect(built == parsed && built.hashValue == parsed.hashValue)
        #expect(built.name.string == "X-Token" && built.value.string == "abc ")
        // Built from slices of one buffer, name first: no copy.
        let shared = HTTPHeader(field: .host, name: line.slice(0..<7), value: line.slice(11..<15))
        #expect(shared.name.sharesStorage(with: line) && shared.value.string == "abc ")
        #expect(shared != parsed)  // the field differs
        var edited = parsed
        edited.value = PacketBuffer("x")
        #expect(edited.name.string == "X-Token" && edited.value.string == "x" && edited.field == nil)
        edited.name = PacketBuffer("Host")
        #expect(edited.name.string == "Host" && edited.value.string == "x")
    }

    @Test func recasesUnknownNamesAsErlangDoes() {
        func canonical(_ name: String) -> String {
            HTTPHeader(field: nil, name: PacketBuffer(name), value: PacketBuffer()).canonicalName
        }
        #expect(canonical("x-foo-BAR") == "X-Foo-Bar")
        #expect(canonical("--a-b") == "--A-B")
        let long = String(repeating: "a", count: 51)
        #expect(canonical(long) == long)
        #expect(canonical(String(repeating: "a", count: 50)) == "A" + String(repeating: "a", count: 49))
    }

    @Test func knownFieldsCarryErlangsAtomNamesAndIndexes() {
        // Atoms and indexes as erl prints them ({http_header,33,'Www-Authenticate',...}, ...).
        #expect(
            HTTPField.wwwAuthenticate.canonicalName == "Www-Authenticate" && HTTPField.wwwAuthenticate.erlangIndex == 33
        )
        #expect(HTTPField.contentMD5.canonicalName == "Content-Md5")
        #expect(HTTPField.etag.canonicalName == "Etag")
        #expect(HTTPField.setCookie2.canonicalName == "Set-Cookie2")
        #expect(HTTPField.xForwardedFor.canonicalName == "X-Forwarded-For")
        #expect(HTTPField.contentLength.canonicalName == "Content-Length" && HTTPField.contentLength.erlangIndex == 38)
        #expect(HTTPField.host.erlangIndex == 14 && HTTPField.cookie.erlangIndex == 50)
    }

    @Test func recognisesEveryKnownFieldInAnyCase() throws {
        let codec = try PacketCodec(.httphBin)
        for field in HTTPField.allCases {
            let name = String(
                field.canonicalName.enumerated().map {
                    $0.offset % 2 == 0 ? Character($0.element.lowercased()) : Character($0.element.uppercased())
                })
            guard case .packet(.header(let header), _) = codec.decodeHTTP(PacketBuffer("\(name): v\r\nX")) else {
                Issue.record("\(name) did not decode")
                continue
            }
            #expect(header.field == field)
            #expect(header.name.string == name)
        }
        let result = codec.decodeHTTP(PacketBuffer("Content-Lengthx: 1\r\nX"))
        guard case .packet(.header(let other), _) = result else {
            Issue.record("Content-Lengthx did not decode as a header: \(result)")
            return
        }
        #expect(other.field == nil)
    }

    @Test func dripFedHeaderValueIsScannedOnce() throws {
        var framer = PacketFramer(.httphBin)
        framer.append(contentsOf: Array("X-Big: ".utf8))
        for _ in 0..<50_000 {
            framer.append(0x61)
            #expect(try framer.nextPacket()?.http == nil)
            #expect(framer.machine.resume == framer.bufferedByteCount)
        }
        framer.append(contentsOf: Array("\r\n\r\n".utf8))
        guard case .header(let header) = try framer.nextPacket()?.http else {
            Issue.record("no header")
            return
        }
        #expect(header.value.count == 50_000)
        #expect(try framer.nextPacket()?.http == .endOfHeaders)
    }

    @Test func boundsAnHTTPLineWithoutLimitsByTheDefaultCap() throws {
        var framer = PacketFramer(.httpBin)
        framer.maximumHTTPPacketSize = 1000
        framer.append(contentsOf: [UInt8](repeating: 0x41, count: 999))
        #expect(try framer.nextPacket()?.http == nil)
        framer.append(0x41)
        #expect(throws: PacketError(code: .packetTooLarge, reason: "")) { try framer.nextPacket()?.http }
    }

    @Test func startLinesWrapAt32BitsAsInErlang() throws {
        let codec = try PacketCodec(.httpBin)
        guard case .packet(.response(let response), _) = codec.decodeHTTP(PacketBuffer("HTTP/1.1 99999999999 OK\r\n"))
        else {
            Issue.record("no response")
            return
        }
        #expect(response.status == 1_215_752_191)
        guard
            case .packet(.request(let request), _) = codec.decodeHTTP(
                PacketBuffer("GET http://h:2147483648/ HTTP/1.1\r\n"))
        else {
            Issue.record("no request")
            return
        }
        #expect(
            request.uri
                == .absoluteURI(scheme: .http, host: PacketBuffer("h"), port: -2_147_483_648, path: PacketBuffer("/")))
    }

    @Test func nextHTTPRefusesTypesThatAreNotHTTPAndConsumesNothing() {
        var framer = PacketFramer(.line)
        framer.append(contentsOf: Array("GET / HTTP/1.1\r\n".utf8))
        #expect(throws: PacketError(code: .badOption, reason: "")) { try framer.nextHTTP() }
        #expect(framer.bufferedByteCount == 16)
    }

    @Test func nextPacketGivesBytesForTypesThatAreNotHTTP() throws {
        var framer = PacketFramer(.line)
        framer.append(contentsOf: Array("GET / HTTP/1.1\r\n".utf8))
        #expect(try framer.nextPacket() == .bytes(PacketBuffer("GET / HTTP/1.1\r\n")))
        #expect(try framer.nextPacket() == nil)
    }
}

@Suite struct HTTPStreamingEdgeTests {
    /// A stream fed a byte at a time answers a line end that just arrived, and the byte after a
    /// header's line end, without the search: those answers must be the search's, for bare LF
    /// and CR LF line ends, folded headers (a header line of exactly two bytes is never
    /// continued), and a limit at, before or after a line's end.
    @Test(arguments: [0, 3, 4, 5, 6, 9, 10, 11, 64] as [UInt32])
    func dripFedLineEndsAnswerAsTheWholeStream(packetSize: UInt32) throws {
        let streams = [
            "GET / HTTP/1.1\nA: 1\n\tb\nB:\n \n\n",
            "GET / HTTP/1.1\r\nAb: 1\r\n  c\r\nX\n y\r\n\r\nHTTP/1.0 200 OK\n\n",
            "a\n b: c\nd: e\n\n",
            "Host: x\n\n",
            "\n\r\nH: v\r\n \r\n\r\n",
        ]
        for text in streams {
            for type in [PacketType.httpBin, .httphBin] {
                let stream = Array(text.utf8)
                func run(chunk: Int, typed: Bool) -> [String] {
                    var framer = PacketFramer(type, options: PacketOptions(packetSize: packetSize))
                    var got: [String] = []
                    var offset = 0
                    while offset < stream.count {
                        let end = Swift.min(offset + chunk, stream.count)
                        stream[offset..<end].withUnsafeBytes { framer.append(contentsOf: $0) }
                        offset = end
                        do {
                            if typed {
                                while let packet = try framer.nextHTTP() { got.append("\(packet)") }
                            } else {
                                while let packet = try framer.next() { got.append(packet.string) }
                            }
                        } catch {
                            return got + ["error \(error.code)"]
                        }
                    }
                    return got + ["leftover \(framer.finish().count)"]
                }
                for typed in [false, true] {
                    let whole = run(chunk: stream.count, typed: typed)
                    #expect(
                        run(chunk: 1, typed: typed) == whole,
                        "\(type) packet_size \(packetSize): \(text.debugDescription)")
                    #expect(
                        run(chunk: 2, typed: typed) == whole,
                        "\(type) packet_size \(packetSize): \(text.debugDescription)")
                }
            }
        }
    }

    @Test func nextHTTPKeepsThrowingTheLatchedErrorUntilBytesAreTaken() throws {
        var framer = PacketFramer(.httpBin, options: PacketOptions(packetSize: 16))
        framer.append(contentsOf: Array("GET /long HTTP/1.1\r\n".utf8))
        #expect(throws: PacketError(code: .packetTooLarge, reason: "")) { try framer.nextHTTP() }
        // The error, not "not an HTTP type": both leave the same fast path.
        #expect(throws: PacketError(code: .packetTooLarge, reason: "")) { try framer.nextHTTP() }
        _ = framer.read(exactly: 0)
        framer.append(contentsOf: Array("GET / HTTP/1.0\n".utf8))
        guard case .request = try framer.nextHTTP() else {
            Issue.record("no request after the error was cleared")
            return
        }
    }
    /// Found by the framer_diff fuzzer (Fuzz/FailCases/framer_diff-httph-bin-limit-1-*,
    /// http-limit-1-*): with packet_size 1, decode_packet answers {error,invalid} for a lone CR,
    /// http_eoh for exactly CR LF and {error,invalid} for CR LF with more after it. The framer
    /// waits for a third byte, so drip-feeding answers what one chunk answers.
    @Test(
        arguments: [[0x0A, 0x0D, 0x0A, 0x0A], [0x0D, 0x0A, 0x58], [0x0D, 0x58], [0x0A, 0x0A, 0x0D, 0x0A, 0x20]]
            as [[UInt8]])
    func leadingCarriageReturnUnderAOneByteLimitAnswersAsTheWholeStream(_ stream: [UInt8]) throws {
        let options = PacketOptions(packetSize: 1)
        func run(chunk: Int) -> [String] {
            var framer = PacketFramer(.httphBin, options: options)
            var got: [String] = []
            var offset = 0
            while offset < stream.count {
                let end = Swift.min(offset + chunk, stream.count)
                framer.append(contentsOf: stream[offset..<end])
                offset = end
                do {
                    while let packet = try framer.nextPacket()?.http { got.append("\(packet)") }
                } catch {
                    return got + ["error"]
                }
            }
            return got + ["leftover \(framer.finish().count)"]
        }
        let whole = run(chunk: stream.count)
        #expect(run(chunk: 1) == whole)
        #expect(run(chunk: 2) == whole)
        // The whole stream gets what decode_packet gives for each rest in turn.
        var rest = PacketBuffer(stream)
        var reference: [String] = []
        let codec = try PacketCodec(.httphBin, options: options)
        loop: while true {
            switch codec.decodeHTTP(rest) {
            case .packet(let packet, let next):
                reference.append("\(packet)")
                rest = next
            case .invalid:
                reference.append("error")
                break loop
            case .needMore:
                break loop
            }
        }
        #expect(Array(whole.prefix(reference.count)) == reference)
    }

    /// The drip-feed shortcut for HTTP (a byte appended alone, with no line end since the last
    /// search, answers `nil` without one) holds only while the bytes cannot reach the limit
    /// without the buffer growing. A long line fed a byte at a time, with limits below, at and
    /// above the buffer's sizes (64, 128, 256 bytes): after every byte the framer has answered
    /// what a new framer given all the bytes so far at once answers, the error included, at the
    /// same byte.
    @Test(arguments: [65, 100, 127, 128, 129, 200, 256, 257] as [UInt32])
    func dripFedLongLinesMeetTheLimitAtTheSameByte(packetSize: UInt32) throws {
        let limit = Int(packetSize)
        // Each stream, and whether its long line is over the limit wherever it is cut.
        var streams: [(PacketType, [UInt8], over: Bool)] = []
        for length in (limit - 2)...(limit + 2) {
            // A start line `length` bytes long with its CR LF, then a header; a header line as
            // long, folded once; and a line that never ends.
            let uri = "/" + String(repeating: "u", count: Swift.max(1, length - 16))
            streams.append((.httpBin, Array("GET \(uri) HTTP/1.1\r\nA: b\r\n\r\n".utf8), length > limit + 1))
            let value = String(repeating: "v", count: Swift.max(1, length - 9))
            streams.append((.httphBin, Array("X: \(value)\r\n  w\r\n\r\n".utf8), length > limit + 1))
        }
        streams.append((.httphBin, Array(repeating: 0x61, count: limit + 3), true))
        for (type, stream, over) in streams {
            let options = PacketOptions(packetSize: packetSize)
            // What a new framer answers for `bytes` appended at once.
            func atOnce(_ bytes: ArraySlice<UInt8>) -> [String] {
                var framer = PacketFramer(type, options: options)
                framer.append(contentsOf: bytes)
                var got: [String] = []
                do {
                    while let packet = try framer.nextHTTP() { got.append("\(packet)") }
                } catch {
                    got.append("error \(error.code)")
                }
                return got
            }
            var framer = PacketFramer(type, options: options)
            var got: [String] = []
            for count in 1...stream.count {
                withUnsafeBytes(of: stream[count - 1]) { framer.append(contentsOf: $0) }
                do {
                    while let packet = try framer.nextHTTP() { got.append("\(packet)") }
                } catch {
                    got.append("error \(error.code)")
                }
                let expected = atOnce(stream[..<count])
                #expect(got == expected, "\(type) packet_size \(limit), after \(count) of \(stream.count) bytes")
                if got != expected || got.last?.hasPrefix("error") == true { break }
            }
            if over { #expect(got.last?.hasPrefix("error") == true, "\(type) packet_size \(limit): over the limit") }
        }
    }

    /// The HTTP drip-feed shortcut against a copy of the framer taken in the middle of a line, a
    /// lower limit set there, and a `line` framer asked for HTTP packets while its own shortcut
    /// is on.
    @Test func dripFedHTTPShortcutGivesWayToCopiesLimitsAndOtherTypes() throws {
        func drip(_ framer: inout PacketFramer, _ text: String) throws -> [String] {
            var got: [String] = []
            for byte in text.utf8 {
                withUnsafeBytes(of: byte) { framer.append(contentsOf: $0) }
                while let packet = try framer.nextHTTP() { got.append("\(packet)") }
            }
            return got
        }
        var framer = PacketFramer(.httpBin)
        #expect(try drip(&framer, "GET / HTTP/1.1\r\nHost: exa").count == 1)
        var copy = framer
        #expect(try drip(&framer, "mple\r\n\r\n") == ["Host: example", "end of headers"])
        #expect(try drip(&copy, "\r\n\r\n") == ["Host: exa", "end of headers"])
        // A limit lowered under the bytes already searched: the error at the next call.
        var limited = PacketFramer(.httphBin)
        #expect(try drip(&limited, "Name: 0123456789").isEmpty)
        limited.maximumHTTPPacketSize = 10
        #expect(throws: PacketError(code: .packetTooLarge, reason: "")) { try limited.nextHTTP() }
        // `line` fed a byte at a time is not an HTTP type: nextHTTP() refuses it all the same.
        var line = PacketFramer(.line)
        line.append(0x61)
        #expect(try line.next() == nil)
        line.append(0x62)
        #expect(throws: PacketError(code: .badOption, reason: "")) { try line.nextHTTP() }
    }

    @Test func theStatelessCodecStillAnswersExactlyAsErlang() throws {
        let codec = try PacketCodec(.httphBin, options: PacketOptions(packetSize: 1))
        #expect(codec.decodeHTTP(PacketBuffer([0x0D])) == .invalid(PacketError(code: .packetTooLarge, reason: "")))
        guard case .packet(.endOfHeaders, _) = codec.decodeHTTP(PacketBuffer([0x0D, 0x0A])) else {
            Issue.record("CR LF alone is http_eoh in Erlang")
            return
        }
        #expect(
            codec.decodeHTTP(PacketBuffer([0x0D, 0x0A, 0x0A]))
                == .invalid(PacketError(code: .packetTooLarge, reason: "")))
    }
}
