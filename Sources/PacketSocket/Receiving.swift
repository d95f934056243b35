import NIOConcurrencyHelpers
import NIOCore
import PacketInet

/// A `recv` waiting for its value.
struct Waiter<Value: Sendable>: Sendable {
    var id: UInt64
    var length: Int
    var continuation: CheckedContinuation<Result<Value, InetError>, Never>
    var timeout: Scheduled<Void>? = nil
}

/// Work a socket's state asks for, done once its lock is released: resuming waiting calls,
/// cancelling their timers, asking the kernel for bytes, closing the channel.
struct Actions<Value: Sendable, Message: Sendable> {
    var resumes: [(CheckedContinuation<Result<Value, InetError>, Never>, Result<Value, InetError>)] = []
    var cancel: [Scheduled<Void>] = []
    var messages: (CheckedContinuation<[Message], Never>, [Message])? = nil
    var read = false
    var closeChannel = false

    func run(on channel: any Channel) {
        for task in cancel { task.cancel() }
        for (continuation, result) in resumes { continuation.resume(returning: result) }
        if let (continuation, batch) = messages { continuation.resume(returning: batch) }
        if closeChannel {
            channel.close(promise: nil)
        } else if read {
            channel.read()
        }
    }
}

/// What a socket's receiving side keeps under its lock, seen by the waiting machinery of
/// ``Receiver``.
protocol ReceivingState: Sendable {
    associatedtype Value: Sendable
    associatedtype Message: Sendable

    var options: EmulatedOptions { get }
    var stats: SocketStatistics { get }
    /// Closed: options and counters answer `einval`.
    var isClosed: Bool { get }
    var waiters: [Waiter<Value>] { get set }
    var nextWaiterID: UInt64 { get set }
    var messageWaiter: CheckedContinuation<[Message], Never>? { get set }

    /// A passive `recv`'s answer now, or `nil` to wait (`waiting`: asked for the first waiter,
    /// which may go ahead of nobody).
    mutating func receive(
        length: Int, waiting: Bool, _ actions: inout Actions<Value, Message>
    ) -> Result<Value, InetError>?
    /// The messages ready now (empty: the sequence ended), or `nil` to wait.
    mutating func takeMessages(_ actions: inout Actions<Value, Message>) -> [Message]?
    /// Asks for a read when the waiting calls need one and none is under way.
    mutating func requestReadIfNeeded(_ actions: inout Actions<Value, Message>)
}

extension ReceivingState {
    /// Serves the waiting calls after a change (bytes read, the stream ended, an option set).
    mutating func serve(_ actions: inout Actions<Value, Message>) {
        while let first = waiters.first {
            guard let result = receive(length: first.length, waiting: true, &actions) else { break }
            waiters.removeFirst()
            if let timeout = first.timeout { actions.cancel.append(timeout) }
            actions.resumes.append((first.continuation, result))
        }
        if let waiter = messageWaiter, let batch = takeMessages(&actions) {
            messageWaiter = nil
            actions.messages = (waiter, batch)
        }
        requestReadIfNeeded(&actions)
    }

    /// Answers every waiting `recv` with `error`, and ends the messages unless told not to.
    mutating func failAll(with error: InetError, endingMessages: Bool = true, _ actions: inout Actions<Value, Message>)
    {
        for waiter in waiters {
            if let timeout = waiter.timeout { actions.cancel.append(timeout) }
            actions.resumes.append((waiter.continuation, .failure(error)))
        }
        waiters.removeAll()
        if endingMessages, let waiter = messageWaiter {
            messageWaiter = nil
            actions.messages = (waiter, [])
        }
    }
}

/// The waiting side of a socket: a `recv` that must wait for its value (with a timeout and
/// cancellation), and the next batch of an active socket's messages.
struct Receiver<State: ReceivingState>: Sendable {
    let state: NIOLockedValueBox<State>
    let channel: any Channel

    typealias Value = State.Value

    /// `recv` when the fast path found nothing: the answer now (an error), or after a wait.
    nonisolated(nonsending) func receive(length: Int, timeout: Duration?) async -> Result<Value, InetError> {
        var actions = Actions<Value, State.Message>()
        let now = state.withLockedValue { $0.receive(length: length, waiting: false, &actions) }
        actions.run(on: channel)
        if let now { return now }
        let ticket = NIOLockedValueBox<UInt64>(0)
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Result<Value, InetError>, Never>) in
                self.wait(continuation, length: length, timeout: timeout, ticket: ticket)
            }
        } onCancel: {
            self.expire(ticket.withLockedValue { $0 }, with: InetError("cancelled"))
        }
    }

    private func wait(
        _ continuation: CheckedContinuation<Result<Value, InetError>, Never>, length: Int, timeout: Duration?,
        ticket: NIOLockedValueBox<UInt64>
    ) {
        var actions = Actions<Value, State.Message>()
        let cancelled = Task.isCancelled
        let id: UInt64? = state.withLockedValue { s in
            if cancelled {
                actions.resumes.append((continuation, .failure(InetError("cancelled"))))
                return nil
            }
            if let result = s.receive(length: length, waiting: false, &actions) {
                actions.resumes.append((continuation, result))
                return nil
            }
            s.nextWaiterID &+= 1
            s.waiters.append(Waiter(id: s.nextWaiterID, length: length, continuation: continuation))
            s.requestReadIfNeeded(&actions)
            return s.nextWaiterID
        }
        actions.run(on: channel)
        guard let id else { return }
        ticket.withLockedValue { $0 = id }
        guard let timeout else { return }
        let task = channel.eventLoop.scheduleTask(in: .nanoseconds(timeout.nanoseconds)) {
            self.expire(id, with: InetError(.timeout))
        }
        let stale = state.withLockedValue { s -> Bool in
            guard let index = s.waiters.firstIndex(where: { $0.id == id }) else { return true }
            s.waiters[index].timeout = task
            return false
        }
        if stale { task.cancel() }
    }

    private func expire(_ id: UInt64, with error: InetError) {
        let continuation = state.withLockedValue { s in
            s.waiters.firstIndex { $0.id == id }.map { s.waiters.remove(at: $0).continuation }
        }
        continuation?.resume(returning: .failure(error))
    }

    /// The next batch of messages (empty: the end), waiting while there is none. One waiter at
    /// a time: a second concurrent call gets the end.
    nonisolated(nonsending) func nextMessages() async -> [State.Message] {
        var actions = Actions<Value, State.Message>()
        let ready = state.withLockedValue { $0.takeMessages(&actions) }
        actions.run(on: channel)
        if let ready { return ready }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<[State.Message], Never>) in
                var actions = Actions<Value, State.Message>()
                let cancelled = Task.isCancelled
                state.withLockedValue { s in
                    if cancelled || s.messageWaiter != nil {
                        actions.messages = (continuation, [])
                        return
                    }
                    s.messageWaiter = continuation
                    s.serve(&actions)
                }
                actions.run(on: channel)
            }
        } onCancel: {
            let waiter = state.withLockedValue { s in
                defer { s.messageWaiter = nil }
                return s.messageWaiter
            }
            waiter?.resume(returning: [])
        }
    }

    /// Runs `body` on the channel's event loop (where a descriptor cannot be closed meanwhile).
    nonisolated(nonsending) func onLoop<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        if channel.eventLoop.inEventLoop { return body() }
        // The event loop outlives its channels; a submit only fails when the loop is shut down,
        // and then the body runs here (its options reads see a channel that is no longer active).
        return (try? await channel.eventLoop.submit(body).get()) ?? body()
    }

    /// `inet:getopts/2` on the socket of `descriptor`: kernel options from the kernel while the
    /// connection is open, the others from the state.
    nonisolated(nonsending) func options(
        _ names: [InetOption.Name], descriptor: Int32, kind: SocketKind
    ) async throws(InetError) -> [InetOption] {
        let result = await onLoop { () -> Result<[InetOption], InetError> in
            self.state.withLockedValue { s in
                guard !s.isClosed else { return .failure(InetError(.einval, reason: "the socket is closed")) }
                let fd = self.channel.isActive ? descriptor : nil
                do throws(InetError) {
                    return .success(try OptionRules.read(names, emulated: s.options, fd: fd, kind: kind))
                } catch { return .failure(error) }
            }
        }
        return try result.get()
    }

    /// `inet:getstat/1`: the counters, or `einval` once closed.
    func statistics() throws(InetError) -> SocketStatistics {
        let stats = state.withLockedValue { s in s.isClosed ? nil : s.stats }
        guard let stats else { throw InetError(.einval, reason: "the socket is closed") }
        return stats
    }
}
