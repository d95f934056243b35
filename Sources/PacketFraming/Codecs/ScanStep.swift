/// What a codec finds, in a form that is cheap to pass around: plain integers, no strings and no
/// references, so the hot path never retains or releases anything for a result. The public
/// ``PacketScanResult`` and ``PacketError`` are built from it at the API boundary.
@usableFromInline
internal enum ScanStep {
    /// A packet whose body is `bodyStart..<bodyEnd` and which takes `length` bytes.
    case packet(bodyStart: Int, bodyEnd: Int, length: Int)
    /// More bytes needed; `total` is the whole packet's size when known, else 0.
    case needMore(total: Int)
    /// The bytes can never form a packet.
    case invalid(ScanFailure)

    /// The public form.
    @inlinable
    internal var result: PacketScanResult {
        switch self {
        case .packet(let start, let end, let length):
            .packet(body: Range(uncheckedBounds: (start, end)), length: length)
        case .needMore(let total): .needMore(total: total == 0 ? nil : total)
        case .invalid(let failure): .invalid(failure.error)
        }
    }
}

/// Why bytes can never form a packet, with the numbers the error message needs.
@usableFromInline
internal struct ScanFailure {
    @usableFromInline
    internal enum Kind: UInt8 {
        /// A header declares `value` bytes, over `limit` (`packet_size`) or, with `limit` 0,
        /// over the 2^31 - 1 maximum.
        case tooLarge
        /// A line over `packet_size` (`limit`).
        case lineTooLong
        /// An HTTP packet over its limit (`limit`).
        case httpTooLong
        /// An asn1 length with `value` length octets.
        case asn1LengthOctets
        /// A cdr header without the GIOP magic.
        case cdrMagic
        /// An fcgi version `value` other than 1.
        case fcgiVersion
        /// A tpkt version `value` other than 3.
        case tpktVersion
        /// A tpkt length `value` under 4.
        case tpktLength
    }

    @usableFromInline let kind: Kind
    @usableFromInline let type: PacketType
    @usableFromInline let value: UInt64
    @usableFromInline let limit: UInt64

    @inlinable
    internal init(_ kind: Kind, _ type: PacketType, value: UInt64 = 0, limit: UInt64 = 0) {
        self.kind = kind
        self.type = type
        self.value = value
        self.limit = limit
    }

    /// The error, with a sentence naming the values.
    @inline(never)
    @usableFromInline
    internal var error: PacketError {
        let name = "{packet,\(type.erlangName)}"
        switch kind {
        case .tooLarge:
            let bound = limit == 0 ? "the 2147483647-byte maximum" : "packet_size \(limit)"
            return PacketError(
                code: .packetTooLarge, reason: "\(name) header declares \(value) bytes, more than \(bound) allows")
        case .lineTooLong:
            return PacketError(code: .packetTooLarge, reason: "\(name): line longer than packet_size \(limit)")
        case .httpTooLong:
            return PacketError(code: .packetTooLarge, reason: "\(name): HTTP line longer than the \(limit)-byte limit")
        case .asn1LengthOctets:
            return PacketError(
                code: .invalidPacket, reason: "invalid \(name) header: \(value) length octets (at most 4)")
        case .cdrMagic:
            return PacketError(code: .invalidPacket, reason: "invalid \(name) header: the magic is not \"GIOP\"")
        case .fcgiVersion:
            return PacketError(
                code: .invalidPacket, reason: "invalid \(name) header: version \(value) (only version 1 exists)")
        case .tpktVersion:
            return PacketError(code: .invalidPacket, reason: "invalid \(name) header: version \(value) (must be 3)")
        case .tpktLength:
            return PacketError(
                code: .invalidPacket, reason: "invalid \(name) header: length \(value) is shorter than the header")
        }
    }
}
