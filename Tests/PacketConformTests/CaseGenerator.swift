import PacketFraming
import TestSupport

/// Generates `conform` batch lines: structured, random and mutated inputs with option sweeps,
/// aimed at every corner of each packet type.
struct CaseGenerator {
    var rng: SplitMix

    init(seed: UInt64) { rng = SplitMix(seed: seed) }

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }
    mutating func chance(_ oneIn: Int) -> Bool { int(0...(oneIn - 1)) == 0 }
    mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }
    mutating func bytes(_ count: Int) -> [UInt8] { (0..<count).map { _ in UInt8.random(in: 0...255, using: &rng) } }

    static let sizeCorners = [
        -1, 0, 1, 2, 3, 4, 5, 7, 8, 9, 12, 13, 16, 64, 255, 256, 65535, 65536, 2_147_483_646, 2_147_483_647,
        2_147_483_648, 4_294_967_295, 4_294_967_296,
    ]

    /// A payload length, often small, sometimes on a boundary.
    mutating func payloadLength() -> Int {
        pick([0, 0, 1, 2, 3, 5, 8, 13, 30, 127, 128, 200, 255, 256, 300])
    }

    /// The bytes of a plausible packet of `type` declaring `declared` bytes with `actual` present.
    mutating func structured(_ type: String) -> [UInt8] {
        let n = payloadLength()
        var payload = bytes(n)
        switch type {
        case "raw", "0": return payload
        case "1": return [UInt8(truncatingIfNeeded: n)] + payload
        case "2": return be(n, 2) + payload
        case "4": return be(n, 4) + payload
        case "sunrm": return be(n | (chance(2) ? 0x8000_0000 : 0), 4) + payload
        case "asn1":
            var tag: [UInt8] = [pick([0x30, 0x04, 0x02, 0x61, 0xA0, 0x1F, 0x3F, 0xFF, 0x00])]
            if tag[0] & 0x1F == 0x1F {
                tag += (0..<int(0...3)).map { _ in UInt8(0x80 | int(0...127)) } + [UInt8(int(0...127))]
            }
            let length: [UInt8]
            switch int(0...5) {
            case 0: length = [0x80]
            case 1: length = [0x81, UInt8(truncatingIfNeeded: n)]
            case 2: length = [0x82] + be(n, 2)
            case 3: length = [0x84] + be(n, 4)
            case 4: length = [UInt8(0x80 | int(5...127))] + bytes(int(0...8))
            default: length = n < 128 ? [UInt8(n)] : [0x82] + be(n, 2)
            }
            return tag + length + payload
        case "cdr":
            let little = chance(2)
            let size = little ? Array(be(n, 4).reversed()) : be(n, 4)
            let magic: [UInt8] = chance(8) ? bytes(4) : Array("GIOP".utf8)
            return magic + [1, UInt8(int(0...2)), little ? 1 : 0, UInt8(int(0...7))] + size + payload
        case "fcgi":
            let padding = pick([0, 0, 1, 7, 255])
            let version: UInt8 = chance(8) ? pick([0, 2, 255]) : 1
            payload = Array(payload.prefix(65535))
            return [version, UInt8(int(1...11)), 0, 1] + be(payload.count, 2) + [UInt8(padding), 0] + payload
                + bytes(padding)
        case "tpkt":
            let version: UInt8 = chance(8) ? pick([0, 2, 4]) : 3
            let length = chance(10) ? int(0...5) : n + 4
            return [version, 0] + be(length, 2) + payload
        case "line":
            let delimiter: UInt8 = chance(3) ? pick([0, 59, 255, 13]) : 10
            return payload.map { $0 == 10 ? 11 : $0 } + [delimiter] + bytes(int(0...3))
        default:
            return payload
        }
    }

    func be(_ value: Int, _ width: Int) -> [UInt8] {
        (0..<width).map { UInt8(truncatingIfNeeded: value >> ((width - 1 - $0) * 8)) }
    }

    /// One input: structured, truncated, mutated, random, or a header with a huge size.
    mutating func input(_ type: String) -> [UInt8] {
        switch int(0...9) {
        case 0: return bytes(int(0...12))
        case 1:
            let whole = structured(type)
            return Array(whole.prefix(int(0...whole.count)))
        case 2, 3:
            var whole = structured(type)
            for _ in 0..<int(1...3) where !whole.isEmpty {
                whole[int(0...(whole.count - 1))] = pick([0, 1, 3, 0x1F, 0x7F, 0x80, 0x81, 0x84, 0x85, 0xFF, 10, 13])
            }
            return whole
        case 4:
            // A header declaring a size near the 32-bit limits.
            let big = pick([0x7FFF_FFFA, 0x7FFF_FFFB, 0x7FFF_FFFC, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF, 0xFFFF_FFF0])
            switch type {
            case "4", "sunrm": return be(big, 4) + bytes(int(0...4))
            case "cdr": return Array("GIOP".utf8) + [1, 0, chance(2) ? 1 : 0, 0] + be(big, 4) + bytes(int(0...4))
            case "asn1": return [0x30, 0x84] + be(big, 4) + bytes(int(0...4))
            default: return structured(type)
            }
        default:
            return structured(type)
        }
    }

    /// An option list: `-` or `packet_size=N,...`, including values Erlang rejects.
    mutating func options(_ type: String, inputLength: Int) -> String {
        if chance(3) { return "-" }
        var items: [String] = []
        for _ in 0..<int(1...3) {
            switch int(0...9) {
            case 0...4:
                let near = [inputLength - 5, inputLength - 4, inputLength - 1, inputLength, inputLength + 1]
                items.append("packet_size=\(chance(2) ? pick(Self.sizeCorners) : max(pick(near), 0))")
            case 5...7:
                items.append("line_length=\(chance(2) ? pick(Self.sizeCorners) : int(0...(inputLength + 2)))")
            default:
                let delimiter =
                    type == "line" && !chance(4) ? pick([0, 10, 13, 59, 255]) : pick([-1, 0, 10, 59, 255, 256])
                items.append("line_delimiter=\(delimiter)")
            }
        }
        return items.joined(separator: ",")
    }

    /// A `conform packet` line.
    mutating func packetLine(_ type: String) -> String {
        let bytes = input(type)
        let opts = options(type, inputLength: bytes.count)
        return "\(type) \(opts) \(bytes.isEmpty ? "-" : Hex.encode(bytes))"
    }

    /// A `conform stream` line: several packets, sometimes garbage, sometimes a cut at the end.
    mutating func streamLine(_ type: String) -> String {
        var stream: [UInt8] = []
        for _ in 0..<int(1...6) {
            stream += chance(10) ? input(type) : structured(type)
        }
        if chance(4) { stream = Array(stream.prefix(int(0...stream.count))) }
        var items: [String] = []
        if chance(2) {
            let size = chance(3) ? pick([0, 1, 2, 4, 8, 16, 100, 1000, 2_147_483_647]) : int(0...300)
            items.append("packet_size=\(size)")
        }
        if type == "line" && chance(2) { items.append("line_delimiter=\(pick([0, 10, 13, 59, 255]))") }
        return
            "\(type) \(items.isEmpty ? "-" : items.joined(separator: ",")) \(stream.isEmpty ? "-" : Hex.encode(stream))"
    }
}
