/// A contiguous run of bytes in shared, copy-on-write storage: the one type every layer of this
/// package passes bytes in.
///
/// A `PacketBuffer` is a window (`lower..<upper`) onto a reference-counted block of memory.
/// Slicing a buffer (``slice(_:)-(Range<Int>)``, ``readSlice(_:)``) makes a new window onto the
/// *same* block: a packet cut out of a framer's buffer shares its bytes, nothing is copied.
///
/// ```
///   storage:  [ consumed | packet A | packet B | partial packet |  free capacity  ]
///                          ^ slice A  ^ slice B  ^ framer window ^ upper
/// ```
///
/// Mutation follows copy-on-write: appending to a buffer whose storage is shared with a live slice
/// first copies *only this buffer's own window* into fresh storage, so the bytes a slice still
/// references are never copied and never change under it. When the storage is not shared, bytes
/// already consumed from the front are reclaimed by moving the live window to the start, but only
/// when at least as many bytes are reclaimed as are moved, so no byte is moved twice on average.
///
/// Indices are offsets from the start of the window: `buffer[0]` is its first byte whatever the
/// buffer was sliced from.
public struct PacketBuffer: Sendable {
    @usableFromInline
    internal var storage: PacketStorage

    /// Offset of the first byte of the window in `storage`.
    @usableFromInline
    internal var lower: Int

    /// Offset one past the last byte of the window in `storage`.
    @usableFromInline
    internal var upper: Int

    @inlinable
    internal init(storage: PacketStorage, lower: Int, upper: Int) {
        self.storage = storage
        self.lower = lower
        self.upper = upper
    }

    /// An empty buffer. It allocates nothing until bytes are appended.
    @inlinable
    public init() {
        self.init(storage: PacketStorage.empty, lower: 0, upper: 0)
    }

    /// An empty buffer with room for `capacity` bytes before it needs to grow.
    public init(capacity: Int) {
        precondition(capacity >= 0, "PacketBuffer capacity must not be negative")
        self.init(storage: PacketStorage.allocate(capacity: capacity), lower: 0, upper: 0)
    }

    /// The number of bytes in the buffer.
    @inlinable
    public var count: Int { upper &- lower }

    /// Whether the buffer holds no bytes.
    @inlinable
    public var isEmpty: Bool { upper == lower }

    /// The number of bytes the buffer can hold before an append reallocates (when its storage is
    /// not shared).
    @inlinable
    public var capacity: Int { storage.capacity - lower }

    /// Whether this buffer and `other` are windows onto the same storage (no copy between them).
    @inlinable
    public func sharesStorage(with other: PacketBuffer) -> Bool {
        storage === other.storage
    }
}

// MARK: - Reading

extension PacketBuffer {
    /// Calls `body` with the buffer's bytes. The pointer is valid only inside `body`.
    @inlinable
    public func withUnsafeBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        try body(UnsafeRawBufferPointer(start: storage.base + lower, count: upper - lower))
    }

    /// Calls `body` with a `RawSpan` over the buffer's bytes, the safe way to scan them.
    @inlinable
    public func withBytes<R, E: Error>(_ body: (RawSpan) throws(E) -> R) throws(E) -> R {
        let span = RawSpan(_unsafeBytes: UnsafeRawBufferPointer(start: storage.base + lower, count: upper - lower))
        return try body(span)
    }

    /// Calls `body` with a `Span<UInt8>` over the buffer's bytes.
    @inlinable
    public func withSpan<R, E: Error>(_ body: (Span<UInt8>) throws(E) -> R) throws(E) -> R {
        let typed = UnsafeBufferPointer(
            start: (storage.base + lower).assumingMemoryBound(to: UInt8.self),
            count: upper - lower
        )
        return try body(Span(_unsafeElements: typed))
    }

    /// The buffer's bytes for a hot path that cannot take a closure. The pointer stays valid while
    /// this buffer is alive and not mutated (it holds the storage, whose bytes never move); the
    /// framer reads through it and only then moves its window.
    @inlinable
    internal var unsafeWindow: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: storage.base + lower, count: upper &- lower)
    }

    /// The byte at `offset` from the start of the buffer. Traps if `offset` is out of bounds, like
    /// an array subscript.
    @inlinable
    public func byte(at offset: Int) -> UInt8 {
        precondition(offset >= 0 && offset < upper - lower, "PacketBuffer offset out of bounds")
        return storage.base.load(fromByteOffset: lower + offset, as: UInt8.self)
    }

    /// The byte at `offset`, or `nil` if `offset` is out of bounds.
    @inlinable
    public func byteIfPresent(at offset: Int) -> UInt8? {
        guard offset >= 0 && offset < upper - lower else { return nil }
        return storage.base.load(fromByteOffset: lower + offset, as: UInt8.self)
    }
}

// MARK: - Slicing (zero-copy)

extension PacketBuffer {
    /// The bytes at `range` (offsets from the start of this buffer), sharing this buffer's storage.
    @inlinable
    public func slice(_ range: Range<Int>) -> PacketBuffer {
        precondition(range.lowerBound >= 0 && range.upperBound <= upper - lower, "PacketBuffer slice out of bounds")
        return PacketBuffer(storage: storage, lower: lower + range.lowerBound, upper: lower + range.upperBound)
    }

    /// The bytes at `range` (`buffer.slice(2...)`, `buffer.slice(..<4)`), sharing storage.
    @inlinable
    public func slice<R: RangeExpression<Int>>(_ range: R) -> PacketBuffer {
        slice(range.relative(to: 0..<(upper - lower)))
    }

    /// Removes the first `length` bytes and returns them as a slice sharing storage.
    @inlinable
    public mutating func readSlice(_ length: Int) -> PacketBuffer {
        precondition(length >= 0 && length <= upper - lower, "PacketBuffer readSlice length out of bounds")
        let result = PacketBuffer(storage: storage, lower: lower, upper: lower + length)
        lower += length
        return result
    }

    /// The bytes at offsets `start..<end`, without the bounds checks (the framer's hot path, whose
    /// offsets come from a codec that already checked them).
    @inlinable
    internal func uncheckedSlice(_ start: Int, _ end: Int) -> PacketBuffer {
        PacketBuffer(storage: storage, lower: lower &+ start, upper: lower &+ end)
    }

    /// Removes the first `length` bytes. O(1): the bytes stay in storage until it is compacted.
    @inlinable
    public mutating func removeFirst(_ length: Int) {
        precondition(length >= 0 && length <= upper - lower, "PacketBuffer removeFirst length out of bounds")
        lower += length
    }

    /// Removes every byte, keeping the storage for reuse when nothing else shares it.
    @inlinable
    public mutating func removeAll() {
        lower = upper
    }
}

// MARK: - Appending

extension PacketBuffer {
    /// Appends the bytes at `bytes`.
    @inlinable
    @inline(__always)
    public mutating func append(contentsOf bytes: UnsafeRawBufferPointer) {
        let n = bytes.count
        guard let source = bytes.baseAddress else { return }
        // One byte (a stream fed a byte at a time) into room that is already there: a load and a
        // store, the fewest checks.
        if n == 1 {
            append(source.load(as: UInt8.self))
            return
        }
        guard n > 0 else { return }
        // A few bytes: copied in line, no call; anything else goes through the outlined path.
        if n <= 8 && storage.capacity &- upper >= n && isKnownUniquelyReferenced(&storage) {
            let target = storage.base + upper
            for i in 0..<n {
                target.storeBytes(of: source.load(fromByteOffset: i, as: UInt8.self), toByteOffset: i, as: UInt8.self)
            }
            upper &+= n
            return
        }
        append(copying: source, count: n)
    }

    /// The general case of `append(contentsOf:)`: makes room, then one `memcpy` (a loop for a
    /// few bytes: a drip-fed stream comes here whenever its block is full).
    @inline(never)
    @usableFromInline
    internal mutating func append(copying source: UnsafeRawPointer, count n: Int) {
        reserveFreeSpace(n)
        let target = storage.base + upper
        if n <= 8 {
            for i in 0..<n {
                target.storeBytes(of: source.load(fromByteOffset: i, as: UInt8.self), toByteOffset: i, as: UInt8.self)
            }
        } else {
            target.copyMemory(from: source, byteCount: n)
        }
        upper += n
    }

    /// Appends the bytes of another buffer.
    @inlinable
    public mutating func append(contentsOf other: PacketBuffer) {
        other.withUnsafeBytes { append(contentsOf: $0) }
    }

    /// Appends one byte.
    @inlinable
    @inline(__always)
    public mutating func append(_ byte: UInt8) {
        if _fastPath(appendInPlace(byte)) { return }
        append(outlined: byte)
    }

    /// Appends `byte` if there is room for it in storage nothing else shares, and says whether
    /// it did; when not, nothing changes.
    @inlinable
    @inline(__always)
    internal mutating func appendInPlace(_ byte: UInt8) -> Bool {
        guard storage.capacity > upper && isKnownUniquelyReferenced(&storage) else { return false }
        storage.base.storeBytes(of: byte, toByteOffset: upper, as: UInt8.self)
        upper &+= 1
        return true
    }

    /// ``append(_:)`` when the block is full or shared: makes room first.
    @inline(never)
    @usableFromInline
    internal mutating func append(outlined byte: UInt8) {
        reserveFreeSpace(1)
        storage.base.storeBytes(of: byte, toByteOffset: upper, as: UInt8.self)
        upper &+= 1
    }

    /// Appends a sequence of bytes; contiguous collections (`[UInt8]`, `ArraySlice<UInt8>`,
    /// `String.UTF8View` of a native string) are copied with one `memcpy`.
    @inlinable
    public mutating func append<S: Sequence<UInt8>>(contentsOf bytes: S) {
        let done: Void? = bytes.withContiguousStorageIfAvailable { append(contentsOf: UnsafeRawBufferPointer($0)) }
        if done != nil { return }
        reserveFreeSpace(bytes.underestimatedCount)
        for byte in bytes { append(byte) }
    }

    /// Appends the UTF-8 bytes of `string`.
    @inlinable
    public mutating func append(contentsOf string: String) {
        var string = string
        string.withUTF8 { append(contentsOf: UnsafeRawBufferPointer($0)) }
    }

    /// Makes sure `minimumCapacity - count` more bytes can be appended without reallocating.
    public mutating func reserveCapacity(_ minimumCapacity: Int) {
        let extra = minimumCapacity - count
        if extra > 0 { reserveFreeSpace(extra) }
    }

    /// Ensures at least `n` writable bytes after `upper` in storage that only this buffer uses.
    @inlinable
    internal mutating func reserveFreeSpace(_ n: Int) {
        if _fastPath(storage.capacity &- upper >= n && isKnownUniquelyReferenced(&storage)) { return }
        makeRoom(n)
    }

    /// The slow path of `reserveFreeSpace`: compacts in place, or moves the window to new storage.
    @inline(never)
    @usableFromInline
    internal mutating func makeRoom(_ n: Int) {
        let live = upper - lower
        let needed = live + n
        let unique = isKnownUniquelyReferenced(&storage)
        if unique {
            if storage.capacity - upper >= n { return }
            // Move the window to the front when that reclaims at least as many bytes as it moves,
            // so that every moved byte is paid for by a consumed one.
            if needed <= storage.capacity && lower >= live {
                if live > 0 { storage.base.copyMemory(from: storage.base + lower, byteCount: live) }
                lower = 0
                upper = live
                return
            }
        }
        // Shared storage (a live slice or a copy uses it), or not enough room: copy only this
        // window into new storage; the bytes other buffers reference stay where they are. The
        // new block is twice the old one when this buffer alone outgrew it (it only gets here
        // when its own bytes fill more than half the block, so capacity stays within 4x of them),
        // and, when slices hold the old block, twice the old one up to 64 KiB and as large as
        // it beyond: a drip-fed stream whose packets are kept reallocates rarely, yet the block
        // never grows with bytes that were delivered long ago.
        let floor =
            unique
            ? storage.capacity * 2
            : Swift.min(storage.capacity * 2, Swift.max(storage.capacity, PacketStorage.sharedGrowthLimit))
        let capacity = PacketStorage.growCapacity(needed: Swift.max(needed, floor))
        let newStorage = PacketStorage.allocate(capacity: capacity)
        newStorage.base.copyMemory(from: storage.base + lower, byteCount: live)
        storage = newStorage
        lower = 0
        upper = live
    }
}
