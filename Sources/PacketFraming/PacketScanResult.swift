/// What a codec finds at the start of some bytes: the stateless answer of `erlang:decode_packet/3`
/// in offsets, without copying or slicing anything.
public enum PacketScanResult: Sendable, Hashable {
    /// A whole packet: its body is `body` (offsets into the input; the header is outside it for
    /// `1`/`2`/`4`, the padding is outside it for `fcgi`) and it takes `length` bytes of the input,
    /// so the rest starts at offset `length`. Erlang's `{ok, Packet, Rest}`.
    case packet(body: Range<Int>, length: Int)
    /// More bytes are needed: `total` is the whole packet's size when the header already tells it
    /// (Erlang's `{more, Total}`), else `nil` (`{more, undefined}`).
    case needMore(total: Int?)
    /// The bytes can never form a packet: a bad header, or a size over the limit. Erlang's
    /// `{error, invalid}` (a socket answers `{error, emsgsize}`).
    case invalid(PacketError)
}

/// The result of one `decode_packet` call on a ``PacketBuffer``: the packet and the rest as
/// zero-copy slices of the input.
public enum DecodedPacket: Sendable, Hashable {
    /// Erlang's `{ok, Packet, Rest}`.
    case packet(PacketBuffer, rest: PacketBuffer)
    /// Erlang's `{more, Total}` or `{more, undefined}`.
    case needMore(total: Int?)
    /// Erlang's `{error, invalid}`.
    case invalid(PacketError)
}

/// The result of one `decode_packet` call with an HTTP type.
public enum DecodedHTTPPacket: Sendable, Hashable {
    /// Erlang's `{ok, HttpPacket, Rest}`.
    case packet(HTTPPacket, rest: PacketBuffer)
    /// Erlang's `{more, undefined}` (the HTTP types never know a total).
    case needMore(total: Int?)
    /// Erlang's `{error, invalid}`: a line over `packet_size` (or `line_length`).
    case invalid(PacketError)
}
