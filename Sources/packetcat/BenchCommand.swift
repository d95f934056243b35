import ArgumentParser
import PacketFraming

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `packetcat bench`: the framer's speed on a stream built in memory, without the benchmark
/// package (`Benchmarks/` measures it side by side with the peers).
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure the framer: packets/s and bytes/s on a stream built in memory.",
        discussion: """
            Builds a stream of --count packets of --type with --payload-byte payloads in memory \
            (for line, lines of --payload bytes with the \\n; for http and http_bin the 248-byte \
            request 'GET /index.html?q=1 HTTP/1.1' with 7 headers, repeated; for httph and \
            httph_bin its header block without the request line), then feeds it through a \
            PacketFramer --chunk bytes at a time, taking every packet out after each chunk \
            (next(), or nextHTTP() for the http types: each line parsed into typed values). \
            Prints the best of 5 rounds, timed with the monotonic clock.

            --format json prints one line: {"type":…,"packets":…,"bytes":…,"seconds":…,\
            "packets_per_second":…,"bytes_per_second":…}, where packets are what the framer \
            delivered in one round (each HTTP line is a packet) and bytes the stream's size. \
            With raw every chunk is a packet.

            The framer copies each chunk in, as from a socket read; --chunk 1 drip-feeds the stream \
            byte by byte. Timings depend on the machine and on what else runs on it: compare \
            figures from one run, and see Benchmarks/ for side-by-side ratios with SwiftNIO, C \
            and Erlang.

            Examples:
              packetcat bench --type 4 --payload 64 --count 100000
              packetcat bench --type line --payload 64 --chunk 1 --count 10000
              packetcat bench --type http_bin --count 10000 --format json
            """
    )

    @Option(
        name: .customLong("type"),
        help: ArgumentHelp("The packet type, by its Erlang name: \(PacketTypeArgument.validNames).", valueName: "type")
    )
    var type: String

    @Option(help: ArgumentHelp("Payload bytes per packet (default 64); ignored by the http types.", valueName: "n"))
    var payload: String?

    @Option(help: ArgumentHelp("Packets in the stream (default 100000).", valueName: "n"))
    var count: String?

    @Option(help: ArgumentHelp("Feed the framer this many bytes at a time (default 65536).", valueName: "n"))
    var chunk: String?

    @Option(help: "How to print the result: text (for people) or json (one line).")
    var format: BenchFormat = .text

    func run() throws {
        let type = try PacketTypeArgument.parse(type)
        let payload = try Self.number(payload, option: "--payload", default: 64, minimum: 0)
        let count = try Self.number(count, option: "--count", default: 100_000, minimum: 1)
        let chunk = try Split.chunkSize(chunk)
        let stream = try BenchStream(type: type, payload: payload, count: count)
        let result = try BenchRun.measure(stream, chunk: chunk, rounds: BenchRun.rounds)
        var out = OutputBuffer(fd: 1)
        switch format {
        case .json: out.append(result.json + "\n")
        case .text: out.append(result.text(stream: stream, chunk: chunk))
        }
        try out.flush()
    }

    /// A decimal option from `minimum` up, or `defaultValue` when absent.
    static func number(_ text: String?, option: String, default defaultValue: Int, minimum: Int) throws(CLIError) -> Int
    {
        guard let text else { return defaultValue }
        guard let value = DecimalArgument.parse(text), !value.overflowed, value.clamped >= minimum else {
            throw .usage("invalid \(option) \(text): must be a whole number from \(minimum) up")
        }
        return value.clamped
    }
}

/// `--format` of `packetcat bench`.
enum BenchFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case text
    case json
}

// MARK: - The stream

/// The stream `packetcat bench` measures, built before timing anything.
struct BenchStream {
    /// The largest stream built: 1 GiB.
    static let maximumBytes = 1 << 30

    let type: PacketType
    /// The bytes of one packet (HTTP: one request head) and how many times it repeats.
    let unit: [UInt8]
    let count: Int
    let bytes: [UInt8]
    /// Packets the framer must deliver in one round; `nil` for raw (one per chunk).
    let expectedPackets: Int?
    /// What one unit is, for the text output: "64-byte payloads", "248-byte requests".
    let unitDescription: String

    init(type: PacketType, payload: Int, count: Int) throws(CLIError) {
        self.type = type
        self.count = count
        let body = (0..<payload).map { UInt8(ascii: "a") &+ UInt8($0 % 26) }
        switch type {
        case .http, .httpBin:
            unit = Self.request
            expectedPackets = count * Self.requestLines
            unitDescription = "\(Self.request.count)-byte requests"
        case .httph, .httphBin:
            unit = Self.headerBlock
            expectedPackets = count * (Self.requestLines - 1)
            unitDescription = "\(Self.headerBlock.count)-byte header blocks"
        case .raw:
            unit = body
            expectedPackets = nil
            unitDescription = "\(payload)-byte payloads"
        case .line:
            guard payload >= 1 else { throw .usage("invalid --payload 0: a line holds at least its \\n") }
            unit = Array(body.dropLast()) + [0x0A]
            expectedPackets = count
            unitDescription = "\(payload)-byte lines"
        default:
            unit = try Self.packet(type, body: body)
            expectedPackets = count
            unitDescription = "\(payload)-byte payloads"
        }
        let (total, overflow) = unit.count.multipliedReportingOverflow(by: count)
        guard !overflow, total <= Self.maximumBytes else {
            throw .usage("a stream of \(count) × \(unit.count) bytes is larger than packetcat bench builds (1 GiB)")
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(total)
        for _ in 0..<count { bytes.append(contentsOf: unit) }
        self.bytes = bytes
    }

    /// One packet of a header-framed `type` around `body`.
    static func packet(_ type: PacketType, body: [UInt8]) throws(CLIError) -> [UInt8] {
        let n = body.count
        func limit(_ maximum: Int) throws(CLIError) {
            if n > maximum {
                throw .usage("invalid --payload \(n): --type \(type) packets carry at most \(maximum) bytes")
            }
        }
        switch type {
        case .length1:
            try limit(0xFF)
            return [UInt8(n)] + body
        case .length2:
            try limit(0xFFFF)
            return bigEndian(n, 2) + body
        case .length4:
            try limit(Int(Int32.max) - 4)
            return bigEndian(n, 4) + body
        case .sunrm:
            try limit(Int(Int32.max) - 4)
            return bigEndian(0x8000_0000 | n, 4) + body  // the last fragment of a record
        case .asn1:
            // OCTET STRING with a definite length: short form under 128, else the fewest bytes.
            try limit(Int(Int32.max) - 6)
            if n < 128 { return [0x04, UInt8(n)] + body }
            let width = (Int.bitWidth - n.leadingZeroBitCount + 7) / 8
            return [0x04, 0x80 | UInt8(width)] + bigEndian(n, width) + body
        case .tpkt:
            try limit(0xFFFF - 4)
            return [3, 0] + bigEndian(4 + n, 2) + body
        case .fcgi:
            // FCGI_STDIN for request 1, padded to a multiple of 8 bytes.
            try limit(0xFFFF)
            let padding = (8 - n % 8) % 8
            return [1, 5, 0, 1] + bigEndian(n, 2) + [UInt8(padding), 0] + body + [UInt8](repeating: 0, count: padding)
        case .cdr:
            // A GIOP 1.0 Request, big-endian.
            try limit(Int(Int32.max) - 12)
            return Array("GIOP".utf8) + [1, 0, 0, 0] + bigEndian(n, 4) + body
        default:
            preconditionFailure("\(type) is not header-framed")
        }
    }

    static func bigEndian(_ value: Int, _ width: Int) -> [UInt8] {
        (0..<width).map { UInt8(truncatingIfNeeded: value >> (8 * (width - 1 - $0))) }
    }

    /// The 248-byte request of the HTTP benchmarks (issue 3): a request line and 7 headers.
    static let request: [UInt8] = Array(
        ("GET /index.html?q=1 HTTP/1.1\r\nHost: www.example.com\r\n"
            + "User-Agent: Mozilla/5.0 (X11; Linux x86_64)\r\nAccept: text/html,application/xml\r\n"
            + "Accept-Language: en-US,en;q=0.5\r\nAccept-Encoding: gzip, deflate\r\n"
            + "Connection: keep-alive\r\nCookie: session=abc123\r\n\r\n").utf8
    )

    /// Packets in one request: the request line, 7 headers, the end of the headers.
    static let requestLines = 9

    /// The request without its request line, for httph and httph_bin.
    static let headerBlock: [UInt8] = Array(request[(request.firstIndex(of: 0x0A)! + 1)...])
}

// MARK: - Timing

/// The best of several rounds of the framer over a stream.
struct BenchRun {
    static let rounds = 5

    let type: PacketType
    let packets: Int
    let bytes: Int
    let seconds: Double

    var packetsPerSecond: Double { Double(packets) / seconds }
    var bytesPerSecond: Double { Double(bytes) / seconds }

    /// Feeds `stream` through a new framer `chunk` bytes at a time, `rounds` times; the fastest
    /// round counts.
    static func measure(_ stream: BenchStream, chunk: Int, rounds: Int) throws(CLIError) -> BenchRun {
        var best = Double.infinity
        var packets = 0
        for _ in 0..<rounds {
            let start = monotonicSeconds()
            let delivered = try frame(stream, chunk: chunk)
            let elapsed = monotonicSeconds() - start
            if let expected = stream.expectedPackets, delivered != expected {
                throw .failure("the framer delivered \(delivered) packets, \(expected) expected")
            }
            packets = delivered
            best = min(best, elapsed)
        }
        // A round faster than the clock can tell still divides by something.
        return BenchRun(type: stream.type, packets: packets, bytes: stream.bytes.count, seconds: max(best, 1e-9))
    }

    /// One round: packets delivered.
    static func frame(_ stream: BenchStream, chunk: Int) throws(CLIError) -> Int {
        var framer = PacketFramer(stream.type)
        var packets = 0
        var sink = 0
        var failure: PacketError? = nil
        stream.bytes.withUnsafeBytes { all in
            var offset = 0
            do throws(PacketError) {
                while offset < all.count {
                    let end = min(offset + chunk, all.count)
                    framer.append(contentsOf: UnsafeRawBufferPointer(rebasing: all[offset..<end]))
                    offset = end
                    if stream.type.isHTTP {
                        while let packet = try framer.nextPacket()?.http {
                            packets += 1
                            if case .header(let header) = packet { sink &+= header.value.count }
                        }
                    } else {
                        while let packet = try framer.next() {
                            packets += 1
                            sink &+= packet.count
                        }
                    }
                }
            } catch {
                failure = error
            }
        }
        if let failure { throw .failure("the framer failed on the benchmark stream: \(failure.reason)") }
        // Uses the packets' bytes so that the work is not optimised away.
        if sink == Int.min { Terminal.error("unreachable") }
        return packets
    }

    static func monotonicSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }

    /// `{"type":"4","packets":100000,"bytes":6800000,"seconds":0.000512,...}`.
    var json: String {
        "{\"type\":\"\(type.erlangName)\",\"packets\":\(packets),\"bytes\":\(bytes),\"seconds\":\(seconds),"
            + "\"packets_per_second\":\(Self.whole(packetsPerSecond)),\"bytes_per_second\":\(Self.whole(bytesPerSecond))}"
    }

    func text(stream: BenchStream, chunk: Int) -> String {
        var text = "type \(type.erlangName): \(stream.count) \(stream.unitDescription), \(bytes) bytes"
        text += " fed \(chunk == 1 ? "byte by byte" : "in \(chunk)-byte chunks"), best of \(Self.rounds) rounds\n"
        text += "  \(Self.decimal(seconds * 1e3, 3)) ms   \(Self.scaled(packetsPerSecond)) packets/s"
        text += "   \(Self.scaled(bytesPerSecond))B/s"
        if type.isHTTP {
            text +=
                "   \(Self.scaled(Double(stream.count) / seconds)) \(type.isHeaderOnlyHTTP ? "header blocks" : "requests")/s"
        }
        return text + "\n"
    }

    static func whole(_ value: Double) -> Int {
        value.isFinite && value < 9e18 ? Int(value.rounded()) : Int.max
    }

    /// `12.3 M`, `456 k`, `7.89 G`: three significant digits and an SI prefix.
    static func scaled(_ value: Double) -> String {
        let prefixes: [(Double, String)] = [(1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")]
        for (scale, prefix) in prefixes where value >= scale {
            let v = value / scale
            return decimal(v, v >= 100 ? 0 : v >= 10 ? 1 : 2) + " " + prefix
        }
        return decimal(value, 0) + " "
    }

    /// `value` with `places` decimals, without Foundation.
    static func decimal(_ value: Double, _ places: Int) -> String {
        var factor = 1.0
        for _ in 0..<places { factor *= 10 }
        let scaled = Int((value * factor).rounded())
        let integer = scaled / Int(factor)
        guard places > 0 else { return String(integer) }
        let fraction = String(scaled % Int(factor))
        return "\(integer)." + String(repeating: "0", count: places - fraction.count) + fraction
    }
}
