import NIOCore
import PacketFraming
import PacketInet
import Synchronization
import Testing

@testable import PacketSocket

/// A count several tasks add to.
final class Tally: Sendable {
    let value = Atomic<Int>(0)
    func add(_ n: Int) { value.add(n, ordering: .relaxed) }
    var current: Int { value.load(ordering: .relaxed) }
}

/// The largest value seen.
final class Peak: Sendable {
    let value = Atomic<Int>(0)
    func see(_ n: Int) { value.max(n, ordering: .relaxed) }
    var current: Int { value.load(ordering: .relaxed) }
}

/// A gate tasks wait at until it opens (once).
final class Gate: Sendable {
    let state = Mutex<(open: Bool, waiting: [CheckedContinuation<Void, Never>])>((false, []))

    func wait() async {
        await withCheckedContinuation { continuation in
            let now = state.withLock { s in
                if s.open { return true }
                s.waiting.append(continuation)
                return false
            }
            if now { continuation.resume() }
        }
    }

    func open() {
        let waiting = state.withLock { s in
            s.open = true
            defer { s.waiting = [] }
            return s.waiting
        }
        for continuation in waiting { continuation.resume() }
    }
}

let loopback = IPAddress.v4(IPv4Address(value: 0x7F00_0001))

/// How long (by a clock outside the pool) a fresh task waits before it runs: the probe that
/// Swift concurrency's cooperative pool still has a free thread.
func poolLatency() async -> Duration {
    let start = ContinuousClock.now
    let ran = await Task.detached { ContinuousClock.now }.value
    return ran - start
}

/// A guard against a hang, not a timing assertion: a pool with a free thread runs a new task in
/// microseconds; one whose threads all block in a minute-long wait runs it after a minute.
let poolHang = Duration.seconds(10)

extension FaultTests {
    // MARK: - A slow consumer of a fast sender

    /// A sender offers 256 MiB (the issue says 1 GiB; 256 MiB keeps the test to a few seconds
    /// on a 2-core machine, and the bounds below do not depend on the amount) to a passive
    /// receiver that first reads nothing, then reads in 32 MiB bursts with pauses. The receiver
    /// reads from the kernel only while a recv waits, so TCP holds the sender back: its sends
    /// wait (while the receiver pauses it stalls with no more than the kernel buffers in
    /// flight), the receiver's buffer never holds more than `buffer` and a couple of reads, and
    /// the process's memory stays far below what was offered. recbuf and sndbuf are set (256
    /// KiB) so that the kernel does not autotune them to tens of MiB.
    @Test func slowConsumerThrottlesAFastSender() async throws {
        let total = 256 << 20
        let chunk = ByteBuffer(repeating: 0x5A, count: 64 << 10)
        let buffer = 16 << 10
        let pair = try await Pair.make(client: [.buffer(buffer), .recbuf(256 << 10)], server: [.sndbuf(256 << 10)])
        let (sender, receiver) = (pair.server, pair.client)
        let sent = Tally()
        let residentBefore = residentKiB()
        let peakResident = Peak()
        let peakBuffered = Peak()
        let sending = Task {
            for _ in 0..<(total / chunk.readableBytes) {
                try await sender.send(chunk)
                sent.add(chunk.readableBytes)
            }
        }
        /// Waits until the sender makes no progress for 200 ms (at most 10 s); what it sent.
        func waitForStall() async throws -> Int {
            var last = -1
            var still = 0
            for _ in 0..<500 where still < 10 {
                try await Task.sleep(for: .milliseconds(20))
                let now = sent.current
                still = now == last ? still + 1 : 0
                last = now
            }
            peakResident.see(residentKiB())
            return last
        }
        var received = 0
        var stalls: [Int] = []
        var recvs = 0
        // Pause at the start and after every 32 MiB read.
        while received < total && recvs < 10_000_000 {
            if received % (32 << 20) < buffer && stalls.count <= received / (32 << 20) {
                let stalledAt = try await waitForStall()
                stalls.append(stalledAt - received)
                peakBuffered.see(receiver.bufferedBytes)
            }
            peakBuffered.see(receiver.bufferedBytes)
            let packet = try await receiver.recv(timeout: .seconds(10))
            received += packet.bytes?.readableBytes ?? 0
            recvs += 1
            peakBuffered.see(receiver.bufferedBytes)
            if recvs % 256 == 0 { peakResident.see(residentKiB()) }
        }
        try await sending.value
        #expect(received == total)
        // While the receiver paused, the sender stalled with at most the kernel's buffers
        // (Linux doubles the 256 KiB asked for each: 1 MiB) and one chunk in flight.
        #expect(stalls.count == 8)
        #expect(stalls.allSatisfy { $0 < 4 << 20 })
        // One NIO read is at most 64 KiB; what is left of one after a recv, plus the next read.
        #expect(peakBuffered.current <= buffer + 2 * (64 << 10))
        let growthKiB = peakResident.current - residentBefore
        // Suites running in parallel in this process allocate too: half of what was offered.
        #expect(growthKiB < total >> 11)
        print(
            "slow consumer: \(total >> 20) MiB in \(recvs) recvs; in flight at the stalls "
                + "\(stalls.map { $0 >> 10 }) KiB; receiver buffer peak \(peakBuffered.current) bytes; "
                + "RSS \(residentBefore) KiB before, peak \(peakResident.current) KiB")
        await pair.close()
    }

    // MARK: - A thousand connections

    /// 1,000 clients connect to one listener at once, each exchanges three `{packet,4}` packets
    /// with its echoing server socket, and once all 1,000 connections are open and have
    /// exchanged their packets, everything is closed: afterwards no descriptor of the process is
    /// a socket on the listener's port, and the process has as many descriptors as before (run
    /// alone; suites running in parallel in the same process open some of their own, so the
    /// check allows a margin far below one descriptor per connection).
    /// Meanwhile the cooperative pool keeps running new tasks.
    @Test func thousandConnectionsLeaveNoDescriptorOpen() async throws {
        let limit = raiseOpenFileLimit(to: 4096)
        // Two descriptors per connection, and room for the rest of the process.
        let connections = min(1000, (limit - 256) / 2)
        #expect(connections == 1000, "RLIMIT_NOFILE \(limit) allows only \(connections) connections")
        // The event loops and the blocking pool open their descriptors on first use.
        let warm = try await Pair.make()
        await warm.close()
        let before = openDescriptors().count
        let listener = try await TCPListener.listen(
            port: 0, address: loopback, options: [.active(.passive), .packet(.length4)], backlog: 1024)
        let port = try listener.port()
        let peakDescriptors = Peak()
        let done = Tally()
        let exchanged = Tally()
        let allOpen = Gate()
        let probe = Task {
            var worst = Duration.zero
            while done.current == 0 {
                worst = max(worst, await poolLatency())
                peakDescriptors.see(openDescriptors().count)
                try? await Task.sleep(for: .milliseconds(20))
            }
            return worst
        }
        let echoed = try await guarded("\(connections) connections", seconds: 120) {
            try await withThrowingTaskGroup(of: Int.self) { group in
                group.addTask {
                    try await withThrowingTaskGroup(of: Int.self) { servers in
                        for _ in 0..<connections {
                            let socket = try await listener.accept(timeout: .seconds(60))
                            servers.addTask {
                                for _ in 0..<3 { try await socket.send(socket.recv(timeout: .seconds(60)).bytes!) }
                                // The client closes after its echoes.
                                await #expect(throws: closed) { try await socket.recv(timeout: .seconds(60)) }
                                await socket.close()
                                return 0
                            }
                        }
                        return try await servers.reduce(0, +)
                    }
                }
                for i in 0..<connections {
                    group.addTask {
                        let socket = try await TCPSocket.connect(
                            to: loopback, port: port, options: [.active(.passive), .packet(.length4)],
                            timeout: .seconds(60))
                        let payloads = (0..<3).map { "client \(i) packet \($0)" }
                        for payload in payloads { try await socket.send(bytes(payload)) }
                        var echoes: [String] = []
                        for _ in payloads { echoes.append(text(try await socket.recv(timeout: .seconds(60)))) }
                        // The last one to finish its exchange sees every connection open.
                        if exchanged.value.add(1, ordering: .relaxed).newValue == connections {
                            peakDescriptors.see(openDescriptors().count)
                            allOpen.open()
                        }
                        await allOpen.wait()
                        await socket.close()
                        return echoes == payloads ? 1 : 0
                    }
                }
                return try await group.reduce(0, +)
            }
        }
        listener.close()
        done.add(1)
        let worstLatency = await probe.value
        #expect(echoed == connections)
        #expect(peakDescriptors.current >= before + 2 * connections)
        #expect(worstLatency < poolHang)
        // close() returns once the channel is closed; allow the last ones a moment.
        #expect(try await eventually { descriptorsOnPort(port).isEmpty })
        #expect(try await eventually { openDescriptors().count < before + connections / 16 })
        print(
            "\(connections) connections: descriptors \(before) before, peak \(peakDescriptors.current), "
                + "\(openDescriptors().count) after; left on the port: \(descriptorsOnPort(port).count); "
                + "worst pool latency \(worstLatency)")
    }

    // MARK: - The cooperative pool

    /// Waits that would each hold a thread for a minute if they blocked one (16 accepts, more
    /// than the pool has threads; 100 recvs with a 60 s timeout) and a storm of short recv
    /// timeouts: meanwhile new tasks still run at once, and closing the sockets and the
    /// listeners ends the long waits with `closed`.
    @Test func waitsDoNotBlockTheCooperativePool() async throws {
        var pairs: [Pair] = []
        for _ in 0..<100 { pairs.append(try await Pair.make()) }
        var listeners: [TCPListener] = []
        for _ in 0..<16 { listeners.append(try await TCPListener.listen(port: 0, address: loopback)) }
        let timeouts = Tally()
        try await guarded("waits on the pool", seconds: 120) { [pairs, listeners] in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for listener in listeners {
                    group.addTask {
                        await #expect(throws: closed) { try await listener.accept(timeout: .seconds(60)) }
                    }
                }
                for pair in pairs {
                    group.addTask {
                        await #expect(throws: closed) { try await pair.client.recv(timeout: .seconds(60)) }
                    }
                    group.addTask {
                        for _ in 0..<20 {
                            await #expect(throws: InetError(.timeout)) {
                                try await pair.server.recv(timeout: .milliseconds(1))
                            }
                            timeouts.add(1)
                        }
                    }
                }
                var worst = Duration.zero
                for _ in 0..<50 {
                    worst = max(worst, await poolLatency())
                    try await Task.sleep(for: .milliseconds(5))
                }
                #expect(worst < poolHang)
                // Let the storm finish, then end the long waits.
                #expect(try await eventually(seconds: 60) { timeouts.current == pairs.count * 20 })
                for listener in listeners { listener.close() }
                for pair in pairs { await pair.client.close() }
                try await group.waitForAll()
            }
        }
        for pair in pairs { await pair.server.close() }
    }
}

extension FaultTests {
    /// Accepts and connects wait on a pool of 8 threads (never on the cooperative pool): 16
    /// accepts waiting for a minute must not hold up a connect and its accept.
    @Test func connectsWhileManyAcceptsWait() async throws {
        var listeners: [TCPListener] = []
        for _ in 0..<16 { listeners.append(try await TCPListener.listen(port: 0, address: loopback)) }
        try await guarded("16 accepts", seconds: 120) { [listeners] in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for listener in listeners {
                    group.addTask {
                        await #expect(throws: closed) { try await listener.accept(timeout: .seconds(60)) }
                    }
                }
                #expect(
                    try await eventually {
                        listeners.allSatisfy { listener in listener.state.withLockedValue { $0.accepting == 1 } }
                    })
                // Give the accepts a moment to reach the pool (a slow machine can only make this
                // test pass without proving anything, never fail).
                try await Task.sleep(for: .milliseconds(100))
                let pair = try await guarded("a connect while 16 accepts wait") { try await Pair.make() }
                try await pair.client.send(bytes("ping"))
                #expect(text(try await pair.server.recv(timeout: .seconds(5))) == "ping")
                await pair.close()
                for listener in listeners { listener.close() }
                try await group.waitForAll()
            }
        }
    }
}
