// Framing bytes where they lie: only a packet cut by the end of a chunk is copied.

extension PacketFramer {
    /// Frames `bytes` where they lie: each packet whole in `bytes` is handed to `body` as a view
    /// of `bytes`, without a copy; only the bytes of a packet cut by the end of `bytes` are kept,
    /// to be completed by the next call (and a packet begun in an earlier call is completed by
    /// copying just as many of `bytes` as it takes). The packets are the ones, in the same
    /// order, that ``append(contentsOf:)-(UnsafeRawBufferPointer)`` followed by ``next()`` until
    /// `nil` gives, and the two can be mixed.
    ///
    /// ```swift
    /// var framer = PacketFramer(.length2)
    /// var lengths: [Int] = []
    /// let read: [UInt8] = [0, 3, 0x61, 0x62, 0x63, 0, 2, 0x64]   // a packet and half of one
    /// try read.withUnsafeBytes { bytes throws(PacketError) in
    ///     try framer.feed(bytes) { packet in lengths.append(packet.count) }
    /// }
    /// // lengths == [3]; the one byte of the next packet is kept: framer.bufferedByteCount == 3
    /// ```
    ///
    /// - Parameters:
    ///   - bytes: the next bytes of the stream.
    ///   - body: called with each packet's bytes; the view is valid only during the call (copy
    ///     what must outlive it).
    /// - Throws: what ``next()`` throws, after the packets before the bad one were handed over;
    ///   the bytes from the bad packet on are kept, as ``append(contentsOf:)-(UnsafeRawBufferPointer)``
    ///   keeps them. ``PacketError/Code/badOption`` for the HTTP types, whose packets are parsed
    ///   values: take them with ``nextHTTP()``.
    @inlinable
    public mutating func feed(
        _ bytes: UnsafeRawBufferPointer, each body: (UnsafeRawBufferPointer) -> Void
    )
        throws(PacketError)
    {
        if _slowPath(machine.type.isHTTP) { throw notFeedable() }
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        let count = bytes.count
        // The machine is stepped over `bytes` here and bytes go into the buffer directly: the
        // drip-feed shortcut would refer to the wrong bytes, so it is off on the way out (and
        // before each `next()` on the buffer, in `completeBuffered`).
        defer { machine.dripWait = .off }
        var offset = 0
        if !buffer.isEmpty {
            offset = try completeBuffered(bytes, each: body)
        }
        // Windows built from the base pointer: offset < count, and the machine answers offsets
        // inside the window it was given.
        while offset < count {
            let window = UnsafeRawBufferPointer(start: base + offset, count: count &- offset)
            let found: (Int, Int, Int)?
            do {
                found = try machine.step(window)
            } catch {
                buffer.append(contentsOf: window)
                throw error
            }
            guard let (start, end, length) = found else { break }
            body(UnsafeRawBufferPointer(start: base + (offset &+ start), count: end &- start))
            offset &+= length
        }
        if offset < count {
            buffer.append(contentsOf: UnsafeRawBufferPointer(start: base + offset, count: count &- offset))
        }
    }

    /// ``feed(_:each:)`` when bytes of an unfinished packet are buffered: copies `bytes` into
    /// the buffer in doubling steps (256 bytes first) until the buffered packets are out, and
    /// returns where in `bytes` framing in place goes on. The bytes a step copied beyond the last
    /// packet are the same bytes as in `bytes`, so they are dropped from the buffer and framed
    /// there (the state machine sees the same bytes either way). The steps double, so a long
    /// packet is copied in linear time.
    @usableFromInline
    internal mutating func completeBuffered(
        _ bytes: UnsafeRawBufferPointer, each body: (UnsafeRawBufferPointer) -> Void
    )
        throws(PacketError) -> Int
    {
        var copied = 0
        var step = 256
        while copied < bytes.count {
            let take = Swift.min(step, bytes.count &- copied)
            machine.dripWait = .off
            buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[copied..<(copied &+ take)]))
            copied &+= take
            step = step < (1 << 30) ? step &* 2 : step
            do {
                while let packet = try next() {
                    packet.withUnsafeBytes { body($0) }
                }
            } catch {
                buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[copied...]))
                throw error
            }
            if buffer.count <= copied {
                // What is left began in `bytes`: frame it there.
                let back = buffer.count
                buffer.removeAll()
                return copied &- back
            }
        }
        return copied
    }

    /// The error of ``feed(_:each:)`` on an HTTP type (the cold path).
    @inline(never)
    @usableFromInline
    internal func notFeedable() -> PacketError {
        PacketError(
            code: .badOption,
            reason: "feed(_:each:) hands over bytes; \(machine.type) packets are parsed values: use nextHTTP()")
    }
}
