/// The size rules every header-based codec shares, as Erlang applies them: a declared payload
/// must not exceed `packet_size` (when set), and the whole packet must fit in a signed 32-bit
/// length (2^31 - 1 bytes), whatever `packet_size` says.
@usableFromInline
internal enum FrameLimits {
    /// The largest packet Erlang delivers: `INT_MAX`.
    @usableFromInline
    internal static let maximumPacket: UInt64 = UInt64(Int32.max)

    /// The total packet length for a `header`-byte header declaring `payload` more bytes, or the
    /// error when it is over the limits.
    @inlinable
    internal static func total(
        header: Int,
        payload: UInt64,
        packetSize: UInt32,
        type: PacketType
    ) -> Result<Int, PacketError> {
        let limit = packetSize == 0 ? maximumPacket - UInt64(header) : UInt64(packetSize)
        let total = UInt64(header) + payload
        if payload > limit || total > maximumPacket {
            return .failure(tooLarge(type: type, payload: payload, packetSize: packetSize))
        }
        return .success(Int(total))
    }

    @inline(never)
    @usableFromInline
    internal static func tooLarge(type: PacketType, payload: UInt64, packetSize: UInt32) -> PacketError {
        let limit = packetSize == 0 ? "the 2147483647-byte maximum" : "packet_size \(packetSize)"
        return PacketError(
            code: .packetTooLarge,
            reason: "\(type) header declares \(payload) bytes, more than \(limit) allows"
        )
    }

    @inline(never)
    @usableFromInline
    internal static func badHeader(_ type: PacketType, _ why: String) -> PacketError {
        PacketError(code: .invalidPacket, reason: "invalid \(type) header: \(why)")
    }

    /// The scan result for a header-based packet of `header` bytes declaring `payload` bytes, with
    /// `n` bytes at hand; the body is the whole packet minus `bodyTrim` bytes at each end.
    @inlinable
    internal static func frame(
        header: Int,
        payload: UInt64,
        available n: Int,
        options: PacketOptions,
        type: PacketType,
        stripHeader: Bool,
        trailer: Int = 0
    ) -> PacketScanResult {
        switch total(header: header, payload: payload, packetSize: options.packetSize, type: type) {
        case .failure(let error):
            return .invalid(error)
        case .success(let total):
            if total > n { return .needMore(total: total) }
            return .packet(body: (stripHeader ? header : 0)..<(total - trailer), length: total)
        }
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
}
