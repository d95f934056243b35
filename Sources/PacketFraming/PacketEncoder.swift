/// Adds the length header of `{packet, 1 | 2 | 4}` to outgoing payloads, as an Erlang socket does
/// on `gen_tcp:send/2`. Every other type sends the bytes as they are, as Erlang does.
///
/// ```swift
/// let encoder = PacketEncoder(.length2)
/// var out = PacketBuffer()
/// try encoder.encode(PacketBuffer("hello"), into: &out)   // 00 05 68 65 6c 6c 6f
/// ```
public struct PacketEncoder: Sendable, Hashable {
    /// The packet type.
    public let type: PacketType

    /// An encoder for `type` (only the 1-, 2- and 4-byte length types add a header).
    public init(_ type: PacketType) {
        self.type = type
    }

    /// The largest payload the header can describe: 255, 65535 or 4294967295 bytes for `1`, `2`
    /// and `4`; unlimited (`Int.max`) for the types that add no header.
    @inlinable
    public var maximumPayloadLength: Int {
        switch type.lengthHeaderSize {
        case 1: 0xFF
        case 2: 0xFFFF
        case 4: Int(UInt32.max)
        default: Int.max
        }
    }

    /// Appends the header (if the type has one) and the payload to `out`.
    ///
    /// - Throws: ``PacketError/Code/payloadTooLarge`` when the header cannot describe the
    ///   payload's length; nothing is appended then.
    @inlinable
    public func encode(_ payload: PacketBuffer, into out: inout PacketBuffer) throws(PacketError) {
        try payload.withUnsafeBytes { (bytes) throws(PacketError) in try encode(bytes, into: &out) }
    }

    /// Appends the header (if the type has one) and the payload to `out`.
    @inlinable
    public func encode(_ payload: UnsafeRawBufferPointer, into out: inout PacketBuffer) throws(PacketError) {
        try writeHeader(payloadLength: payload.count, into: &out)
        out.append(contentsOf: payload)
    }

    /// The encoded form of `payload` as a new buffer.
    public func encode<S: Sequence<UInt8>>(_ payload: S) throws(PacketError) -> PacketBuffer {
        let bytes = PacketBuffer(payload)
        var out = PacketBuffer(capacity: bytes.count + (type.lengthHeaderSize ?? 0))
        try encode(bytes, into: &out)
        return out
    }

    /// Appends only the header for a payload of `payloadLength` bytes (nothing for types without
    /// one), for callers that write the payload themselves (for example with `writev`).
    @inlinable
    public func writeHeader(payloadLength: Int, into out: inout PacketBuffer) throws(PacketError) {
        guard let width = try headerWidth(payloadLength: payloadLength) else { return }
        // One capacity check and one store, not one per header byte.
        out.reserveFreeSpace(width)
        let target = out.storage.base + out.upper
        switch width {
        case 1: target.storeBytes(of: UInt8(truncatingIfNeeded: payloadLength), as: UInt8.self)
        case 2: target.storeBytes(of: UInt16(truncatingIfNeeded: payloadLength).bigEndian, as: UInt16.self)
        default: target.storeBytes(of: UInt32(truncatingIfNeeded: payloadLength).bigEndian, as: UInt32.self)
        }
        out.upper += width
    }

    /// The width of the header for a payload of `payloadLength` bytes (1, 2 or 4), or `nil` for
    /// the types that add none: for encoders that write the header into storage of their own
    /// (a SwiftNIO `ByteBuffer`, say) as a big-endian integer of that width.
    ///
    /// - Throws: ``PacketError/Code/payloadTooLarge`` when the header cannot describe the length.
    @inlinable
    public func headerWidth(payloadLength: Int) throws(PacketError) -> Int? {
        guard let width = type.lengthHeaderSize else { return nil }
        guard payloadLength <= maximumPayloadLength else { throw tooLarge(payloadLength, width: width) }
        return width
    }

    /// The error for a payload the header cannot describe (the cold path).
    @inline(never)
    @usableFromInline
    internal func tooLarge(_ payloadLength: Int, width: Int) -> PacketError {
        PacketError(
            code: .payloadTooLarge,
            reason: "a \(payloadLength)-byte payload does not fit a \(width)-byte length header"
                + " (at most \(maximumPayloadLength) bytes)"
        )
    }
}
