// MARK: - Descriptions of the decode results

/// `1 byte`, `5 bytes`.
private func bytes(_ count: Int) -> String { "\(count) byte\(count == 1 ? "" : "s")" }

/// The need-more text shared by the three result types.
private func needMoreText(_ total: Int?) -> String {
    total.map { "need more bytes: \(bytes($0)) in all" } ?? "need more bytes (the total is not known yet)"
}

extension PacketScanResult: CustomStringConvertible {
    /// `packet: body 4..<9 of 9 bytes`, `need more bytes: 12 bytes in all`,
    /// `need more bytes (the total is not known yet)` or `invalid: ` and the reason.
    public var description: String {
        switch self {
        case .packet(let body, let length): "packet: body \(body.lowerBound)..<\(body.upperBound) of \(bytes(length))"
        case .needMore(let total): needMoreText(total)
        case .invalid(let error): "invalid: \(error.reason)"
        }
    }
}

extension DecodedPacket: CustomStringConvertible, CustomDebugStringConvertible {
    /// `packet of 5 bytes, 3 bytes left`, `need more bytes: 12 bytes in all`,
    /// `need more bytes (the total is not known yet)` or `invalid: ` and the reason.
    public var description: String {
        switch self {
        case .packet(let packet, let rest): "packet of \(bytes(packet.count)), \(bytes(rest.count)) left"
        case .needMore(let total): needMoreText(total)
        case .invalid(let error): "invalid: \(error.reason)"
        }
    }

    /// The case with the bytes: `packet(PacketBuffer(...), rest: PacketBuffer(...))`.
    public var debugDescription: String {
        switch self {
        case .packet(let packet, let rest): "packet(\(packet.debugDescription), rest: \(rest.debugDescription))"
        case .needMore(let total): "needMore(total: \(total.map(String.init) ?? "nil"))"
        case .invalid(let error): "invalid(\(error.code): \(error.reason))"
        }
    }
}

extension DecodedHTTPPacket: CustomStringConvertible, CustomDebugStringConvertible {
    /// The packet as ``HTTPPacket`` describes it and what is left (`Host: a, 2 bytes left`), or
    /// the need-more or invalid text of ``DecodedPacket``.
    public var description: String {
        switch self {
        case .packet(let packet, let rest): "\(packet), \(bytes(rest.count)) left"
        case .needMore(let total): needMoreText(total)
        case .invalid(let error): "invalid: \(error.reason)"
        }
    }

    /// The case with the packet's debug description and the rest's bytes.
    public var debugDescription: String {
        switch self {
        case .packet(let packet, let rest): "packet(\(packet.debugDescription), rest: \(rest.debugDescription))"
        case .needMore(let total): "needMore(total: \(total.map(String.init) ?? "nil"))"
        case .invalid(let error): "invalid(\(error.code): \(error.reason))"
        }
    }
}
