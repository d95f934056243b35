import PacketFraming

// The streams that `packetcat bench` and the benchmark package (`Benchmarks/`) measure, built in
// one place so that both time the same bytes; `Benchmarks/erlang/bench.escript` builds the same
// streams in Erlang and `bench-probe streams` / `erlang/run streams` compare their CRC-32s.

/// A byte stream built in memory before anything is measured, with what framing it must give.
///
/// Every implementation (ours, SwiftNIO's, the C line, Erlang's) runs over exactly these bytes.
public struct Stream: Sendable {
    /// Names the workload: `len4-64`, `line-4k-trunc`, `http-req`. Same ids in `erlang/bench.escript`.
    public let id: String
    /// The packet type, as `{packet, Type}`.
    public let type: PacketType
    /// `decode_packet`'s options (only `line_length` is ever set here).
    public let options: PacketOptions
    /// The bytes.
    public let bytes: [UInt8]
    /// Packets in the stream, as our framer (and Erlang) delivers them; for the HTTP types,
    /// messages (a start line, its headers and the empty line).
    public let units: Int
    /// Whether `units` counts HTTP messages rather than packets.
    public var countsMessages: Bool { type.isHTTP }

    public init(id: String, type: PacketType, options: PacketOptions = PacketOptions(), bytes: [UInt8], units: Int) {
        self.id = id
        self.type = type
        self.options = options
        self.bytes = bytes
        self.units = units
    }

    /// The name a benchmark of `implementation` over this stream gets. `Benchmarks/run` reads it
    /// back: `len4-64 · ours framer 64K · 16384 pkts · 1114112 B`.
    public func benchmarkName(_ implementation: String) -> String {
        "\(id) · \(implementation) · \(units) \(countsMessages ? "msgs" : "pkts") · \(bytes.count) B"
    }
}

extension Stream {
    /// Calls `body` with the stream `size` bytes at a time (the last piece may be shorter), the
    /// way reads from a socket hand a stream over; the pieces are views of the stream's bytes.
    @inlinable
    @inline(__always)
    public func forEachChunk(of size: Int, _ body: (UnsafeRawBufferPointer) -> Void) {
        bytes.withUnsafeBytes { all in
            var offset = 0
            while offset < all.count {
                let end = Swift.min(offset + size, all.count)
                body(UnsafeRawBufferPointer(rebasing: all[offset..<end]))
                offset = end
            }
        }
    }
}

/// What one pass over a stream found: every implementation must find the same number of packets.
public struct Tally: Sendable, Equatable, CustomStringConvertible {
    /// Packets (HTTP: messages) delivered.
    public var units: Int = 0
    /// Bytes delivered (what each implementation counts differs: with or without headers and
    /// delimiters), only so that nothing is optimised away.
    public var bytes: Int = 0

    public init(units: Int = 0, bytes: Int = 0) {
        self.units = units
        self.bytes = bytes
    }

    public var description: String { "\(units) units, \(bytes) bytes" }
}

/// 64 KiB: the chunk a socket read typically hands over.
public let bigChunk = 1 << 16

// MARK: - Building streams

/// The streams of issue 6, built the same way as in `Benchmarks/erlang/bench.escript`.
public enum Streams {
    /// Payload bytes: printable, never `\n` or `\r`.
    public static func body(_ count: Int) -> [UInt8] {
        (0..<count).map { UInt8(ascii: "a") + UInt8($0 % 26) }
    }

    /// Packets in the benchmarks' 64 KiB-chunk stream and in their drip-fed one, by payload size:
    /// about 1 MiB and 64 KiB of stream (4 MiB and 1 MiB for 1 MiB payloads).
    public static func counts(payload: Int) -> (big: Int, drip: Int) {
        switch payload {
        case ...16: (65536, 2048)
        case ...64: (16384, 1024)
        case ...4096: (256, 16)
        default: (4, 1)
        }
    }

    /// `count` packets of `type` (1, 2, 4, sunrm, asn1, tpkt, fcgi, cdr) with `payload`-byte bodies.
    public static func framed(_ type: PacketType, payload: Int, count: Int, id: String) -> Stream {
        Stream(id: id, type: type, bytes: repeated(packet(type, body: body(payload)), count: count), units: count)
    }

    /// One packet of `type` around `body` (which its header must be able to describe).
    public static func packet(_ type: PacketType, body: [UInt8]) -> [UInt8] {
        let n = body.count
        switch type {
        case .length1: return [UInt8(n)] + body
        case .length2: return bigEndian(n, 2) + body
        case .length4: return bigEndian(n, 4) + body
        case .sunrm: return bigEndian(0x8000_0000 | n, 4) + body  // last fragment
        case .asn1:
            // OCTET STRING, definite length: the short form under 128, else the fewest bytes
            // (0x82 and two bytes from 256 to 65535).
            if n < 128 { return [0x04, UInt8(n)] + body }
            let width = (Int.bitWidth - n.leadingZeroBitCount + 7) / 8
            return [0x04, 0x80 | UInt8(width)] + bigEndian(n, width) + body
        case .tpkt: return [3, 0] + bigEndian(4 + n, 2) + body
        case .fcgi:
            // FCGI_STDIN for request 1, padded to a multiple of 8.
            let padding = (8 - n % 8) % 8
            return [1, 5, 0, 1] + bigEndian(n, 2) + [UInt8(padding), 0] + body + [UInt8](repeating: 0, count: padding)
        case .cdr:
            // GIOP 1.0 Request, big-endian, then the message size.
            return Array("GIOP".utf8) + [1, 0, 0, 0] + bigEndian(n, 4) + body
        default:
            preconditionFailure("no header-framed packet for \(type)")
        }
    }

    /// `count` lines of `length` bytes each, `\n` included; with `lineLength` > 0, Erlang's
    /// `line_length` option (each line then comes in `ceil(length / lineLength)` pieces).
    public static func lines(length: Int, count: Int, lineLength: Int = 0, id: String) -> Stream {
        precondition(length >= 1, "a line holds at least its \\n")
        let pieces = lineLength == 0 ? 1 : (length + lineLength - 1) / lineLength
        let options = PacketOptions(lineLength: UInt32(lineLength))
        let bytes = repeated(body(length - 1) + [0x0A], count: count)
        return Stream(id: id, type: .line, options: options, bytes: bytes, units: count * pieces)
    }

    /// `count` copies of an HTTP message head, framed as `type` (`http_bin` by default).
    public static func http(_ message: [UInt8], count: Int, id: String, type: PacketType = .httpBin) -> Stream {
        Stream(id: id, type: type, bytes: repeated(message, count: count), units: count)
    }

    /// `count` copies of `unit`, one after the other.
    public static func repeated(_ unit: [UInt8], count: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(unit.count * count)
        for _ in 0..<count { bytes += unit }
        return bytes
    }

    /// `value` in `width` big-endian bytes.
    public static func bigEndian(_ value: Int, _ width: Int) -> [UInt8] {
        (0..<width).map { UInt8(truncatingIfNeeded: value >> (8 * (width - 1 - $0))) }
    }
}

// MARK: - HTTP messages

/// The HTTP heads of issue 3 and issue 6.
public enum HTTPMessages {
    /// The 248-byte request of issue 3: `GET /index.html?q=1 HTTP/1.1` with Host, User-Agent,
    /// Accept, Accept-Language, Accept-Encoding, Connection and Cookie.
    public static let request: [UInt8] = head(requestLines + ["Cookie: session=abc123"])

    /// Packets in `request`: the request line, 7 headers, the end of the headers.
    public static let requestPackets = 9

    /// `request` without its request line: what `httph` and `httph_bin` read (8 packets).
    public static let requestHeaders: [UInt8] = Array(request[(request.firstIndex(of: 0x0A)! + 1)...])

    /// The request's lines before its cookie.
    static let requestLines = [
        "GET /index.html?q=1 HTTP/1.1",
        "Host: www.example.com",
        "User-Agent: Mozilla/5.0 (X11; Linux x86_64)",
        "Accept: text/html,application/xml",
        "Accept-Language: en-US,en;q=0.5",
        "Accept-Encoding: gzip, deflate",
        "Connection: keep-alive",
    ]

    /// A status line and 10 headers.
    public static let response: [UInt8] = head([
        "HTTP/1.1 200 OK",
        "Date: Tue, 25 Nov 2025 14:00:00 GMT",
        "Server: Apache/2.4.57 (Debian)",
        "Last-Modified: Mon, 24 Nov 2025 10:00:00 GMT",
        "ETag: \"3f80f-1b6-3e1cb03b\"",
        "Accept-Ranges: bytes",
        "Content-Length: 0",
        "Cache-Control: max-age=3600",
        "Content-Type: text/html; charset=UTF-8",
        "Vary: Accept-Encoding",
        "Connection: keep-alive",
    ])

    /// The request with a 2 KiB cookie value.
    public static let cookieRequest: [UInt8] = head(
        requestLines + ["Cookie: session=" + String(decoding: Streams.body(2048 - 8), as: UTF8.self)])

    static func head(_ lines: [String]) -> [UInt8] {
        Array((lines.joined(separator: "\r\n") + "\r\n\r\n").utf8)
    }
}
