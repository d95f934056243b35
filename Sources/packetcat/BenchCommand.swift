import ArgumentParser
import PacketBench
import PacketFraming

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `packetcat bench`: the framer's speed on a stream built in memory, without the benchmark
/// package (`Benchmarks/` measures it side by side with the peers). The stream and the timed loop
/// are the benchmark package's own (`PacketBench`), so the figures are the harness's figures.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure the framer: packets/s and bytes/s on a stream built in memory.",
        discussion: """
            Builds a stream of --count packets of --type with --payload-byte payloads in memory \
            (for line, lines of --payload bytes with the \\n; for http and http_bin the 248-byte \
            request 'GET /index.html?q=1 HTTP/1.1' with 7 headers, repeated; for httph and \
            httph_bin its header block without the request line). By default the stream is the \
            benchmark package's for that payload (about 1 MiB: 16384 packets of 64 bytes, 256 of \
            4096; 4096 requests), so the figures compare with Benchmarks/ (`bench-probe`).

            What one round measures, timed with the monotonic clock: a new PacketFramer; each \
            --chunk bytes of the stream copied into it (append, as from a socket read); after \
            each chunk, every packet taken out (next(), or nextHTTP() for the http types: each \
            line parsed into typed values) until it answers nil. Building the stream is not \
            timed. The result is the best (fastest) of --rounds rounds. The loop is the one the \
            benchmark package's `ours framer 64K` and `ours framer drip` cases run (one compiled \
            function, in PacketBench).

            --against runs a peer on the same bytes in the same run (best of --rounds too) and \
            prints ours / peer in packets per second (above 1: we are faster). The peers that \
            run in this process (memchr, memchr-copy, walk, walk-copy) take a round after each \
            of ours, so that both sides meet the same moments of the machine; erlang, a process \
            of its own, takes its rounds in up to 4 blocks, each after a block of ours. Peers:

            --against erlang: erlang:decode_packet/3 in an escript (needs escript on the PATH; \
            skipped with a message without it), fed the same chunks: each chunk appended to the \
            buffered binary, then decode_packet until {more, _}; HTTP as Erlang loops (http_bin, \
            then httph_bin until http_eoh). Not for raw.

            --against memchr (line only): Glibc's memchr over the whole stream in place, one \
            call a line, no copy and no framer: the C line split of Benchmarks' `C memchr`.

            --against memchr-copy (line only): what a C reader that copies what it reads does \
            with the same chunks: each chunk copied (memcpy) into one reused buffer, the \
            unfinished line moved to its front when the chunk does not fit behind it, then \
            memchr a line: the loop of Benchmarks' `C framer`, in Swift over raw pointers. \
            Compare with memchr to see what copying each chunk in costs C itself.

            --against walk (1, 2 and 4 only): a plain header walk over the whole stream in \
            place, no copy and no framer (load the header, add the length): the loop of \
            Benchmarks' `C scan`, in Swift over raw pointers.

            --against walk-copy (1, 2 and 4 only): what a C reader of length-prefixed frames that \
            copies what it reads does with the same chunks: each chunk copied (memcpy) into one \
            reused buffer, the unfinished frame moved to its front when the chunk does not fit \
            behind it, then a header walk over the whole frames in it: memchr-copy's copying with \
            walk's walk, in Swift over raw pointers. Compare with walk to see what copying each \
            chunk in costs C itself for frames.

            --format json prints one line: {"type":…,"packets":…,"bytes":…,"seconds":…,\
            "packets_per_second":…,"bytes_per_second":…}, where packets are what the framer \
            delivered in one round (each HTTP line is a packet) and bytes the stream's size. \
            With raw every chunk is a packet. With --against, "against" follows: one object per \
            peer, {"peer":…,"seconds":…,"packets_per_second":…,"ratio":…}.

            --in-place (not for the http types) frames each chunk where it lies instead: \
            PacketFramer.feed(_:each:) hands over the packets whole in the chunk as views of it \
            and copies only a packet cut by the chunk's end (a reader that owns its read buffer \
            until the packets are handled). Compare with the default to see what copying each \
            chunk in costs.

            --chunk 1 drip-feeds the stream byte by byte. Timings depend on the machine and on \
            what else runs on it: compare figures from one run, and see Benchmarks/ for \
            side-by-side ratios with SwiftNIO, C and Erlang.

            Examples:
              packetcat bench --type 4 --payload 64 --against erlang --against walk
              packetcat bench --type 4 --payload 64 --count 1000000 --against walk --against walk-copy
              packetcat bench --type line --payload 4096 --against memchr --against erlang
              packetcat bench --type line --payload 64 --count 1000000 --in-place --against memchr
              packetcat bench --type line --payload 64 --count 1000000 --against memchr --against memchr-copy
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

    @Option(
        help: ArgumentHelp(
            "Packets in the stream (default: the benchmark package's, about 1 MiB of stream).", valueName: "n"))
    var count: String?

    @Option(help: ArgumentHelp("Feed the framer this many bytes at a time (default 65536).", valueName: "n"))
    var chunk: String?

    @Option(help: ArgumentHelp("Rounds to run; the fastest counts (default 5).", valueName: "n"))
    var rounds: String?

    @Option(
        help: ArgumentHelp(
            "Also time a peer on the same bytes: erlang, memchr and memchr-copy (line), walk and walk-copy"
                + " (1, 2, 4). Repeatable.",
            valueName: "peer"))
    var against: [BenchPeer] = []

    @Option(help: "How to print the result: text (for people) or json (one line).")
    var format: BenchFormat = .text

    @Flag(help: "Frame each chunk where it lies (feed(_:each:)) instead of copying it in (not for http types).")
    var inPlace = false

    func run() throws {
        let type = try PacketTypeArgument.parse(type)
        let payload = try Self.number(payload, option: "--payload", default: 64, minimum: 0)
        let count = try Self.number(
            count, option: "--count", default: BenchStream.defaultCount(type: type, payload: payload), minimum: 1)
        let chunk = try Split.chunkSize(chunk)
        if inPlace && type.isHTTP {
            throw CLIError.usage("--in-place: the http types' packets are parsed values, taken with nextHTTP()")
        }
        let rounds = try Self.number(rounds, option: "--rounds", default: BenchRun.rounds, minimum: 1)
        var peers: [BenchPeer] = []
        for peer in against where !peers.contains(peer) {
            if let reason = peer.unavailable(for: type) {
                throw CLIError.usage("--against \(peer.rawValue): \(reason)")
            }
            peers.append(peer)
        }
        let stream = try BenchStream(type: type, payload: payload, count: count)
        let (result, compared) = try BenchRun.compare(
            stream, chunk: chunk, rounds: rounds, inPlace: inPlace, against: peers)
        for run in compared where run.units != result.units {
            throw CLIError.failure(
                "--against \(run.peer.rawValue) found \(run.units) packets where the framer delivered \(result.units)")
        }
        var out = OutputBuffer(fd: 1)
        switch format {
        case .json: out.append(result.json(against: compared) + "\n")
        case .text: out.append(result.text(stream: stream, chunk: chunk, inPlace: inPlace, against: compared))
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

/// The stream `packetcat bench` measures, built before timing anything by the benchmark
/// package's builder (`PacketBench.Streams`): the same bytes as `Benchmarks/` for the same
/// packets.
struct BenchStream {
    /// The largest stream built: 1 GiB.
    static let maximumBytes = 1 << 30

    let type: PacketType
    /// The bytes of one packet (HTTP: one request head) and how many times it repeats.
    let unit: [UInt8]
    let count: Int
    /// The stream, with what the framer must deliver (`units`: packets, or HTTP messages).
    let stream: PacketBench.Stream
    /// Packets the framer delivers per unit: 9 lines a request, 8 a header block, else 1.
    let packetsPerUnit: Int
    /// What one unit is, for the text output: "64-byte payloads", "248-byte requests".
    let unitDescription: String

    var bytes: [UInt8] { stream.bytes }

    /// Packets the framer must deliver in one round; `nil` for raw (one per chunk).
    var expectedPackets: Int? { type == .raw ? nil : count * packetsPerUnit }

    /// The count of the benchmark package's 64 KiB-chunk stream for `payload` (about 1 MiB of
    /// stream), or of its `http-req` stream.
    static func defaultCount(type: PacketType, payload: Int) -> Int {
        type.isHTTP ? 4096 : Streams.counts(payload: payload).big
    }

    init(type: PacketType, payload: Int, count: Int) throws(CLIError) {
        self.type = type
        self.count = count
        packetsPerUnit = type.isHTTP ? HTTPMessages.requestPackets - (type.isHeaderOnlyHTTP ? 1 : 0) : 1
        switch type {
        case .http, .httpBin:
            unit = HTTPMessages.request
            unitDescription = "\(unit.count)-byte requests"
        case .httph, .httphBin:
            unit = HTTPMessages.requestHeaders
            unitDescription = "\(unit.count)-byte header blocks"
        case .raw:
            unit = Streams.body(payload)
            unitDescription = "\(payload)-byte payloads"
        case .line:
            guard payload >= 1 else { throw .usage("invalid --payload 0: a line holds at least its \\n") }
            unit = Streams.body(payload - 1) + [0x0A]
            unitDescription = "\(payload)-byte lines"
        default:
            try Self.checkPayload(type, payload)
            unit = Streams.packet(type, body: Streams.body(payload))
            unitDescription = "\(payload)-byte payloads"
        }
        let (total, overflow) = unit.count.multipliedReportingOverflow(by: count)
        guard !overflow, total <= Self.maximumBytes else {
            throw .usage("a stream of \(count) × \(unit.count) bytes is larger than packetcat bench builds (1 GiB)")
        }
        let id = "\(type.erlangName)-\(payload)"
        switch type {
        case .line: stream = Streams.lines(length: payload, count: count, id: id)
        case .raw, .http, .httpBin, .httph, .httphBin:
            stream = PacketBench.Stream(id: id, type: type, bytes: Streams.repeated(unit, count: count), units: count)
        default: stream = Streams.framed(type, payload: payload, count: count, id: id)
        }
    }

    /// Refuses a payload the header of `type` cannot describe.
    static func checkPayload(_ type: PacketType, _ n: Int) throws(CLIError) {
        let maximum: Int
        switch type {
        case .length1: maximum = 0xFF
        case .length2, .fcgi: maximum = 0xFFFF
        case .tpkt: maximum = 0xFFFF - 4
        case .asn1: maximum = Int(Int32.max) - 6
        case .cdr: maximum = Int(Int32.max) - 12
        default: maximum = Int(Int32.max) - 4
        }
        if n > maximum {
            throw .usage("invalid --payload \(n): --type \(type) packets carry at most \(maximum) bytes")
        }
    }
}

// MARK: - Timing

/// The best of several rounds of the framer over a stream.
struct BenchRun {
    static let rounds = 5

    let type: PacketType
    /// Packets delivered in one round (each HTTP line is one).
    let packets: Int
    /// What the peers are compared in: packets, or HTTP messages.
    let units: Int
    let bytes: Int
    let seconds: Double
    let rounds: Int

    init(type: PacketType, packets: Int, units: Int? = nil, bytes: Int, seconds: Double, rounds: Int = BenchRun.rounds)
    {
        self.type = type
        self.packets = packets
        self.units = units ?? packets
        self.bytes = bytes
        self.seconds = seconds
        self.rounds = rounds
    }

    var packetsPerSecond: Double { Double(packets) / seconds }
    var bytesPerSecond: Double { Double(bytes) / seconds }

    /// Feeds `stream` through a new framer `chunk` bytes at a time (copied in, or framed where
    /// they lie), `rounds` times; the fastest round counts.
    static func measure(
        _ stream: BenchStream, chunk: Int, rounds: Int, inPlace: Bool = false
    ) throws(CLIError)
        -> BenchRun
    {
        try measure(stream, chunk: chunk, rounds: rounds, inPlace: inPlace, alongside: []).ours
    }

    /// ``measure(_:chunk:rounds:inPlace:)``, with each of `peers` that runs in this process
    /// taking a round after each of the framer's, so that both sides meet the same moments of
    /// the machine (a neighbour's burst, the clock's steps): the best round of each, and the
    /// peers' in `peers`' order (erlang, which times its own rounds, is left out).
    static func measure(
        _ stream: BenchStream, chunk: Int, rounds: Int, inPlace: Bool, alongside peers: [BenchPeer]
    ) throws(CLIError) -> (ours: BenchRun, peers: [PeerRun]) {
        let local = peers.filter(\.inProcess)
        var best = Double.infinity
        var tally = Tally()
        var peerBest = [Double](repeating: .infinity, count: local.count)
        var peerTally = [Tally](repeating: Tally(), count: local.count)
        for _ in 0..<rounds {
            let start = monotonicSeconds()
            do {
                tally =
                    inPlace
                    ? try FramingLoops.framePacketsInPlace(stream.stream, chunk: chunk)
                    : try FramingLoops.frame(stream.stream, chunk: chunk)
            } catch {
                throw .failure("the framer failed on the benchmark stream: \(error.reason)")
            }
            let elapsed = monotonicSeconds() - start
            if let expected = stream.expectedPackets, tally.units * stream.packetsPerUnit != expected {
                throw .failure(
                    "the framer delivered \(tally.units * stream.packetsPerUnit) packets, \(expected) expected")
            }
            best = min(best, elapsed)
            for (i, peer) in local.enumerated() {
                let start = monotonicSeconds()
                peerTally[i] = peer.round(stream, chunk: chunk) ?? Tally()
                peerBest[i] = min(peerBest[i], monotonicSeconds() - start)
            }
        }
        // A round faster than the clock can tell still divides by something.
        let ours = BenchRun(
            type: stream.type, packets: tally.units * stream.packetsPerUnit, units: tally.units,
            bytes: stream.bytes.count, seconds: max(best, 1e-9), rounds: rounds)
        let runs = local.indices.map { i in
            PeerRun(peer: local[i], units: peerTally[i].units, seconds: max(peerBest[i], 1e-9))
        }
        return (ours, runs)
    }

    /// Blocks of rounds that `--against erlang` splits `--rounds` into.
    static let erlangBlocks = 4

    /// The framer and each of `peers` over `stream`, the best of `rounds` rounds each, the peers'
    /// in `peers`' order. The in-process peers take a round after each of the framer's; erlang,
    /// a process of its own, runs its rounds in up to ``erlangBlocks`` blocks, each after a block
    /// of the framer's, so that a slow or a fast stretch of the machine is not all on one side.
    static func compare(
        _ stream: BenchStream, chunk: Int, rounds: Int, inPlace: Bool, against peers: [BenchPeer]
    ) throws(CLIError) -> (ours: BenchRun, peers: [PeerRun]) {
        var erlang: ErlangPeer.Prepared? = nil
        if peers.contains(.erlang) {
            if let escript = ErlangPeer.escript() {
                erlang = try ErlangPeer.prepare(stream, escript: escript)
            } else {
                Terminal.error("--against erlang: escript not found (apt-get install -y erlang-base); skipped")
            }
        }
        defer { erlang?.remove() }
        let blocks = erlang == nil ? 1 : Swift.min(rounds, erlangBlocks)
        var ours: BenchRun? = nil
        var best: [BenchPeer: PeerRun] = [:]
        for block in 0..<blocks {
            let n = rounds / blocks + (block < rounds % blocks ? 1 : 0)
            let (run, local) = try measure(stream, chunk: chunk, rounds: n, inPlace: inPlace, alongside: peers)
            if ours.map({ run.seconds < $0.seconds }) ?? true { ours = run }
            var runs = local
            if let erlang { runs.append(try erlang.measure(chunk: chunk, rounds: n)) }
            for run in runs where best[run.peer].map({ run.seconds < $0.seconds }) ?? true {
                best[run.peer] = run
            }
        }
        let fastest = ours.unsafelyUnwrapped  // blocks >= 1
        return (
            BenchRun(
                type: fastest.type, packets: fastest.packets, units: fastest.units, bytes: fastest.bytes,
                seconds: fastest.seconds, rounds: rounds),
            peers.compactMap { best[$0] }
        )
    }

    static func monotonicSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }

    /// `{"type":"4","packets":100000,"bytes":6800000,"seconds":0.000512,...}`, then
    /// `"against":[...]` when peers ran.
    func json(against peers: [PeerRun] = []) -> String {
        var json =
            "{\"type\":\"\(type.erlangName)\",\"packets\":\(packets),\"bytes\":\(bytes),\"seconds\":\(seconds),"
            + "\"packets_per_second\":\(Self.whole(packetsPerSecond)),\"bytes_per_second\":\(Self.whole(bytesPerSecond))"
        if !peers.isEmpty {
            json += ",\"against\":["
            json += peers.map { peer in
                "{\"peer\":\"\(peer.peer.rawValue)\",\"seconds\":\(peer.seconds),"
                    + "\"packets_per_second\":\(Self.whole(Double(packets) / peer.seconds)),"
                    + "\"ratio\":\(Self.decimal(ratio(peer), 3))}"
            }.joined(separator: ",")
            json += "]"
        }
        return json + "}"
    }

    /// Ours / the peer's in units per second (the same units): above 1 when we are faster.
    func ratio(_ peer: PeerRun) -> Double { peer.seconds / seconds }

    func text(stream: BenchStream, chunk: Int, inPlace: Bool = false, against peers: [PeerRun] = []) -> String {
        var text = "type \(type.erlangName): \(stream.count) \(stream.unitDescription), \(bytes) bytes"
        text += " fed \(chunk == 1 ? "byte by byte" : "in \(chunk)-byte chunks")"
        text += inPlace ? " framed in place" : ""
        text += ", best of \(rounds) rounds\n"
        text += "  \(Self.decimal(seconds * 1e3, 3)) ms   \(Self.scaled(packetsPerSecond)) packets/s"
        text += "   \(Self.scaled(bytesPerSecond))B/s"
        if type.isHTTP {
            text +=
                "   \(Self.scaled(Double(stream.count) / seconds)) \(type.isHeaderOnlyHTTP ? "header blocks" : "requests")/s"
        }
        text += "\n"
        for peer in peers {
            text += "  \(peer.peer.rawValue): \(peer.peer.what)\n"
            text +=
                "  \(Self.decimal(peer.seconds * 1e3, 3)) ms   \(Self.scaled(Double(packets) / peer.seconds)) packets/s"
            text += "   ours / \(peer.peer.rawValue) \(Self.decimal(ratio(peer), 2))x\n"
        }
        return text
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
