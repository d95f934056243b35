import NIOCore
import PacketFraming
import PacketInet

typealias Deferred = Actions<SocketPacket, SocketMessage>

/// What the socket is still good for (inet_drv's port states as the owner sees them).
enum PortState: Equatable {
    /// Connected (possibly with the peer's side closed, not yet reported).
    case open
    /// A passive socket reported `{error, closed}` with `exit_on_close`: recv answers `enotconn`,
    /// send `closed`; the counters still answer.
    case closedByPeer
    /// An invalid or oversize packet was reported, or a send timed out with
    /// `send_timeout_close`: recv and send answer `enotconn`.
    case failed
    /// Closed by its owner, or by `exit_on_close` after `{tcp_closed, S}`: every call answers
    /// `closed` (getstat and options `einval`).
    case gone
}

/// A TCP socket's state: the framing, the bytes read and not yet delivered, the waiting calls
/// and the counters. Guarded by the socket's lock; each method says what to do once it is
/// released.
struct TCPState: ReceivingState {
    var options: EmulatedOptions
    var machine: PacketFramingStateMachine
    var pending: ByteBuffer
    var stats = SocketStatistics()
    var port = PortState.open
    /// Closed by its owner (or gone with `exit_on_close`): options and counters answer `einval`.
    var isClosed: Bool { port == .gone }
    /// The peer's FIN or reset was seen (NIO read the stream to its end).
    var inputEnded = false
    var resetSeen = false
    /// An error other than a reset that ended the connection.
    var ioError: InetError? = nil
    var channelGone = false
    var sendErrorGiven = false
    var waiters: [Waiter<SocketPacket>] = []
    var messageWaiter: CheckedContinuation<[SocketMessage], Never>? = nil
    var mailbox: [SocketMessage] = []
    var messagesEnded = false
    var readRequested = false
    var nextWaiterID: UInt64 = 0
    /// The last write handed to NIO: a close waits for it.
    var lastWrite: EventLoopFuture<Void>? = nil

    init(options: EmulatedOptions, allocator: ByteBufferAllocator) {
        self.options = options
        self.machine = PacketFramingStateMachine(options.packet, options: options.packetOptions)
        self.pending = allocator.buffer(capacity: 0)
    }

    enum Take {
        case packet(SocketPacket)
        case none
        case error(InetError)
    }

    /// The next packet of the bytes read: `length` bytes exactly for raw when not 0.
    mutating func take(length: Int) -> Take {
        let type = options.packet
        if type == .raw {
            let available = pending.readableBytes
            let count: Int
            if length == 0 {
                guard available > 0 else { return .none }
                count = min(available, Int(options.buffer))
            } else {
                guard available >= length else { return .none }
                count = length
            }
            let bytes = pending.readSlice(length: count).unsafelyUnwrapped
            stats.received(count)
            return .packet(.bytes(bytes))
        }
        if type.isHTTP {
            let result = pending.withUnsafeReadableBytes { raw in
                Result { () throws(PacketError) in try machine.nextFrame(in: raw) }
            }
            switch result {
            case .success(let frame?):
                pending.moveReaderIndex(forwardBy: frame.length)
                stats.received(frame.length)
                if let http = frame.http { return .packet(.http(http)) }
                return .error(InetError(.emsgsize))
            case .success(nil): return .none
            case .failure: return .error(InetError(.emsgsize))
            }
        }
        let offsets = pending.withUnsafeReadableBytes { machine.nextFrameOffsets(in: $0) }
        guard let (start, end, length) = offsets else {
            return machine.latchedError == nil ? .none : .error(InetError(.emsgsize))
        }
        let bytes = pending.getSlice(at: pending.readerIndex &+ start, length: end &- start).unsafelyUnwrapped
        pending.moveReaderIndex(forwardBy: length)
        stats.received(length)
        return .packet(.bytes(bytes))
    }

    /// A passive `recv`'s packet when one is buffered and nothing else is to be said (no error,
    /// no earlier waiter); `nil` sends the call down the full path.
    @inline(__always)
    mutating func quickRecv(length: Int) -> SocketPacket? {
        guard port == .open, options.active == .passive, waiters.isEmpty,
            length == 0 || options.packet == .raw
        else { return nil }
        if case .packet(let packet) = take(length: length) { return packet }
        return nil
    }

    /// The error a passive `recv` answers once the stream ended and its packets are out.
    mutating func endOfStream() -> InetError {
        pending.clear()
        machine.reset()
        if let ioError { return ioError }
        if resetSeen && options.showEconnreset { return InetError(.econnreset) }
        return InetError("closed")
    }

    /// A passive `recv`: its answer now, or `nil` to wait.
    mutating func receive(length: Int, waiting: Bool, _ deferred: inout Deferred) -> Result<SocketPacket, InetError>? {
        switch port {
        case .gone: return .failure(InetError("closed"))
        case .failed: return .failure(InetError(.enotconn))
        case .closedByPeer: return .failure(InetError(options.exitOnClose ? .enotconn : "closed"))
        case .open: break
        }
        if options.active != .passive { return .failure(OptionRules.invalid(.active, "recv on an active socket")) }
        if length < 0 || (length != 0 && options.packet != .raw) {
            return .failure(InetError(.einval, reason: "recv length \(length) with packet type \(options.packet)"))
        }
        if !waiting && !waiters.isEmpty { return nil }
        switch take(length: length) {
        case .packet(let packet): return .success(packet)
        case .error(let error):
            port = .failed
            deferred.closeChannel = true
            return .failure(error)
        case .none:
            guard inputEnded || channelGone else { return nil }
            let error = endOfStream()
            port = .closedByPeer
            // A reset recv reported (show_econnreset) is not reported again: sends answer
            // enotconn, as Erlang's do.
            if error.code == .econnreset { sendErrorGiven = true }
            return .failure(error)
        }
    }

    /// Whether the socket should ask the kernel for bytes.
    var wantsRead: Bool {
        guard !inputEnded, !channelGone, port == .open else { return false }
        if !waiters.isEmpty { return true }
        return messageWaiter != nil && options.active != .passive
    }

    /// Asks for a read when one is wanted and none is under way.
    mutating func requestReadIfNeeded(_ deferred: inout Deferred) {
        if wantsRead && !readRequested {
            readRequested = true
            deferred.read = true
        }
    }

    /// Active delivery: moves what the active mode allows into the mailbox.
    mutating func produce(_ deferred: inout Deferred) {
        guard !messagesEnded, port == .open || port == .closedByPeer else { return }
        var budget = 1024
        while budget > 0 {
            if options.active == .passive { return }
            switch take(length: 0) {
            case .packet(let packet):
                mailbox.append(.data(packet))
                budget -= 1
                switch options.active.messageSent() {
                case .goOn: break
                case .stop: return
                case .stopWithPassiveMessage:
                    mailbox.append(.passive)
                    return
                }
            case .error(let error):
                mailbox.append(.error(error))
                mailbox.append(.closed)
                messagesEnded = true
                // An active socket closes at a bad packet: its counters are gone too.
                port = .gone
                deferred.closeChannel = true
                return
            case .none:
                guard inputEnded || channelGone else { return }
                pending.clear()
                machine.reset()
                if let ioError {
                    mailbox.append(.error(ioError))
                } else if resetSeen && options.showEconnreset {
                    mailbox.append(.error(InetError(.econnreset)))
                }
                mailbox.append(.closed)
                messagesEnded = true
                if options.exitOnClose {
                    port = .gone
                    deferred.closeChannel = true
                }
                return
            }
        }
    }

    /// The messages ready now (produced as the active mode allows), `[]` once they ended, or
    /// `nil` to wait.
    mutating func takeMessages(_ deferred: inout Deferred) -> [SocketMessage]? {
        if mailbox.isEmpty { produce(&deferred) }
        if !mailbox.isEmpty {
            defer { mailbox.removeAll(keepingCapacity: true) }
            return mailbox
        }
        return messagesEnded || port == .gone ? [] : nil
    }

    /// Fails every waiting call: the owner closed the socket.
    mutating func closeByOwner(_ deferred: inout Deferred) {
        port = .gone
        failAll(with: InetError("closed"), &deferred)
        pending.clear()
        deferred.closeChannel = true
    }

    /// `send_timeout_close` after a send timed out: the connection closes but the socket stays,
    /// as after `emsgsize`: recv and send answer `enotconn`, the counters still answer.
    mutating func closeBySendTimeout(_ deferred: inout Deferred) {
        guard port != .gone else { return }
        port = .failed
        failAll(with: InetError(.enotconn), endingMessages: false, &deferred)
        pending.clear()
        deferred.closeChannel = true
    }

    /// The error a send gets now, or `nil` when it may go.
    mutating func sendRefusal() -> InetError? {
        switch port {
        case .gone: return InetError("closed")
        case .failed: return InetError(.enotconn)
        case .closedByPeer, .open:
            if resetSeen || (channelGone && port == .closedByPeer) {
                defer { sendErrorGiven = true }
                if sendErrorGiven { return InetError(.enotconn) }
                return resetSeen && options.showEconnreset ? InetError(.econnreset) : InetError("closed")
            }
            if channelGone { return InetError("closed") }
            if port == .closedByPeer && options.exitOnClose { return InetError("closed") }
            return nil
        }
    }
}
