import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import PacketInet
import PacketSystem

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One datagram received: who sent it and its bytes.
public struct Datagram: Sendable, Hashable {
    /// The sender's address.
    public var address: IPAddress
    /// The sender's port.
    public var port: Int
    /// The bytes (at most `buffer` of them: a longer datagram is cut, as Erlang cuts it).
    public var bytes: ByteBuffer

    /// A datagram from `address`:`port`.
    public init(address: IPAddress, port: Int, bytes: ByteBuffer) {
        self.address = address
        self.port = port
        self.bytes = bytes
    }
}

/// A message of an active UDP socket, in Erlang's order.
public enum UDPMessage: Sendable, Hashable {
    /// `{udp, S, Address, Port, Packet}`.
    case datagram(Datagram)
    /// `{udp_passive, S}`: the `{active, N}` count reached 0.
    case passive
}

/// A UDP socket with the semantics of Erlang's `gen_udp`, on a SwiftNIO event loop.
///
/// ```swift
/// let socket = try await UDPSocket.open(port: 0, address: .v4(.loopback), options: [.active(.passive)])
/// try await socket.send(to: "127.0.0.1", port: 5000, Array("ping".utf8))
/// let reply = try await socket.recv(timeout: .seconds(1))   // address, port and bytes
/// ```
///
/// As `gen_udp:open/2` does, the socket starts with `{recbuf, 8192}` unless the options give a
/// recbuf, so `buffer` is 8192: a datagram longer than `buffer` is cut to it. Passive, it reads
/// from the kernel only while a `recv` waits; active, only while ``messages`` is iterated and the
/// mode allows another message (at most `read_packets` datagrams a read).
public final class UDPSocket: Sendable {
    let channel: any Channel
    let descriptor: Int32
    let kind: SocketKind
    let receiver: Receiver<UDPState>

    var state: NIOLockedValueBox<UDPState> { receiver.state }

    init(channel: any Channel, descriptor: Int32, kind: SocketKind, state: NIOLockedValueBox<UDPState>) {
        self.channel = channel
        self.descriptor = descriptor
        self.kind = kind
        self.receiver = Receiver(state: state, channel: channel)
    }

    /// A socket nobody holds any more is closed: no descriptor outlives it.
    deinit {
        channel.close(promise: nil)
    }

    /// Opens a socket bound to `port` (0: the kernel picks) at `address` (`nil`: every IPv4
    /// address), as `gen_udp:open/2` does.
    public static func open(
        port: Int = 0, address: IPAddress? = nil, options: [InetOption] = [],
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async throws(InetError) -> UDPSocket {
        guard (0...65535).contains(port) else { throw InetError(.einval, reason: "port \(port) out of range") }
        let address = address ?? .v4(IPv4Address(value: 0))
        let kind = SocketKind(family: address.family == .inet6 ? AF_INET6 : AF_INET, stream: false)
        let givesRecbuf = options.contains { $0.name == .recbuf }
        var emulated = EmulatedOptions()
        let fd = try await Blocking.openSocket(kind: kind, netns: TCPSocket.netns(in: options))
        do throws(InetError) {
            // gen_udp's own recbuf goes first, as a list of its own: an explicit buffer in the
            // user's list still wins, and the user's recbuf replaces it.
            if !givesRecbuf { try OptionRules.apply([.recbuf(8192)], to: &emulated, fd: fd, kind: kind) }
            try OptionRules.apply(options, to: &emulated, fd: fd, kind: kind, opening: true)
            do { try POSIX.bind(fd, RawSocketAddress(ipAddress: address, port: port)) } catch {
                throw InetError(errno: error.code)
            }
            let state = NIOLockedValueBox(UDPState(options: emulated))
            let bootstrap = DatagramBootstrap(group: group)
                .channelOption(.autoRead, value: false)
                .channelOption(.maxMessagesPerRead, value: UInt(max(emulated.readPackets, 1)))
                .channelOption(.recvAllocator, value: FixedSizeRecvByteBufferAllocator(capacity: Int(emulated.buffer)))
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(UDPSocketHandler(state: state))
                    }
                }
            let channel: any Channel
            do { channel = try await bootstrap.withBoundSocket(fd).get() } catch { throw InetError.from(error) }
            return UDPSocket(channel: channel, descriptor: fd, kind: kind, state: state)
        } catch {
            POSIX.close(fd)
            throw error
        }
    }

    /// The next datagram (`gen_udp:recv/3`; its length argument limits nothing in Erlang, so
    /// there is none here).
    ///
    /// - Throws: `timeout` when none came in time, `einval` on an active socket, `closed` once
    ///   closed.
    nonisolated(nonsending) public func recv(timeout: Duration? = nil) async throws(InetError) -> Datagram {
        if let datagram = state.withLockedValue({ $0.quickReceive() }) { return datagram }
        return try await receiver.receive(length: 0, timeout: timeout).get()
    }

    /// The datagrams of an active socket (`{udp, S, IP, Port, Packet}`, `{udp_passive, S}`); the
    /// sequence ends when the socket is closed. One task at a time should iterate it.
    public var messages: Messages { Messages(owner: self, nextBatch: { [receiver] in await receiver.nextMessages() }) }

    /// An active socket's messages; see ``UDPSocket/messages``.
    public typealias Messages = SocketMessages<UDPMessage>

    /// Sends `bytes` as one datagram to `address`:`port` (`gen_udp:send/4`).
    ///
    /// - Throws: the system's reason, e.g. `eacces` for a broadcast address without
    ///   `broadcast`, `emsgsize` for a datagram too long; `closed` once closed.
    nonisolated(nonsending) public func send(
        to address: IPAddress, port: Int, _ bytes: ByteBuffer
    ) async throws(InetError) {
        guard (0...65535).contains(port) else { throw InetError(.einval, reason: "port \(port) out of range") }
        let closed = state.withLockedValue { s in
            if !s.closed { s.stats.sent(bytes.readableBytes) }
            return s.closed
        }
        if closed { throw InetError("closed") }
        // Sent from the event loop with sendto, so that an error (eacces, emsgsize...) is the
        // answer of this send and leaves the socket open, as in Erlang (NIO would close the
        // channel); only when the kernel's buffer is full, or earlier datagrams wait, does the
        // datagram go through NIO's queue.
        let direct = await receiver.onLoop { () -> Result<Bool, InetError> in
            let queued = self.state.withLockedValue { $0.queuedSends }
            guard queued == 0, self.channel.isActive else { return .success(false) }
            do throws(SystemError) {
                let sent = try bytes.withUnsafeReadableBytes { raw throws(SystemError) in
                    try POSIX.sendDatagram(self.descriptor, raw, to: RawSocketAddress(ipAddress: address, port: port))
                }
                return .success(sent)
            } catch { return .failure(InetError(errno: error.code)) }
        }
        if try direct.get() { return }
        let target: NIOCore.SocketAddress
        do { target = try NIOCore.SocketAddress(ipAddress: address.description, port: port) } catch {
            throw InetError(.einval, reason: "\(address)")
        }
        state.withLockedValue { $0.queuedSends += 1 }
        defer { state.withLockedValue { $0.queuedSends -= 1 } }
        do { try await channel.writeAndFlush(AddressedEnvelope(remoteAddress: target, data: bytes)).get() } catch {
            throw InetError.from(error)
        }
    }

    /// Sends `bytes` as one datagram to `host` (an address or a name) on `port`.
    nonisolated(nonsending) public func send(
        to host: String, port: Int, _ bytes: some Sequence<UInt8>
    ) async throws(InetError) {
        let address = try await Blocking.resolve(host)
        try await send(to: address, port: port, ByteBuffer(bytes: bytes))
    }

    /// Sets `options` as `inet:setopts/2` does, last to first (see ``TCPSocket/setOptions(_:)``).
    nonisolated(nonsending) public func setOptions(_ options: [InetOption]) async throws(InetError) {
        let result = await receiver.onLoop { () -> Result<(EmulatedOptions, InetError?), InetError> in
            var actions = Actions<Datagram, UDPMessage>()
            let result = self.state.withLockedValue { s -> Result<(EmulatedOptions, InetError?), InetError> in
                guard !s.closed else { return .failure(InetError(.einval, reason: "the socket is closed")) }
                var o = s.options
                let fd = self.channel.isActive ? self.descriptor : nil
                // A list stopped midway keeps what it set before the failure, as inet_drv's does.
                var failure: InetError? = nil
                do throws(InetError) { try OptionRules.apply(options, to: &o, fd: fd, kind: self.kind) } catch {
                    failure = error
                }
                if o.active.countRanOut() { s.mailbox.append(.passive) }
                s.options = o
                s.serve(&actions)
                return .success((o, failure))
            }
            actions.run(on: self.channel)
            return result
        }
        let (o, failure) = try result.get()
        _ = try? await channel.setOption(.maxMessagesPerRead, value: UInt(max(o.readPackets, 1))).get()
        _ = try? await channel.setOption(
            .recvAllocator, value: FixedSizeRecvByteBufferAllocator(capacity: Int(o.buffer))
        )
        .get()
        if let failure { throw failure }
    }

    /// The current values of `names` (`inet:getopts/2`).
    nonisolated(nonsending) public func options(_ names: [InetOption.Name]) async throws(InetError) -> [InetOption] {
        try await receiver.options(names, descriptor: descriptor, kind: kind)
    }

    /// The counters (`inet:getstat/1`): one per datagram.
    public func statistics() throws(InetError) -> SocketStatistics {
        try receiver.statistics()
    }

    /// The local address and port (`inet:sockname/1`).
    public func localName() throws(InetError) -> (address: IPAddress, port: Int) {
        try TCPSocket.name(channel.localAddress)
    }

    /// The local port (`inet:port/1`).
    public func port() throws(InetError) -> Int {
        try localName().port
    }

    /// Closes the socket (`gen_udp:close/1`): waiting calls answer `closed`, the messages end.
    nonisolated(nonsending) public func close() async {
        var actions = Actions<Datagram, UDPMessage>()
        state.withLockedValue { s in
            s.closed = true
            s.queue.removeAll()
            s.failAll(with: InetError("closed"), &actions)
        }
        actions.closeChannel = true
        actions.run(on: channel)
        try? await channel.closeFuture.get()
    }
}

/// A UDP socket's state: the datagrams read and not yet delivered, the waiting calls, the
/// counters.
struct UDPState: ReceivingState {
    var options: EmulatedOptions
    var queue = CircularBuffer<Datagram>()
    var stats = SocketStatistics()
    var closed = false
    var waiters: [Waiter<Datagram>] = []
    var nextWaiterID: UInt64 = 0
    var messageWaiter: CheckedContinuation<[UDPMessage], Never>? = nil
    var mailbox: [UDPMessage] = []
    var readRequested = false
    var isClosed: Bool { closed }
    /// Datagrams handed to NIO's queue and not yet written.
    var queuedSends = 0

    init(options: EmulatedOptions) {
        self.options = options
    }

    mutating func quickReceive() -> Datagram? {
        guard !closed, options.active == .passive, waiters.isEmpty, let datagram = queue.popFirst() else { return nil }
        stats.received(datagram.bytes.readableBytes)
        return datagram
    }

    mutating func receive(
        length: Int, waiting: Bool, _ actions: inout Actions<Datagram, UDPMessage>
    ) -> Result<
        Datagram, InetError
    >? {
        if closed { return .failure(InetError("closed")) }
        if options.active != .passive { return .failure(OptionRules.invalid(.active, "recv on an active socket")) }
        if !waiting && !waiters.isEmpty { return nil }
        guard let datagram = queue.popFirst() else { return nil }
        stats.received(datagram.bytes.readableBytes)
        return .success(datagram)
    }

    mutating func takeMessages(_ actions: inout Actions<Datagram, UDPMessage>) -> [UDPMessage]? {
        if mailbox.isEmpty {
            while options.active != .passive, let datagram = queue.popFirst() {
                stats.received(datagram.bytes.readableBytes)
                mailbox.append(.datagram(datagram))
                if case .stopWithPassiveMessage = options.active.messageSent() { mailbox.append(.passive) }
            }
        }
        if !mailbox.isEmpty {
            defer { mailbox.removeAll(keepingCapacity: true) }
            return mailbox
        }
        return closed ? [] : nil
    }

    var wantsRead: Bool {
        guard !closed, queue.isEmpty else { return false }
        return !waiters.isEmpty || (messageWaiter != nil && options.active != .passive)
    }

    mutating func requestReadIfNeeded(_ actions: inout Actions<Datagram, UDPMessage>) {
        if wantsRead && !readRequested {
            readRequested = true
            actions.read = true
        }
    }
}

/// The UDP socket's channel handler: queues each datagram NIO reads and asks for the next read
/// while one is wanted.
final class UDPSocketHandler: ChannelInboundHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>

    let state: NIOLockedValueBox<UDPState>

    init(state: NIOLockedValueBox<UDPState>) {
        self.state = state
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = unwrapInboundIn(data)
        guard let (address, port) = try? TCPSocket.name(envelope.remoteAddress) else { return }
        var actions = Actions<Datagram, UDPMessage>()
        state.withLockedValue { s in
            guard !s.closed else { return }
            s.queue.append(Datagram(address: address, port: port, bytes: envelope.data))
            s.serve(&actions)
        }
        actions.run(on: context.channel)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        let again = state.withLockedValue { s -> Bool in
            s.readRequested = false
            guard s.wantsRead else { return false }
            s.readRequested = true
            return true
        }
        if again { context.read() }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // An ICMP error about an earlier send (e.g. port unreachable) is not a failure of an
        // unconnected socket; gen_udp does not report it either.
    }
}
