/// The messages of an active socket (``TCPSocket/messages``, ``UDPSocket/messages``), taken from
/// the socket a batch at a time. Iterating it keeps the socket open.
public struct SocketMessages<Element: Sendable>: AsyncSequence, Sendable {
    /// The socket, held so that it stays open while its messages are read.
    let owner: any AnyObject & Sendable
    /// The socket's next batch, waiting while there is none; empty at the end. (Run on the
    /// caller's executor, as every call of the socket: no hop per batch.)
    let nextBatch: nonisolated(nonsending) @Sendable () async -> [Element]

    /// The iterator.
    public func makeAsyncIterator() -> Iterator { Iterator(owner: owner, nextBatch: nextBatch) }

    /// Takes the messages the socket sent, a batch at a time.
    public struct Iterator: AsyncIteratorProtocol, Sendable {
        @usableFromInline let owner: any AnyObject & Sendable
        @usableFromInline let nextBatch: nonisolated(nonsending) @Sendable () async -> [Element]
        /// The rest of the current batch, last message first: each is moved out with
        /// `popLast()`, so no message is copied (no retain and release of its bytes).
        @usableFromInline var rest: [Element] = []
        @usableFromInline var ended = false

        @usableFromInline
        init(
            owner: any AnyObject & Sendable,
            nextBatch: nonisolated(nonsending) @Sendable @escaping () async -> [Element]
        ) {
            self.owner = owner
            self.nextBatch = nextBatch
        }

        /// The next message, or `nil` after the last.
        @inlinable
        nonisolated(nonsending) public mutating func next() async -> Element? {
            // Inlined into the caller's loop: a message of the current batch costs no call.
            if let message = rest.popLast() { return message }
            return await refill()
        }

        /// The next message, or `nil` after the last (what `for await` calls: a message of the
        /// current batch is returned without a suspension point, so without a hop back to
        /// `actor`).
        @inlinable
        public mutating func next(isolation actor: isolated (any Actor)?) async -> Element? {
            if let message = rest.popLast() { return message }
            return await refill()
        }

        /// Takes the socket's next batch and returns its first message. (Inlinable as well, so
        /// that it is specialized for the message type where it is used.)
        @inlinable
        nonisolated(nonsending) mutating func refill() async -> Element? {
            if ended { return nil }
            // The empty batch's storage goes before the wait (a batch still holding slices of
            // the socket's buffer would make its next read copy the whole buffer).
            rest = []
            var batch = await nextBatch()
            guard !batch.isEmpty else {
                ended = true
                return nil
            }
            batch.reverse()
            rest = batch
            return rest.popLast()
        }
    }
}
