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
