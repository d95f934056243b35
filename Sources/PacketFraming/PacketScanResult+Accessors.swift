// MARK: - Accessors of the decode results
//
// Each result is an enum, as Erlang's answer is a tagged tuple; these accessors save a
// `switch` or `if case` where only one outcome matters (`codec.decode(buffer).packet`).

extension PacketScanResult {
    /// The packet's body and length (Erlang's `{ok, ...}`), or `nil`.
    @inlinable
    public var frame: (body: Range<Int>, length: Int)? {
        if case .packet(let body, let length) = self { return (body, length) }
        return nil
    }

    /// Whether more bytes are needed (`{more, _}`).
    @inlinable
    public var needsMore: Bool {
        if case .needMore = self { return true }
        return false
    }

    /// The whole packet's size when more bytes are needed and the header told it (`{more, N}`),
    /// else `nil` (also for `{more, undefined}`).
    @inlinable
    public var neededTotal: Int? {
        if case .needMore(let total) = self { return total }
        return nil
    }

    /// The error (`{error, invalid}`), or `nil`.
    @inlinable
    public var error: PacketError? {
        if case .invalid(let error) = self { return error }
        return nil
    }
}

extension DecodedPacket {
    /// The packet (Erlang's `Packet` in `{ok, Packet, Rest}`), or `nil`.
    @inlinable
    public var packet: PacketBuffer? {
        if case .packet(let packet, _) = self { return packet }
        return nil
    }

    /// The bytes after the packet (`Rest`), or `nil` when there is no packet.
    @inlinable
    public var rest: PacketBuffer? {
        if case .packet(_, let rest) = self { return rest }
        return nil
    }

    /// Whether more bytes are needed (`{more, _}`).
    @inlinable
    public var needsMore: Bool {
        if case .needMore = self { return true }
        return false
    }

    /// The whole packet's size when more bytes are needed and the header told it (`{more, N}`),
    /// else `nil` (also for `{more, undefined}`).
    @inlinable
    public var neededTotal: Int? {
        if case .needMore(let total) = self { return total }
        return nil
    }

    /// The error (`{error, invalid}`), or `nil`.
    @inlinable
    public var error: PacketError? {
        if case .invalid(let error) = self { return error }
        return nil
    }
}

extension DecodedHTTPPacket {
    /// The HTTP packet (Erlang's `HttpPacket` in `{ok, HttpPacket, Rest}`), or `nil`.
    @inlinable
    public var packet: HTTPPacket? {
        if case .packet(let packet, _) = self { return packet }
        return nil
    }

    /// The bytes after the packet (`Rest`), or `nil` when there is no packet.
    @inlinable
    public var rest: PacketBuffer? {
        if case .packet(_, let rest) = self { return rest }
        return nil
    }

    /// Whether more bytes are needed (`{more, undefined}`).
    @inlinable
    public var needsMore: Bool {
        if case .needMore = self { return true }
        return false
    }

    /// The error (`{error, invalid}`), or `nil`.
    @inlinable
    public var error: PacketError? {
        if case .invalid(let error) = self { return error }
        return nil
    }
}
