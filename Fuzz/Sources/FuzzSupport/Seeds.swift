import PacketCorpus
import PacketFraming

/// The seed inputs of each target: valid packets of every type it covers, with every option mix,
/// in the target's own input layout (option bytes first). `Fuzz/run --seed` packs them.
public enum Seeds {
    /// The target names, as `Fuzz/run --list` prints them.
    public static let targets = [
        "length", "line", "asn1", "tpkt_fcgi_cdr", "http", "http_bin", "httph", "httph_bin", "framer_diff",
        "encoder_roundtrip", "inet", "corpus_reader",
    ]

    /// The seeds of `target`, or `nil` for an unknown name.
    public static func seeds(for target: String) -> [[UInt8]]? {
        switch target {
        case "length": codecSeeds([.length1, .length2, .length4, .sunrm])
        case "line": codecSeeds([.line])
        case "asn1": codecSeeds([.asn1]) + asn1Extras()
        case "tpkt_fcgi_cdr": codecSeeds([.tpkt, .fcgi, .cdr])
        case "http", "http_bin": httpSeeds(requests: true)
        case "httph", "httph_bin": httpSeeds(requests: false)
        case "framer_diff": framerSeeds()
        case "encoder_roundtrip": encoderSeeds()
        case "inet": inetSeeds()
        case "corpus_reader": corpusSeeds()
        default: nil
        }
    }

    static let payloads: [[UInt8]] = [[], Array("abc".utf8), Array(0..<40), [UInt8](repeating: 0x41, count: 300)]

    static func optionMixes(_ type: PacketType) -> [PacketOptions] {
        var mixes = [PacketOptions()]
        for size: UInt32 in [1, 8, 64, 1000, 70_000] {
            var o = PacketOptions()
            o.packetSize = size
            mixes.append(o)
        }
        if type == .line || type.isHTTP {
            for (length, size) in [(5, 0), (5, 8), (8, 5), (100, 0)] as [(UInt32, UInt32)] {
                var o = PacketOptions()
                o.lineLength = length
                o.packetSize = size
                mixes.append(o)
            }
        }
        for delimiter: UInt8 in [0, 59] {
            var o = PacketOptions()
            o.lineDelimiter = delimiter
            mixes.append(o)
        }
        return mixes
    }

    static func codecSeeds(_ family: [PacketType]) -> [[UInt8]] {
        var seeds: [[UInt8]] = []
        for (index, type) in family.enumerated() {
            for options in optionMixes(type) {
                for (p, payload) in payloads.enumerated() {
                    let packet = SamplePackets.packet(type, payload: payload, options: options)
                    let stream = p == 1 ? packet + packet + packet.prefix(packet.count / 2) : packet
                    seeds.append(FuzzOptions.encode(typeIndex: index, options: options, alsoFrame: p == 2) + stream)
                }
            }
        }
        return seeds
    }

    static func asn1Extras() -> [[UInt8]] {
        let tlvs: [[UInt8]] = [
            [0x30, 0x06, 0x02, 0x01, 0x05, 0x04, 0x01, 0x41],  // SEQUENCE { INTEGER 5, OCTET STRING "A" }
            [0x1F, 0x81, 0x01, 0x01, 0xFF],  // a multi-byte tag
            [0x04, 0x81, 0x03, 1, 2, 3],  // long-form length
            [0x04, 0x84, 0, 0, 0, 2, 1, 2],  // four length bytes
            [0x30, 0x80, 0x04, 0x00, 0x00, 0x00],  // indefinite length
            [0x05, 0x00],  // NULL
        ]
        return tlvs.map { FuzzOptions.encode(typeIndex: 0, options: PacketOptions()) + $0 }
    }

    static let requestLines = [
        "GET / HTTP/1.1\r\n", "POST http://example.com:8080/submit?x=1 HTTP/1.0\r\n", "OPTIONS * HTTP/1.1\r\n",
        "PATCH /x HTTP/1.1\r\n", "HEAD https://host/ HTTP/1.1\r\n", "GET ftp:rest HTTP/1.1\r\n", "GET /index.html\r\n",
        "HTTP/1.1 200 OK\r\n", "HTTP/1.0 404 Not Found\n", "HTTP/1.1 500\r\n", "delete x HTTP/1.1\r\n",
    ]
    static let headerLines = [
        "Host: example.com\r\n", "Content-Length: 10\r\n", "content-type:text/plain\r\n",
        "X-Custom-Header: a\r\n b\r\n\tc\r\n",
        "Set-Cookie: k=v; Path=/\r\n", "X: \r\n", "Bad header line\r\n", "\r\n", "\n",
    ]

    static func httpSeeds(requests: Bool) -> [[UInt8]] {
        var seeds: [[UInt8]] = []
        let firsts = requests ? requestLines : headerLines
        for (i, first) in firsts.enumerated() {
            let message =
                first + (requests ? headerLines.prefix(5).joined() + "\r\n" : headerLines[(i + 1) % headerLines.count])
            for (m, options) in optionMixes(.http).enumerated() where m % 3 == i % 3 || m == 0 {
                seeds.append(
                    FuzzOptions.encode(typeIndex: m % 4, options: options, alsoFrame: m % 2 == 1) + Array(message.utf8))
            }
        }
        return seeds
    }

    static func framerSeeds() -> [[UInt8]] {
        var seeds: [[UInt8]] = []
        for (t, type) in Targets.streamTypes.enumerated() {
            for (m, options) in optionMixes(type).enumerated() {
                var stream: [UInt8] = []
                if type.isHTTP {
                    let lines =
                        type.isHeaderOnlyHTTP ? headerLines : [requestLines[t % requestLines.count]] + headerLines
                    stream = Array((lines.joined() + "GET / HTTP/1.1\r\nHost: x\r\n\r\n").utf8)
                } else {
                    for payload in payloads.prefix(3) {
                        stream += SamplePackets.packet(type, payload: payload, options: options)
                    }
                }
                let other = Targets.streamTypes[(t + m + 1) % Targets.streamTypes.count]
                let plan = StreamPlan(
                    type: type,
                    options: options,
                    switchAfter: m % 3 == 2 ? m % 4 : nil,
                    switchType: other,
                    maximumHTTPPacketSize: Targets.httpLimits[m % 4]
                )
                seeds.append(
                    Targets.framerDiffInput(
                        plan, chunks: [1 + m % 5, 7, 255], appendModes: UInt8(m * 37 & 0xFF), stream: stream))
            }
        }
        return seeds
    }

    static func encoderSeeds() -> [[UInt8]] {
        var seeds: [[UInt8]] = []
        let count = PacketType.allCases.count
        for (t, _) in PacketType.allCases.enumerated() {
            for size: UInt32 in [0, 3, 300] {
                var options = PacketOptions()
                options.packetSize = size
                let flags = FuzzOptions.encode(typeIndex: 0, options: options)
                seeds.append([UInt8(t)] + flags + Array("payload".utf8))
                seeds.append(
                    [UInt8(t + count)] + flags + [0x2C] + Array("one,two,,three".utf8)
                        + [UInt8](repeating: 0x42, count: 260))
                seeds.append([UInt8(t + 2 * count)] + flags + [0, 0, 0, 0, 0x7F, 0xFF, 0xFF, 0xFB])
                seeds.append([UInt8(t + 2 * count)] + flags + [0, 0, 0, 1, 0, 0, 0, 0])
            }
        }
        return seeds
    }

    static func inetSeeds() -> [[UInt8]] {
        let texts = [
            "127.0.0.1", "127.1", "0x7f.1", "10.0.258", "1", "010.0.0.1", "+1.-0.0x0+0.1", "255.255.255.255",
            "::", "::1", "fe80::1%eth0", "fe80::1%07", "ff02::2%lo", "::ffff:1.2.3.4", "::ffff:127.1",
            "1:2:3:4:5:6:7:8", "2001:db8::8a2e:370:7334", "::0.0.0.2", "1::", "1:0:0:1::1", "abcd:EF01::",
        ]
        var seeds = texts.map { [0] + Array($0.utf8) }
        seeds.append([1, 0, 0, 127, 0, 0, 0, 0, 0, 0, 0, 0, 1])
        seeds.append([1] + (0..<8).flatMap { [0, 0xFF, UInt8($0)] })
        seeds.append([1, 0xFF, 0xFF, 0xFF, 0, 1, 0, 0, 0, 0, 0, 0, 0])
        return seeds
    }

    static func corpusSeeds() -> [[UInt8]] {
        let entries: [[UInt8]] = [[], [1, 2, 3], Array("GET / HTTP/1.1\r\n".utf8), [0xFF]]
        let archive = CorpusArchive(entries: entries)
        let compressed = (try? archive.compressed()) ?? []
        return [
            [0] + compressed,
            [1] + archive.container(),
            [1] + CorpusArchive().container(),
            [2, 0x2C] + Array("a,b,,c,a".utf8),
            [0] + Array(compressed.prefix(compressed.count / 2)),
        ]
    }
}

/// Well-formed packets of each type, for seeds.
public enum SamplePackets {
    public static func packet(_ type: PacketType, payload: [UInt8], options: PacketOptions = PacketOptions()) -> [UInt8]
    {
        let n = payload.count
        func be(_ value: Int, _ width: Int) -> [UInt8] {
            (0..<width).reversed().map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
        }
        switch type {
        case .raw: return payload
        case .length1: return be(Swift.min(n, 255), 1) + payload.prefix(255)
        case .length2: return be(n, 2) + payload
        case .length4: return be(n, 4) + payload
        case .sunrm: return [0x80] + be(n, 3) + payload
        case .asn1: return n < 128 ? [0x04, UInt8(n)] + payload : [0x04, 0x82] + be(n, 2) + payload
        case .cdr: return Array("GIOP".utf8) + [1, 2, 0, 0] + be(n, 4) + payload
        case .fcgi:
            let padding = (8 - n % 8) % 8
            return [1, 5, 0, 1] + be(n, 2) + [UInt8(padding), 0] + payload + [UInt8](repeating: 0, count: padding)
        case .tpkt: return [3, 0] + be(n + 4, 2) + payload
        case .line:
            let delimiter = options.effectiveLineDelimiter
            return payload.map { $0 == delimiter ? delimiter &+ 1 : $0 } + [delimiter]
        case .http, .httpBin, .httph, .httphBin:
            return Array("X-Data: \(Hex.encode(payload.prefix(32)))\r\n".utf8)
        }
    }
}
