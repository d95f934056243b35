import PacketFraming

/// Well-formed packets of each type, with their payload, for building streams.
public enum Samples {
    public static func packet(_ type: PacketType, payload: [UInt8], options: PacketOptions = PacketOptions()) -> [UInt8]
    {
        let n = payload.count
        switch type {
        case .raw: return payload
        case .length1: return [UInt8(n)] + payload
        case .length2: return [UInt8(n >> 8), UInt8(n & 0xFF)] + payload
        case .length4: return [0, UInt8(n >> 16), UInt8(n >> 8 & 0xFF), UInt8(n & 0xFF)] + payload
        case .sunrm: return [0x80, UInt8(n >> 16), UInt8(n >> 8 & 0xFF), UInt8(n & 0xFF)] + payload
        case .asn1:
            if n < 128 { return [0x04, UInt8(n)] + payload }
            return [0x04, 0x82, UInt8(n >> 8), UInt8(n & 0xFF)] + payload
        case .cdr:
            return Array("GIOP".utf8) + [
                1, 2, 0, 0, UInt8(n >> 24), UInt8(n >> 16 & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n & 0xFF),
            ]
                + payload
        case .fcgi:
            let padding = (8 - n % 8) % 8
            return [1, 5, 0, 1, UInt8(n >> 8), UInt8(n & 0xFF), UInt8(padding), 0] + payload
                + [UInt8](repeating: 0, count: padding)
        case .tpkt:
            let total = n + 4
            return [3, 0, UInt8(total >> 8), UInt8(total & 0xFF)] + payload
        case .line:
            let delimiter = options.effectiveLineDelimiter
            return payload.map { $0 == delimiter ? delimiter &+ 1 : $0 } + [delimiter]
        case .http, .httpBin, .httph, .httphBin:
            return Array("X-Data: \(Hex.encode(payload))\r\n".utf8)
        }
    }

    /// The packet a decoder delivers for `packet(type, payload:)`.
    public static func delivered(
        _ type: PacketType, payload: [UInt8], options: PacketOptions = PacketOptions()
    ) -> [UInt8] {
        let whole = packet(type, payload: payload, options: options)
        switch type {
        case .length1, .length2, .length4: return payload
        case .fcgi: return Array(whole.prefix(8 + payload.count))
        default: return whole
        }
    }

    public static func randomBytes(_ count: Int, _ rng: inout SplitMix) -> [UInt8] {
        (0..<count).map { _ in UInt8.random(in: 0...255, using: &rng) }
    }
}
