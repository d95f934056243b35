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
        let owner: any AnyObject & Sendable
        let nextBatch: nonisolated(nonsending) @Sendable () async -> [Element]
        var batch: [Element] = []
        var index = 0
        var ended = false

        /// The next message, or `nil` after the last.
        nonisolated(nonsending) public mutating func next() async -> Element? {
            if index < batch.count {
                index += 1
                return batch[index - 1]
            }
            if ended { return nil }
            batch = await nextBatch()
            guard !batch.isEmpty else {
                ended = true
                return nil
            }
            index = 1
            return batch[0]
        }
    }
}
