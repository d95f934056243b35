import PacketFraming
import TestSupport

/// How a stream ends when framed.
enum StreamEnd: Equatable {
    case needMore(leftover: [UInt8])
    case error(PacketError.Code)
}

/// The packets of `stream` found by calling the stateless codec on the rest again and again: the
/// reference the framer must match however the stream is chunked.
func codecLoop(_ stream: [UInt8], _ type: PacketType, _ options: PacketOptions) -> ([[UInt8]], StreamEnd) {
    let codec = PacketCodec(uncheckedForTests: type, options: options)
    var rest = PacketBuffer(stream)
    var packets: [[UInt8]] = []
    while true {
        switch codec.decode(rest) {
        case .packet(let packet, let next):
            packets.append(packet.bytes)
            rest = next
        case .needMore:
            return (packets, .needMore(leftover: rest.bytes))
        case .invalid(let error):
            return (packets, .error(error.code))
        }
    }
}

/// The packets of `stream` through a framer fed in the chunk sizes `chunks` yields (cycled).
func framed(
    _ stream: [UInt8],
    _ type: PacketType,
    _ options: PacketOptions,
    chunks: (inout SplitMix) -> Int,
    seed: UInt64 = 1
) -> ([[UInt8]], StreamEnd) {
    var rng = SplitMix(seed: seed)
    var framer = PacketFramer(type, options: options)
    var packets: [[UInt8]] = []
    var offset = 0
    while offset < stream.count {
        let size = Swift.min(Swift.max(1, chunks(&rng)), stream.count - offset)
        framer.append(contentsOf: stream[offset..<(offset + size)])
        offset += size
        do {
            while let packet = try framer.next() { packets.append(packet.bytes) }
        } catch {
            return (packets, .error(error.code))
        }
    }
    do {
        while let packet = try framer.next() { packets.append(packet.bytes) }
    } catch {
        return (packets, .error(error.code))
    }
    return (packets, .needMore(leftover: framer.finish().bytes))
}

extension PacketCodec {
    /// Tests build codecs for sockets' option sets too (a delimiter with any type).
    init(uncheckedForTests type: PacketType, options: PacketOptions) {
        if type == .line || options.lineDelimiter == nil {
            self = try! PacketCodec(type, options: options)
        } else {
            var o = options
            o.lineDelimiter = nil
            self = try! PacketCodec(type, options: o)
        }
    }
}

/// Well-formed packets of each type, with their payload, for building streams.
enum Samples {
    static func packet(_ type: PacketType, payload: [UInt8], options: PacketOptions = PacketOptions()) -> [UInt8] {
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
    static func delivered(_ type: PacketType, payload: [UInt8], options: PacketOptions = PacketOptions()) -> [UInt8] {
        let whole = packet(type, payload: payload, options: options)
        switch type {
        case .length1, .length2, .length4: return payload
        case .fcgi: return Array(whole.prefix(8 + payload.count))
        default: return whole
        }
    }

    static func randomBytes(_ count: Int, _ rng: inout SplitMix) -> [UInt8] {
        (0..<count).map { _ in UInt8.random(in: 0...255, using: &rng) }
    }
}
