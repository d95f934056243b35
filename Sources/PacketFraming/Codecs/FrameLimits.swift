/// The size rules every header-based codec shares, as Erlang applies them: a declared payload
/// must not exceed `packet_size` (when set), and the whole packet must fit in a signed 32-bit
/// length (2^31 - 1 bytes), whatever `packet_size` says.
@usableFromInline
internal enum FrameLimits {
    /// The largest packet Erlang delivers: `INT_MAX`.
    @usableFromInline
    internal static let maximumPacket: UInt64 = UInt64(Int32.max)

    /// The step for a header-based packet of `header` bytes declaring `payload` more bytes, with
    /// `n` bytes at hand; the body drops the header when `stripHeader`, and `trailer` bytes at
    /// the end (fcgi padding).
    @inlinable
    internal static func frame(
        header: Int,
        payload: UInt64,
        available n: Int,
        options: PacketOptions,
        type: PacketType,
        stripHeader: Bool,
        trailer: Int = 0
    ) -> ScanStep {
        let packetSize = UInt64(options.packetSize)
        let limit = packetSize == 0 ? maximumPacket &- UInt64(header) : packetSize
        let total = UInt64(header) &+ payload
        if _slowPath(payload > limit || total > maximumPacket) {
            return .invalid(ScanFailure(.tooLarge, type, value: payload, limit: packetSize))
        }
        let length = Int(truncatingIfNeeded: total)
        if length > n { return .needMore(total: length) }
        return .packet(bodyStart: stripHeader ? header : 0, bodyEnd: length &- trailer, length: length)
    }
}

extension UnsafeRawBufferPointer {
    /// The big-endian unsigned integer of `width` bytes at `offset` (no bounds check).
    @inlinable
    internal func bigEndian(at offset: Int, width: Int) -> UInt64 {
        var value: UInt64 = 0
        for i in 0..<width {
            value = value << 8 | UInt64(self[offset + i])
        }
        return value
    }

    /// The big-endian `UInt32` at `offset` (no bounds check), in one load.
    @inlinable
    internal func bigEndian32(at offset: Int) -> UInt32 {
        UInt32(bigEndian: baseAddress.unsafelyUnwrapped.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    /// The big-endian `UInt16` at `offset` (no bounds check), in one load.
    @inlinable
    internal func bigEndian16(at offset: Int) -> UInt16 {
        UInt16(bigEndian: baseAddress.unsafelyUnwrapped.loadUnaligned(fromByteOffset: offset, as: UInt16.self))
    }
}
