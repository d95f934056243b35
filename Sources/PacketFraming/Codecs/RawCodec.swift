/// `raw` (also `0`): no framing at all; a packet is whatever bytes are there.
///
/// ```
/// +---------------------------+
/// | bytes ...                 |   one packet = all the bytes at hand (at least one)
/// +---------------------------+
/// ```
///
/// `packet_size` does not apply (Erlang ignores it for `raw`). With no bytes Erlang answers
/// `{more, undefined}`.
@usableFromInline
internal enum RawCodec {
    @inlinable
    internal static func scan(_ p: UnsafeRawBufferPointer) -> ScanStep {
        p.isEmpty ? .needMore(total: 0) : .packet(bodyStart: 0, bodyEnd: p.count, length: p.count)
    }
}
