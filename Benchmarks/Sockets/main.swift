import NIOCore
import NIOExtras
import NIOPosix
import PacketFraming
import PacketFramingNIO
import PacketInet
import PacketSocket

// Loopback socket benchmark (issue 12 §3): 1,000,000 {packet, 4} frames of 64 bytes, sent
// pre-framed in 64 KiB writes by a sender in the same process, received and framed by:
//   ours passive     TCPSocket, {active, false}, a recv loop
//   ours active 100  TCPSocket, {active, 100}, the message sequence, re-armed at each passive
//   NIO pipeline     a NIOPosix channel with NIOExtras' LengthFieldBasedFrameDecoder
//   ours NIO decoder a NIOPosix channel with PacketFramingNIO's PacketFrameDecoder
// Each case runs ROUNDS times (default 5), interleaved; the best run is reported as packets/s.
// Then the memory of 1,000 idle connections (resident set before and after, per connection)
// and the time to open and close them. Erlang's figures come from erlang/sockets.escript in the
// same `run-sockets`.
//
// Usage: socket-bench [ROUNDS] [FRAMES]
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

let arguments = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let rounds = arguments.first ?? 5
let frames = arguments.dropFirst().first ?? 1_000_000
let loopback = IPAddress.v4(IPv4Address(value: 0x7F00_0001))

/// 64 KiB of whole 68-byte frames.
let chunk: ByteBuffer = {
    var buffer = ByteBuffer()
    while buffer.readableBytes + 68 <= 65536 {
        buffer.writeInteger(UInt32(64))
        buffer.writeRepeatingByte(7, count: 64)
    }
    return buffer
}()
let framesPerChunk = chunk.readableBytes / 68

func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}

/// Sends at least `frames` frames to `port` from a raw socket, then closes (a receiver that has
/// its frames may close first: the last sends may then fail).
func sendFrames(to port: Int) async throws {
    let client = try await TCPSocket.connect(to: "127.0.0.1", port: port, options: [.active(.passive)])
    var sent = 0
    while sent < frames {
        guard (try? await client.send(chunk)) != nil else { break }
        sent += framesPerChunk
    }
    await client.close()
}

/// Our socket: the time to take `frames` frames.
func ours(active: Bool) async throws -> Duration {
    let listener = try await TCPListener.listen(
        port: 0, address: loopback, options: [.active(.passive), .packet(.length4)])
    defer { listener.close() }
    let port = try listener.port()
    let sender = Task { try await sendFrames(to: port) }
    let socket = try await listener.accept()
    let start = ContinuousClock.now
    var got = 0
    if active {
        try await socket.setOptions([.active(.count(100))])
        for await message in socket.messages {
            switch message {
            case .data: got += 1
            case .passive: try await socket.setOptions([.active(.count(100))])
            case .error, .closed: break
            }
            if got >= frames { break }
        }
    } else {
        while got < frames {
            _ = try await socket.recv()
            got += 1
        }
    }
    let time = ContinuousClock.now - start
    try await sender.value
    await socket.close()
    return time
}

/// Counts frames; completes the promise at `frames`.
final class Counter: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer
    var count = 0
    var start: ContinuousClock.Instant? = nil
    let done: EventLoopPromise<Duration>

    init(done: EventLoopPromise<Duration>) { self.done = done }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if start == nil { start = .now }
        count += 1
        if count == frames, let start { done.succeed(ContinuousClock.now - start) }
    }
}

/// A NIOPosix server channel with `decoder` in its pipeline.
func nio(_ decoder: @escaping @Sendable () -> any ChannelInboundHandler) async throws -> Duration {
    let group = MultiThreadedEventLoopGroup.singleton
    let loop = group.next()
    let done = loop.makePromise(of: Duration.self)
    let server = try await ServerBootstrap(group: group)
        .childChannelInitializer { channel in
            channel.eventLoop.makeCompletedFuture {
                try channel.pipeline.syncOperations.addHandler(decoder())
                try channel.pipeline.syncOperations.addHandler(Counter(done: done))
            }
        }
        .bind(host: "127.0.0.1", port: 0).get()
    let port = server.localAddress!.port!
    try await sendFrames(to: port)
    let time = try await done.futureResult.get()
    try await server.close()
    return time
}

func residentKiB() -> Int {
    guard let file = fopen("/proc/self/status", "r") else { return 0 }
    defer { fclose(file) }
    var line = [CChar](repeating: 0, count: 256)
    while fgets(&line, 256, file) != nil {
        let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if text.hasPrefix("VmRSS:") { return Int(text.filter(\.isNumber)) ?? 0 }
    }
    return 0
}

/// Opens `count` connected pairs on loopback, measures, closes them.
func connections(_ count: Int) async throws -> (kibPerConnection: Double, open: Duration, close: Duration) {
    let listener = try await TCPListener.listen(port: 0, address: loopback, options: [.active(.passive)], backlog: 1024)
    defer { listener.close() }
    let port = try listener.port()
    let before = residentKiB()
    let start = ContinuousClock.now
    var sockets: [TCPSocket] = []
    for _ in 0..<count {
        async let accepted = listener.accept()
        sockets.append(try await TCPSocket.connect(to: "127.0.0.1", port: port, options: [.active(.passive)]))
        sockets.append(try await accepted)
    }
    let opened = ContinuousClock.now - start
    let after = residentKiB()
    let closing = ContinuousClock.now
    for socket in sockets { await socket.close() }
    return (Double(after - before) / Double(count * 2), opened, ContinuousClock.now - closing)
}

var best: [String: Double] = [:]
let allCases: [(String, () async throws -> Duration)] = [
    ("ours passive recv", { try await ours(active: false) }),
    ("ours active 100", { try await ours(active: true) }),
    (
        "NIO LengthFieldBasedFrameDecoder",
        {
            try await nio { ByteToMessageHandler(LengthFieldBasedFrameDecoder(lengthFieldBitLength: .fourBytes)) }
        }
    ),
    ("ours NIO PacketFrameDecoder", { try await nio { ByteToMessageHandler(PacketFrameDecoder(.length4)) } }),
]
// SOCKET_BENCH_CASE=text runs only the cases whose name contains it (for a profiler).
let only = getenv("SOCKET_BENCH_CASE").map { String(cString: $0) }
let cases = allCases.filter { only == nil || $0.0.contains(only!) }
for _ in 0..<rounds {
    for (name, run) in cases {
        let rate = Double(frames) / seconds(try await run())
        best[name] = max(best[name] ?? 0, rate)
    }
}
for (name, _) in cases {
    print("socket \(name): \(Int(best[name]!)) packets/s")
}
if only != nil { exit(0) }
var limits = rlimit()
getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limits)
let pairs = min(1000, Int(limits.rlim_cur) / 2 - 50)
let (kib, open, close) = try await connections(pairs)
print("socket idle memory: \((kib * 10).rounded() / 10) KiB per socket (\(pairs * 2) sockets)")
print("socket \(pairs) connections: open \(Int(seconds(open) * 1000)) ms, close \(Int(seconds(close) * 1000)) ms")
