import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import PacketFraming
import PacketInet
import PacketSystem

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A TCP socket with the semantics of an Erlang `gen_tcp` socket in `{packet, Type}` mode, on a
/// SwiftNIO event loop.
///
/// ```swift
/// let socket = try await TCPSocket.connect(
///     to: "127.0.0.1", port: 4000, options: [.packet(.length4), .active(.passive)])
/// try await socket.send(Array("hello".utf8))      // one 4-byte header, then the bytes
/// let reply = try await socket.recv()              // one whole packet
/// await socket.close()
/// ```
///
/// - Passive (`.active(.passive)`): ``recv(length:timeout:)`` answers what `gen_tcp:recv/3`
///   answers. The socket reads from the kernel only while a `recv` waits, so a fast sender is
///   held back by TCP's flow control.
/// - Active (`.always`, `.once`, `.count(N)`; Erlang's default is `.always`): the packets come as
///   ``messages``, in Erlang's order; the socket reads only while the sequence is being iterated
///   and its mode allows another message.
///
/// Every call is safe from any task; none blocks a thread of Swift concurrency's pool. Errors
/// are `InetError`s with Erlang's reasons: `closed`, `timeout`, `emsgsize`, `einval`,
/// `enotconn`, `econnreset`, and the POSIX names.
public final class TCPSocket: Sendable {
    let channel: any Channel
    let descriptor: Int32
    let kind: SocketKind
    let receiver: Receiver<TCPState>

    var state: NIOLockedValueBox<TCPState> { receiver.state }

    init(channel: any Channel, descriptor: Int32, kind: SocketKind, state: NIOLockedValueBox<TCPState>) {
        self.channel = channel
        self.descriptor = descriptor
        self.kind = kind
        self.receiver = Receiver(state: state, channel: channel)
    }

    /// A socket nobody holds any more is closed, as a port closes when its owner exits (after the
    /// bytes already handed over are written): no descriptor outlives it.
    deinit {
        let channel = self.channel
        if let last = state.withLockedValue({ $0.lastWrite }) {
            last.whenComplete { _ in channel.close(promise: nil) }
        } else {
            channel.close(promise: nil)
        }
    }

    // MARK: Opening

    /// Connects to `host` (an address or a name) on `port`, with `options` set before the
    /// connection is made, as `gen_tcp:connect/4` does.
    ///
    /// - Parameters:
    ///   - host: an address (`127.0.0.1`, `::1`) or a name, looked up as `inet:getaddr/2` does.
    ///   - port: the peer's port.
    ///   - options: the socket's options, set before connecting (Erlang's default is
    ///     `{active, true}`: give `.active(.passive)` to use ``recv(length:timeout:)``).
    ///   - timeout: how long to wait for the connection (`nil`: as long as the kernel tries); on
    ///     expiry the error is `timeout`.
    ///   - group: the SwiftNIO event loops the socket runs on.
    public static func connect(
        to host: String, port: Int, options: [InetOption] = [], timeout: Duration? = nil,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async throws(InetError) -> TCPSocket {
        let address = try await Blocking.resolve(host)
        return try await connect(to: address, port: port, options: options, timeout: timeout, group: group)
    }

    /// Connects to `address` on `port`; see ``connect(to:port:options:timeout:group:)-(String,_,_,_,_)``.
    public static func connect(
        to address: IPAddress, port: Int, options: [InetOption] = [], timeout: Duration? = nil,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async throws(InetError) -> TCPSocket {
        guard (0...65535).contains(port) else { throw InetError(.einval, reason: "port \(port) out of range") }
        let kind = SocketKind(family: address.family == .inet6 ? AF_INET6 : AF_INET, stream: true)
        var emulated = EmulatedOptions()
        let fd = try await Blocking.openSocket(kind: kind, netns: netns(in: options))
        do throws(InetError) {
            try OptionRules.apply(options, to: &emulated, fd: fd, kind: kind, opening: true)
            let target = RawSocketAddress(ipAddress: address, port: port)
            let done: Bool
            do { done = try POSIX.startConnect(fd, target) } catch { throw InetError(errno: error.code) }
            if !done { try await Blocking.finishConnect(fd, timeout: timeout) }
            return try await adopt(fd, kind: kind, options: emulated, group: group)
        } catch {
            POSIX.close(fd)
            throw error
        }
    }

    static func netns(in options: [InetOption]) -> String? {
        var path: String? = nil
        for case .netns(let p) in options { path = p }
        return path
    }

    /// Hands a connected descriptor to SwiftNIO, with the socket's handler in its pipeline.
    static func adopt(
        _ fd: Int32, kind: SocketKind, options: EmulatedOptions, group: any EventLoopGroup
    ) async throws(InetError) -> TCPSocket {
        let nodelay = (try? POSIX.intOption(fd, level: Int32(IPPROTO_TCP), name: TCP_NODELAY)) ?? 0
        let state = NIOLockedValueBox(TCPState(options: options, allocator: ByteBufferAllocator()))
        let bootstrap = ClientBootstrap(group: group)
            .channelOption(.autoRead, value: false)
            .channelOption(.allowRemoteHalfClosure, value: true)
            .channelOption(.tcpOption(.tcp_nodelay), value: SocketOptionValue(nodelay))
            .channelOption(.maxMessagesPerRead, value: 1)
            .channelOption(
                .writeBufferWaterMark,
                value: .init(low: Int(options.lowWatermark), high: max(Int(options.highWatermark), 1))
            )
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(TCPSocketHandler(state: state))
                }
            }
        do {
            let channel = try await bootstrap.withConnectedSocket(fd).get()
            return TCPSocket(channel: channel, descriptor: fd, kind: kind, state: state)
        } catch {
            throw InetError.from(error)
        }
    }

    // MARK: Receiving

    /// The next packet, as `gen_tcp:recv(Socket, Length, Timeout)` answers it on a passive
    /// socket.
    ///
    /// - Parameters:
    ///   - length: for `raw` only: exactly this many bytes, or when 0 the bytes there are (at
    ///     most `buffer`). Any other value with another packet type is `einval`.
    ///   - timeout: how long to wait (`nil`: forever). On expiry the error is `timeout` and the
    ///     bytes of a partial packet stay buffered: the next `recv` continues it.
    /// - Throws: `closed` once the peer closed (the bytes of an unfinished packet are dropped),
    ///   `emsgsize` for an invalid or oversize packet, `einval` on an active socket.
    nonisolated(nonsending) public func recv(
        length: Int = 0, timeout: Duration? = nil
    ) async throws(InetError) -> SocketPacket {
        // The common case first: a whole packet is already buffered.
        if let packet = state.withLockedValue({ $0.quickRecv(length: length) }) { return packet }
        return try await receiver.receive(length: length, timeout: timeout).get()
    }

    /// The messages of an active socket (Erlang's `{tcp, S, Data}`, `{tcp_passive, S}`,
    /// `{tcp_error, S, Reason}`, `{tcp_closed, S}`), in Erlang's order. The sequence ends after
    /// ``SocketMessage/closed``, or when the owner closes the socket.
    ///
    /// While the socket is passive, `next()` waits until an option makes it active (a close or
    /// reset seen meanwhile comes out then). One task at a time should iterate it (the
    /// controlling process); a second concurrent `next()` ends at once.
    public var messages: Messages { Messages(owner: self, nextBatch: { [receiver] in await receiver.nextMessages() }) }

    /// An active socket's messages; see ``TCPSocket/messages``.
    public typealias Messages = SocketMessages<SocketMessage>

    // MARK: Sending

    /// Sends `bytes` as one packet, as `gen_tcp:send/2` does: with the 1/2/4-byte header for the
    /// length types, as they are for every other type.
    ///
    /// When more than `high_watermark` bytes wait to be written, the call waits until this
    /// packet is written, at most `send_timeout` (then `timeout`; with `send_timeout_close` the
    /// connection closes and later sends and recvs answer `enotconn`, as Erlang's do).
    ///
    /// - Throws: `emsgsize` when the packet does not fit the header (nothing is sent); `closed`,
    ///   `enotconn` or `econnreset` after the connection ended, as Erlang answers.
    nonisolated(nonsending) public func send(_ bytes: ByteBuffer) async throws(InetError) {
        var refusal: InetError? = nil
        let written = channel.eventLoop.makePromise(of: Void.self)
        let prepared = state.withLockedValue { s -> (Int, Int, Int32?, Bool)? in
            if let error = s.sendRefusal() {
                refusal = error
                return nil
            }
            let width: Int?
            do { width = try PacketEncoder(s.options.packet).headerWidth(payloadLength: bytes.readableBytes) } catch {
                refusal = InetError(.emsgsize)
                return nil
            }
            let header = width ?? 0
            let total = header + bytes.readableBytes
            s.stats.sent(total)
            s.stats.sendPending += total
            s.lastWrite = written.futureResult
            // Above the high watermark the sender waits (Erlang's busy port), counted here rather
            // than by NIO's writability, which a write from another thread has not reached yet.
            return (header, total, s.options.sendTimeout, s.stats.sendPending > Int(s.options.highWatermark))
        }
        guard let (header, total, sendTimeout, mustWait) = prepared else {
            written.succeed()
            throw refusal ?? InetError("closed")
        }
        var out: ByteBuffer
        if header == 0 {
            out = bytes
        } else {
            out = channel.allocator.buffer(capacity: total)
            switch header {
            case 1: out.writeInteger(UInt8(truncatingIfNeeded: bytes.readableBytes))
            case 2: out.writeInteger(UInt16(truncatingIfNeeded: bytes.readableBytes))
            default: out.writeInteger(UInt32(truncatingIfNeeded: bytes.readableBytes))
            }
            out.writeImmutableBuffer(bytes)
        }
        written.futureResult.whenComplete { _ in self.state.withLockedValue { $0.stats.sendPending -= total } }
        channel.writeAndFlush(out, promise: written)
        if mustWait || !channel.isWritable { try await waitForWrite(written.futureResult, timeout: sendTimeout) }
    }

    /// Sends `bytes` as one packet; see ``send(_:)-(ByteBuffer)``.
    nonisolated(nonsending) public func send(_ bytes: some Sequence<UInt8>) async throws(InetError) {
        try await send(ByteBuffer(bytes: bytes))
    }

    nonisolated(nonsending) private func waitForWrite(
        _ written: EventLoopFuture<Void>, timeout: Int32?
    ) async throws(InetError) {
        let loop = channel.eventLoop
        let outcome = loop.makePromise(of: Bool.self)
        written.whenComplete { _ in outcome.succeed(true) }
        if let timeout {
            let task = loop.scheduleTask(in: .milliseconds(Int64(timeout))) { outcome.succeed(false) }
            written.whenComplete { _ in task.cancel() }
        }
        let inTime = (try? await outcome.futureResult.get()) ?? true
        if !inTime {
            var deferred = Deferred()
            let closes = state.withLockedValue { s in
                if s.options.sendTimeoutClose { s.closeBySendTimeout(&deferred) }
                return s.options.sendTimeoutClose
            }
            deferred.run(on: channel)
            if closes { try? await channel.closeFuture.get() }
            throw InetError(.timeout)
        }
        do { try await written.get() } catch {
            throw InetError.from(error)
        }
    }

    // MARK: Closing

    /// Closes the socket (`gen_tcp:close/1`): waiting calls answer `closed`, the message
    /// sequence ends, and later calls answer `closed` (`einval` for options and statistics).
    ///
    /// Bytes already handed to ``send(_:)-(ByteBuffer)`` still go, as with Erlang: the
    /// connection closes once they are written (at once with `linger {true, 0}`, which resets
    /// it). The call returns when the connection is closed, or at once while bytes wait.
    nonisolated(nonsending) public func close() async {
        var deferred = Deferred()
        let pendingWrite = state.withLockedValue { s -> EventLoopFuture<Void>? in
            s.closeByOwner(&deferred)
            guard s.stats.sendPending > 0, !s.options.resetOnClose, let last = s.lastWrite else { return nil }
            deferred.closeChannel = false
            return last
        }
        deferred.run(on: channel)
        if let pendingWrite {
            let channel = self.channel
            pendingWrite.whenComplete { _ in channel.close(promise: nil) }
            return
        }
        try? await channel.closeFuture.get()
    }

    /// Which direction ``shutdown(_:)`` closes.
    public enum ShutdownHow: Sendable, Hashable {
        /// `read`: no more input.
        case read
        /// `write`: sends the peer a FIN; the socket can still receive.
        case write
        /// `read_write`: both.
        case readWrite
    }

    /// Closes one or both directions without closing the socket (`gen_tcp:shutdown/2`).
    nonisolated(nonsending) public func shutdown(_ how: ShutdownHow) async throws(InetError) {
        let gone = state.withLockedValue { $0.port == .gone }
        if gone { throw InetError("closed") }
        do {
            switch how {
            case .write: try await channel.close(mode: .output).get()
            case .read: try await channel.close(mode: .input).get()
            case .readWrite:
                try await channel.close(mode: .output).get()
                try await channel.close(mode: .input).get()
            }
        } catch {
            throw InetError.from(error)
        }
    }

    // MARK: Options and counters

    /// Sets `options` as `inet:setopts/2` does (kernel options with `setsockopt`, the others
    /// kept by the socket), last to first: of two values for one option the first given stays.
    /// Changing the packet type keeps every byte already read: they are framed by the new rules.
    ///
    /// - Throws: `einval` naming the option for a value Erlang refuses (then nothing is set), or
    ///   on a closed socket; an option that fails while the list is being set (one this socket
    ///   does not have, an `active` count out of range, the kernel's refusal) throws with the
    ///   options set before it kept, as Erlang's driver does.
    nonisolated(nonsending) public func setOptions(_ options: [InetOption]) async throws(InetError) {
        let touchesKernel = options.contains { OptionRules.kernel($0.name, kind: kind) != nil }
        let touchesWatermarks = options.contains {
            if case .highWatermark = $0 { return true }
            if case .lowWatermark = $0 { return true }
            return false
        }
        let outcome: Applied
        if touchesKernel {
            // setsockopt on the event loop, where the descriptor cannot be closed meanwhile.
            outcome = await receiver.onLoop { () -> Applied in
                let open = !self.state.withLockedValue { $0.channelGone } && self.channel.isActive
                return self.apply(options, descriptor: open ? self.descriptor : nil)
            }
        } else {
            // Only the socket's own state changes: no trip to the event loop.
            outcome = apply(options, descriptor: nil)
        }
        if touchesWatermarks, let (low32, high32) = outcome.watermarks {
            let (low, high) = (Int(low32), max(Int(high32), Int(low32), 1))
            _ = try? await channel.setOption(.writeBufferWaterMark, value: .init(low: low, high: high)).get()
        }
        if let error = outcome.error { throw error }
    }

    /// What a setopts did: the watermarks now (`nil` on a closed socket) and the error that
    /// stopped the list, if one did.
    struct Applied: Sendable {
        var watermarks: (low: Int32, high: Int32)?
        var error: InetError?
    }

    /// Applies `options` under the lock (`descriptor` nil: no kernel socket to set them on). A
    /// list stopped midway keeps what it set before the failure, as inet_drv's does.
    private func apply(_ options: [InetOption], descriptor: Int32?) -> Applied {
        var deferred = Deferred()
        let result = state.withLockedValue { s -> Applied in
            guard s.port != .gone else { return Applied(error: InetError(.einval, reason: "the socket is closed")) }
            var o = s.options
            var failure: InetError? = nil
            do throws(InetError) { try OptionRules.apply(options, to: &o, fd: descriptor, kind: kind) } catch {
                failure = error
            }
            if o.active.countRanOut() { s.mailbox.append(.passive) }
            let framingChanged = o.packet != s.options.packet || o.packetOptions != s.options.packetOptions
            s.options = o
            if framingChanged { s.machine.setType(o.packet, options: o.packetOptions) }
            s.serve(&deferred)
            return Applied(watermarks: (o.lowWatermark, o.highWatermark), error: failure)
        }
        deferred.run(on: channel)
        return result
    }

    /// The current values of `names`, as `inet:getopts/2` answers: kernel options read back
    /// from the kernel (so `recbuf` shows the doubled size Linux reports); options this kind of
    /// socket does not have are left out.
    nonisolated(nonsending) public func options(_ names: [InetOption.Name]) async throws(InetError) -> [InetOption] {
        try await receiver.options(names, descriptor: descriptor, kind: kind)
    }

    /// The counters (`inet:getstat/1`).
    ///
    /// - Throws: `einval` once the socket is closed.
    public func statistics() throws(InetError) -> SocketStatistics {
        try receiver.statistics()
    }

    /// The local address and port (`inet:sockname/1`).
    public func localName() throws(InetError) -> (address: IPAddress, port: Int) {
        try Self.name(channel.localAddress)
    }

    /// The peer's address and port (`inet:peername/1`).
    public func peerName() throws(InetError) -> (address: IPAddress, port: Int) {
        try Self.name(channel.remoteAddress)
    }

    /// The local port (`inet:port/1`).
    public func port() throws(InetError) -> Int {
        try localName().port
    }

    static func name(_ address: NIOCore.SocketAddress?) throws(InetError) -> (address: IPAddress, port: Int) {
        // From the C structures NIO holds (no text formatted and parsed again: UDP does this
        // for every datagram).
        switch address {
        case .v4(let a)?: return (.v4(IPv4Address(a.address)), Int(UInt16(bigEndian: a.address.sin_port)))
        case .v6(let a)?: return (.v6(IPv6Address(a.address)), Int(UInt16(bigEndian: a.address.sin6_port)))
        default: throw InetError(.einval, reason: "the socket has no address")
        }
    }
}

extension Duration {
    /// The duration in whole nanoseconds, saturating.
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (product, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return seconds < 0 ? .min : .max }
        return product.addingReportingOverflow(attoseconds / 1_000_000_000).overflow
            ? .max : product + attoseconds / 1_000_000_000
    }
}

extension InetError {
    /// The Erlang reason of an error from SwiftNIO or the system.
    static func from(_ error: any Error) -> InetError {
        if let error = error as? InetError { return error }
        if let error = error as? IOError { return InetError(errno: error.errnoCode) }
        if let error = error as? ChannelError {
            switch error {
            case .ioOnClosedChannel, .alreadyClosed, .outputClosed, .inputClosed, .eof: return InetError("closed")
            case .connectTimeout: return InetError(.timeout)
            default: return InetError(.einval, reason: "\(error)")
            }
        }
        return InetError(.einval, reason: "\(error)")
    }
}

extension RawSocketAddress {
    init(ipAddress: IPAddress, port: Int) {
        switch ipAddress {
        case .v4(let a): self.init(a.sockaddr(port: UInt16(truncatingIfNeeded: port)))
        case .v6(let a): self.init(a.sockaddr(port: UInt16(truncatingIfNeeded: port)))
        }
    }
}

/// The socket's channel handler: it feeds the bytes NIO reads, the end of the stream and the
/// errors to the socket's state, and asks for the next read while one is wanted.
final class TCPSocketHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    let state: NIOLockedValueBox<TCPState>

    init(state: NIOLockedValueBox<TCPState>) {
        self.state = state
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        var deferred = Deferred()
        state.withLockedValue { s in
            guard s.port != .gone else { return }
            if s.pending.readableBytes == 0 {
                s.pending = buffer
            } else {
                if s.pending.readerIndex > 65536 && s.pending.readerIndex > s.pending.capacity / 2 {
                    s.pending.discardReadBytes()
                }
                s.pending.writeBuffer(&buffer)
            }
            s.serve(&deferred)
        }
        deferred.run(on: context.channel)
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

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let event = event as? ChannelEvent, event == .inputClosed {
            update(context) { $0.inputEnded = true }
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        update(context) { s in
            if let error = error as? IOError, error.errnoCode == ECONNRESET {
                s.resetSeen = true
            } else if let error = error as? IOError, s.ioError == nil {
                s.ioError = InetError(errno: error.errnoCode)
            }
            s.inputEnded = true
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        update(context) { s in
            s.channelGone = true
            s.inputEnded = true
        }
        context.fireChannelInactive()
    }

    private func update(_ context: ChannelHandlerContext, _ change: (inout TCPState) -> Void) {
        var deferred = Deferred()
        state.withLockedValue { s in
            change(&s)
            s.serve(&deferred)
        }
        deferred.run(on: context.channel)
    }
}
