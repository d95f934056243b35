import NIOCore
import NIOPeers
import PacketBench
import PacketFraming
import Workloads

/// One thing to measure: an implementation over a stream. The suites register every case with
/// package-benchmark; `bench-probe` runs one under callgrind.
public struct Case: Sendable {
    /// The benchmark name: `len4-64 · ours framer 64K · 16384 pkts · 1114112 B`.
    public let name: String
    /// Packets (HTTP: messages) one pass must deliver; checked once before measuring.
    public let expected: Int
    /// Builds the inputs (not measured) and returns one pass over them.
    public let prepare: @Sendable () -> () -> Tally

    public init(_ stream: Stream, _ implementation: String, _ prepare: @escaping @Sendable () -> () -> Tally) {
        self.name = stream.benchmarkName(implementation)
        self.expected = stream.units
        self.prepare = prepare
    }

    public init(name: String, expected: Int, _ prepare: @escaping @Sendable () -> () -> Tally) {
        self.name = name
        self.expected = expected
        self.prepare = prepare
    }

    /// Prepares the case and runs it once; stops the program if it does not frame what it must.
    public func prepareChecked() -> () -> Tally {
        let run = prepare()
        let tally = run()
        precondition(tally.units == expected, "\(name): \(tally.units) delivered, \(expected) expected")
        return run
    }
}

/// Every case, by suite. Implementation labels (what `./run` pairs up):
/// - `ours scan`: the stateless codec walked over the whole stream; `C scan` / `C memchr` the same in C.
/// - `C framer 64K|drip` (lines): a minimal C line framer fed the same chunks, the per-call floor.
/// - `C heads whole|64K` (HTTP requests): a C parser of request heads into pointers and lengths
///   (picohttpparser's kind), over the whole stream in place / copied in 64 KiB chunks.
/// - `ours framer 64K` / `ours framer drip`: the framer fed 64 KiB chunks / one byte at a time.
/// - `ours framer whole`: the framer handed the whole stream as one buffer (adopted, no copy).
/// - `ours framer in place 64K`: the framer's `feed(_:each:)` on 64 KiB chunks (framed where they
///   lie, only a packet cut by a chunk's end copied).
/// - `ours NIO decoder 64K|drip`: this package's `PacketFrameDecoder` (`HTTPPacketDecoder` for HTTP)
///   through `ByteToMessageHandler`, as the NIO decoders are.
/// - `ours NIO head decoder 64K|drip` (HTTP): `HTTPHeadDecoder`, a message head as one pipeline value.
/// - `NIO decoder 64K|drip`: nio-extras' decoder (NIOHTTP1's for HTTP) through `ByteToMessageHandler`.
/// - `NIO loop 64K|drip`: a hand loop on NIO's `ByteBuffer`.
/// - `ours decode_packet loop` (HTTP): Erlang's stateless loop with `decodeHTTP`.
public enum Cases {
    public static var lengthPrefixed: [Case] {
        Catalog.lengthPrefixed.flatMap { w in
            let header = w.big.type.lengthHeaderSize!
            return [
                Case(w.big, "ours scan") { { Ours.scan(w.big) } },
                Case(w.big, "C scan") { { CLine.lengthScan(w.big) } },
                Case(w.big, "ours framer 64K") { { Ours.frame(w.big, chunk: bigChunk) } },
                Case(w.big, "ours framer in place 64K") { { Ours.frameInPlace(w.big, chunk: bigChunk) } },
                whole(w.big),
                Case(w.big, "NIO decoder 64K") {
                    let chunks = NIOPeers.chunks(w.big, size: bigChunk)
                    return { NIOPeers.lengthFieldDecoder(chunks, header: header) }
                },
                Case(w.big, "NIO loop 64K") { { NIOPeers.lengthLoop(w.big, chunk: bigChunk) } },
                Case(w.big, "ours NIO decoder 64K") {
                    let chunks = NIOPeers.chunks(w.big, size: bigChunk)
                    return { NIOPeers.ourDecoder(chunks, w.big) }
                },
                Case(w.drip, "ours NIO decoder drip") {
                    let chunks = NIOPeers.chunks(w.drip, size: 1)
                    return { NIOPeers.ourDecoder(chunks, w.drip) }
                },
                Case(w.drip, "ours framer drip") { { Ours.frame(w.drip, chunk: 1) } },
                Case(w.drip, "NIO decoder drip") {
                    let chunks = NIOPeers.chunks(w.drip, size: 1)
                    return { NIOPeers.lengthFieldDecoder(chunks, header: header) }
                },
                Case(w.drip, "NIO loop drip") { { NIOPeers.lengthLoop(w.drip, chunk: 1) } },
            ]
        }
    }

    public static var lines: [Case] {
        Catalog.lines.flatMap { w in
            var cases = [
                Case(w.big, "ours scan") { { Ours.scan(w.big) } },
                Case(w.big, "C memchr") { { CLine.lines(w.big) } },
                Case(w.big, "ours framer 64K") { { Ours.frame(w.big, chunk: bigChunk) } },
                Case(w.big, "ours framer in place 64K") { { Ours.frameInPlace(w.big, chunk: bigChunk) } },
                whole(w.big),
                Case(w.drip, "ours framer drip") { { Ours.frame(w.drip, chunk: 1) } },
            ]
            // SwiftNIO has no line_length: its peers (and the C framer) only run the plain lines.
            if w.big.options.lineLength == 0 {
                cases += [
                    Case(w.big, "C framer 64K") { { CLine.lineFramer(w.big, chunk: bigChunk) } },
                    Case(w.drip, "C framer drip") { { CLine.lineFramer(w.drip, chunk: 1) } },
                    Case(w.big, "NIO decoder 64K") {
                        let chunks = NIOPeers.chunks(w.big, size: bigChunk)
                        return { NIOPeers.lineDecoder(chunks) }
                    },
                    Case(w.big, "NIO loop 64K") { { NIOPeers.lineLoop(w.big, chunk: bigChunk) } },
                    Case(w.drip, "NIO decoder drip") {
                        let chunks = NIOPeers.chunks(w.drip, size: 1)
                        return { NIOPeers.lineDecoder(chunks) }
                    },
                    Case(w.drip, "NIO loop drip") { { NIOPeers.lineLoop(w.drip, chunk: 1) } },
                    Case(w.big, "ours NIO decoder 64K") {
                        let chunks = NIOPeers.chunks(w.big, size: bigChunk)
                        return { NIOPeers.ourDecoder(chunks, w.big) }
                    },
                    Case(w.drip, "ours NIO decoder drip") {
                        let chunks = NIOPeers.chunks(w.drip, size: 1)
                        return { NIOPeers.ourDecoder(chunks, w.drip) }
                    },
                ]
            }
            return cases
        }
    }

    /// sunrm, asn1, tpkt, fcgi, cdr: no SwiftNIO decoder frames these (Erlang is the peer).
    public static var records: [Case] {
        Catalog.records.flatMap { w in
            [
                Case(w.big, "ours scan") { { Ours.scan(w.big) } },
                Case(w.big, "ours framer 64K") { { Ours.frame(w.big, chunk: bigChunk) } },
                whole(w.big),
                Case(w.drip, "ours framer drip") { { Ours.frame(w.drip, chunk: 1) } },
            ]
        }
    }

    public static var http: [Case] {
        Catalog.http.flatMap { w in
            var cases = [
                Case(w.big, "ours framer 64K") { { Ours.frameHTTP(w.big, chunk: bigChunk) } },
                whole(w.big),
                Case(w.drip, "ours framer drip") { { Ours.frameHTTP(w.drip, chunk: 1) } },
                Case(w.big, "ours decode_packet loop") {
                    let buffer = PacketBuffer(w.big.bytes)
                    return { Ours.decodeHTTP(w.big, buffer: buffer) }
                },
            ]
            // NIOHTTP1's request decoder (its response decoder needs the request it answers), and
            // the C request parser.
            if w.big.bytes.starts(with: Array("GET ".utf8)) {
                cases += [
                    Case(w.big, "C heads whole") { { CLine.httpHeads(w.big) } },
                    Case(w.big, "C heads 64K") { { CLine.httpFramer(w.big, chunk: bigChunk) } },
                    Case(w.big, "NIO decoder 64K") {
                        let chunks = NIOPeers.chunks(w.big, size: bigChunk)
                        return { NIOPeers.httpRequestDecoder(chunks) }
                    },
                    Case(w.drip, "NIO decoder drip") {
                        let chunks = NIOPeers.chunks(w.drip, size: 1)
                        return { NIOPeers.httpRequestDecoder(chunks) }
                    },
                    Case(w.big, "ours NIO decoder 64K") {
                        let chunks = NIOPeers.chunks(w.big, size: bigChunk)
                        return { NIOPeers.ourHTTPDecoder(chunks, w.big) }
                    },
                    Case(w.drip, "ours NIO decoder drip") {
                        let chunks = NIOPeers.chunks(w.drip, size: 1)
                        return { NIOPeers.ourHTTPDecoder(chunks, w.drip) }
                    },
                    Case(w.big, "ours NIO head decoder 64K") {
                        let chunks = NIOPeers.chunks(w.big, size: bigChunk)
                        return { NIOPeers.ourHTTPHeadDecoder(chunks, w.big) }
                    },
                    Case(w.drip, "ours NIO head decoder drip") {
                        let chunks = NIOPeers.chunks(w.drip, size: 1)
                        return { NIOPeers.ourHTTPHeadDecoder(chunks, w.drip) }
                    },
                ]
            }
            return cases
        }
    }

    public static var encoder: [Case] {
        Catalog.encoder.flatMap { e in
            let payload = Streams.body(e.payload)
            let header = e.type.lengthHeaderSize!
            let bytes = (header + e.payload) * e.count
            func name(_ implementation: String) -> String {
                "\(e.id) · \(implementation) · \(e.count) pkts · \(bytes) B"
            }
            return [
                Case(name: name("ours encoder"), expected: e.count) {
                    { Ours.encode(e.type, payload: payload, count: e.count) }
                },
                Case(name: name("C encode"), expected: e.count) {
                    let out = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes, alignment: 16)
                    return { CLine.encode(e.type, payload: payload, count: e.count, into: out) }
                },
                Case(name: name("NIO loop"), expected: e.count) {
                    { NIOPeers.encodeLoop(header: header, payload: payload, count: e.count) }
                },
                Case(name: name("NIO prepender"), expected: e.count) {
                    let buffer = ByteBuffer(bytes: payload)
                    return { NIOPeers.prepender(header: header, payload: buffer, count: e.count) }
                },
            ]
        }
    }

    /// `ours framer whole`: the whole stream handed over as one buffer (no copy), like Erlang's
    /// loop over one binary.
    static func whole(_ stream: Stream) -> Case {
        Case(stream, "ours framer whole") {
            let buffer = PacketBuffer(stream.bytes)
            return { Ours.frameWhole(stream, buffer: buffer) }
        }
    }

    /// What the harness itself costs per pass (mallocs of the metric collection, mostly), for
    /// `Tools/report.py` to subtract.
    public static var overhead: Case {
        Case(name: "overhead · empty pass · 1 pkts · 0 B", expected: 1) { { Tally(units: 1) } }
    }

    public static var all: [Case] { lengthPrefixed + lines + records + http + encoder }
}
