import PacketBench
import PacketFraming

/// One workload of issue 6: a stream fed in 64 KiB chunks (and scanned whole by the codecs and
/// the C line), and a smaller stream of the same packets drip-fed one byte at a time.
public struct Workload: Sendable {
    public let big: Stream
    public let drip: Stream

    public init(big: Stream, drip: Stream) {
        self.big = big
        self.drip = drip
    }

    public var id: String { big.id }
}

/// Every workload, by suite. `erlang/bench.escript` builds the same streams (same ids, same
/// counts); `bench-probe list` and the escript print their CRC-32s.
public enum Catalog {
    /// Packets in the 64 KiB-chunk stream and in the drip-fed one, by payload size: about 1 MiB
    /// and 64 KiB of stream (4 MiB and 1 MiB for 1 MiB payloads). `packetcat bench` uses the same.
    public static func counts(payload: Int) -> (big: Int, drip: Int) { Streams.counts(payload: payload) }

    static func sizeName(_ payload: Int) -> String {
        switch payload {
        case 1 << 20: "1m"
        case 4096: "4k"
        default: String(payload)
        }
    }

    static func framed(_ type: PacketType, _ name: String, payload: Int) -> Workload {
        let (big, drip) = counts(payload: payload)
        let id = "\(name)-\(sizeName(payload))"
        return Workload(
            big: Streams.framed(type, payload: payload, count: big, id: id),
            drip: Streams.framed(type, payload: payload, count: drip, id: id)
        )
    }

    /// 1/2/4-byte headers with 16 B, 64 B, 4 KiB and 1 MiB payloads (as far as the header can
    /// describe them).
    public static let lengthPrefixed: [Workload] = [
        framed(.length1, "len1", payload: 16),
        framed(.length1, "len1", payload: 64),
        framed(.length2, "len2", payload: 16),
        framed(.length2, "len2", payload: 64),
        framed(.length2, "len2", payload: 4096),
        framed(.length4, "len4", payload: 16),
        framed(.length4, "len4", payload: 64),
        framed(.length4, "len4", payload: 4096),
        framed(.length4, "len4", payload: 1 << 20),
    ]

    static func lines(_ length: Int, truncated: Bool) -> Workload {
        let (big, drip) = counts(payload: length)
        let id = "line-\(sizeName(length))" + (truncated ? "-trunc" : "")
        let lineLength = truncated ? length / 2 : 0
        return Workload(
            big: Streams.lines(length: length, count: big, lineLength: lineLength, id: id),
            drip: Streams.lines(length: length, count: drip, lineLength: lineLength, id: id)
        )
    }

    /// Lines of 64 B and 4 KiB (`\n` included), without and with `line_length` at half a line.
    public static let lines: [Workload] = [
        lines(64, truncated: false),
        lines(4096, truncated: false),
        lines(64, truncated: true),
        lines(4096, truncated: true),
    ]

    /// sunrm, asn1, tpkt, fcgi and cdr with 64 B and 4 KiB bodies.
    public static let records: [Workload] = [
        (PacketType.sunrm, "sunrm"), (.asn1, "asn1"), (.tpkt, "tpkt"), (.fcgi, "fcgi"), (.cdr, "cdr"),
    ].flatMap { type, name in
        [framed(type, name, payload: 64), framed(type, name, payload: 4096)]
    }

    /// The 248-byte request, a response with 10 headers, a request with a 2 KiB cookie.
    public static let http: [Workload] = [
        Workload(
            big: Streams.http(HTTPMessages.request, count: 4096, id: "http-req"),
            drip: Streams.http(HTTPMessages.request, count: 256, id: "http-req")
        ),
        Workload(
            big: Streams.http(HTTPMessages.response, count: 4096, id: "http-resp"),
            drip: Streams.http(HTTPMessages.response, count: 256, id: "http-resp")
        ),
        Workload(
            big: Streams.http(HTTPMessages.cookieRequest, count: 512, id: "http-cookie"),
            drip: Streams.http(HTTPMessages.cookieRequest, count: 32, id: "http-cookie")
        ),
    ]

    public static var all: [Workload] { lengthPrefixed + lines + records + http }

    /// The encoder: 16384 payloads of 64 B with 1/2/4-byte headers, and 256 of 4 KiB with 4.
    public static let encoder: [(id: String, type: PacketType, payload: Int, count: Int)] = [
        ("enc1-64", .length1, 64, 16384),
        ("enc2-64", .length2, 64, 16384),
        ("enc4-64", .length4, 64, 16384),
        ("enc4-4k", .length4, 4096, 256),
    ]
}
