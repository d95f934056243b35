/// The reference-counted block of memory behind one or more ``PacketBuffer`` windows.
///
/// Bytes in a storage block are written only by a buffer that holds the sole reference to it
/// (checked with `isKnownUniquelyReferenced`), so once a block is shared its bytes never change:
/// that is what makes it safe to share across threads.
@usableFromInline
internal final class PacketStorage: @unchecked Sendable {
    @usableFromInline
    internal let base: UnsafeMutableRawPointer

    @usableFromInline
    internal let capacity: Int

    @usableFromInline
    internal init(base: UnsafeMutableRawPointer, capacity: Int) {
        self.base = base
        self.capacity = capacity
    }

    deinit {
        base.deallocate()
    }

    /// The storage of every empty buffer: nothing is allocated until bytes arrive.
    @usableFromInline
    internal static let empty = PacketStorage.allocate(capacity: 0)

    @usableFromInline
    internal static func allocate(capacity: Int) -> PacketStorage {
        PacketStorage(base: .allocate(byteCount: capacity, alignment: 16), capacity: capacity)
    }

    /// The smallest block worth allocating.
    @usableFromInline
    internal static let minimumCapacity = 64

    /// The size up to which a block still shared with slices doubles when it is replaced.
    @usableFromInline
    internal static let sharedGrowthLimit = 64 * 1024

    /// The capacity to allocate when `needed` bytes must fit: the next power of two (so repeated
    /// appends reallocate O(log n) times), but never less than the minimum.
    @usableFromInline
    internal static func growCapacity(needed: Int) -> Int {
        if needed <= minimumCapacity { return minimumCapacity }
        if needed > Int.max / 2 { return needed }
        var capacity = minimumCapacity
        while capacity < needed { capacity &<<= 1 }
        return capacity
    }
}
