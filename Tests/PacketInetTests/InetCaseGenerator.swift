import TestSupport

/// Inputs for the address parsers and tuples for ntoa: valid forms of every grammar, boundary
/// values, mutations of valid forms, random text over the grammars' alphabet, random bytes and
/// long inputs.
struct InetCaseGenerator {
    var rng: SplitMix

    init(seed: UInt64) { rng = SplitMix(seed: seed) }

    static let alphabet = Array("0123456789abcdefABCDEFxX.:%[]+- ".utf8)

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }
    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < p }
    mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }

    // MARK: - IPv4 text

    /// A value near the interesting limits of a field holding `bits` bits.
    mutating func fieldValue(bits: Int) -> UInt64 {
        let limit: UInt64 = 1 << UInt64(bits)
        switch int(0...5) {
        case 0: return 0
        case 1: return limit - 1
        case 2: return limit  // one too many
        case 3: return UInt64(int(0...255))
        case 4: return limit + UInt64(int(0...300))
        default: return UInt64.random(in: 0..<limit, using: &rng)
        }
    }

    /// One field in decimal, octal or hex, with the odd spellings Erlang allows or refuses.
    mutating func ipv4Field(_ value: UInt64) -> String {
        var digits: String
        switch int(0...5) {
        case 0, 1, 2: digits = String(value)
        case 3: digits = "0" + String(value, radix: 8)
        case 4: digits = (chance(0.5) ? "0x" : "0X") + String(value, radix: 16, uppercase: chance(0.3))
        default: digits = String(value, radix: 16)
        }
        if chance(0.15) {
            let zeros = String(repeating: "0", count: int(1...14))
            if digits.hasPrefix("0x") || digits.hasPrefix("0X") {
                digits = String(digits.prefix(2)) + zeros + digits.dropFirst(2)
            } else {
                digits = zeros + digits
            }
        }
        if chance(0.12) {
            let sign = chance(0.6) ? "+" : "-"
            if (digits.hasPrefix("0x") || digits.hasPrefix("0X")) && chance(0.6) {
                digits = String(digits.prefix(2)) + sign + digits.dropFirst(2)
            } else {
                digits = sign + digits
            }
        }
        return digits
    }

    mutating func ipv4Text() -> String {
        let parts = int(1...4)
        if chance(0.3) {
            // The dotted quad, often strict.
            return (0..<4).map { _ in chance(0.85) ? String(int(0...255)) : ipv4Field(fieldValue(bits: 8)) }
                .joined(separator: ".")
        }
        var fields: [String] = []
        for k in 0..<parts {
            let bits = k < parts - 1 ? 8 : 8 * (5 - parts)
            fields.append(ipv4Field(fieldValue(bits: bits)))
        }
        return fields.joined(separator: ".")
    }

    // MARK: - IPv6 text

    mutating func group() -> UInt16 {
        switch int(0...4) {
        case 0, 1: 0
        case 2: UInt16(int(1...15))
        case 3: .max
        default: UInt16.random(in: 0...UInt16.max, using: &rng)
        }
    }

    mutating func groupText(_ value: UInt16) -> String {
        var text = String(value, radix: 16, uppercase: chance(0.2))
        if chance(0.1) { text = String(repeating: "0", count: int(1...3)) + text }
        return text
    }

    mutating func ipv6Text() -> String {
        var groups = (0..<8).map { _ in group() }
        switch int(0...9) {
        case 0: groups[0] = 0xfe80; groups[1] = chance(0.8) ? 0 : group()
        case 1: groups[0] = 0xff02; groups[1] = chance(0.8) ? 0 : group()
        case 2: groups[0] = pick([0xfe81, 0xfebf, 0xff01, 0xff12, 0xfec0, 0x0fe8])
        case 3: for k in 0..<6 { groups[k] = 0 }
        case 4: for k in 0..<5 { groups[k] = 0 }; groups[5] = 0xffff
        default: break
        }
        let v4Tail = chance(0.15)
        let count = v4Tail ? 6 : 8
        var texts = groups[0..<count].map { groupText($0) }
        var tail: [String] = []
        if v4Tail {
            let a = groups[6]
            let b = groups[7]
            var quad = [a >> 8, a & 0xff, b >> 8, b & 0xff].map { String($0) }
            if chance(0.2) { quad[int(0...3)] = ipv4Field(fieldValue(bits: 8)) }
            if chance(0.1) { quad.removeLast() }
            tail = [quad.joined(separator: ".")]
        }
        var text: String
        if chance(0.7) {
            // Compress a run (any run, not only the best: all are valid input).
            let start = int(0...(count - 1))
            let length = int(0...(count - start))
            let head = texts[0..<start]
            texts.removeSubrange(start..<(start + length))
            let rest = texts[start...]
            text = head.joined(separator: ":") + "::" + (rest + tail).joined(separator: ":")
            if length == 0 && chance(0.5) {
                text = head.joined(separator: ":") + ":" + (rest + tail).joined(separator: ":")
            }
        } else {
            text = (texts + tail).joined(separator: ":")
        }
        if chance(0.15) {
            switch int(0...2) {
            case 0: text += "%" + pick(["eth0", "1", "", "lo", "%", ":", " ", "eth0%x", "\u{7f}", "1.", "a.b"])
            case 1:
                text +=
                    "%"
                    + pick([
                        "0", "00", "01", "07", "010", "065535", "065536", "0177777", "0x1", "0.", "0a",
                        "0-1", "0 ", "0:", "0%", "-1", "000000000000000000000000007",
                    ])
            default: text += "%0" + String(int(0...70000))
            }
        }
        return text
    }

    // MARK: - Any text

    mutating func randomText(maxLength: Int) -> [UInt8] {
        (0..<int(0...maxLength)).map { _ in pick(Self.alphabet) }
    }

    mutating func randomBytes(maxLength: Int) -> [UInt8] {
        (0..<int(0...maxLength)).map { _ in UInt8.random(in: 0...255, using: &rng) }
    }

    mutating func mutate(_ text: [UInt8]) -> [UInt8] {
        var text = text
        for _ in 0..<int(1...3) {
            let position = text.isEmpty ? 0 : int(0...(text.count - 1))
            switch int(0...3) {
            case 0: text.insert(pick(Self.alphabet), at: position)
            case 1: if !text.isEmpty { text.remove(at: position) }
            case 2: if !text.isEmpty { text[position] = pick(Self.alphabet) }
            default:
                if !text.isEmpty {
                    let end = int(position...(text.count - 1))
                    text.insert(contentsOf: text[position...end], at: position)
                }
            }
        }
        return text
    }

    /// One input for the parsers.
    mutating func parseInput() -> [UInt8] {
        switch int(0...19) {
        case 0...5: return Array(ipv4Text().utf8)
        case 6...11: return Array(ipv6Text().utf8)
        case 12...14: return mutate(Array((chance(0.5) ? ipv4Text() : ipv6Text()).utf8))
        case 15, 16: return randomText(maxLength: 24)
        case 17: return randomBytes(maxLength: 12)
        case 18:
            // Long: repeated groups, long zero runs, long zones.
            let unit = pick(["0", "1:", "0.", ":", "ffff:", "00", "1.", "%"])
            let prefix = pick(["", "::", "fe80::1%", "0x", "1.", "+"])
            return Array((prefix + String(repeating: unit, count: int(20...600))).utf8)
        default:
            return Array(pick(Self.landmarks).utf8)
        }
    }

    /// Hand-picked inputs on the edges of each rule.
    static let landmarks = [
        "", "0", "00", "0x", "0X", "0x0", "0x00", "0x0+0", "0x+0", "0x-0", "-0", "+0", "-", "+", "08", "09",
        "017", "0377", "0400", "4294967295", "4294967296", "0xffffffff", "0x100000000", "037777777777",
        "040000000000", "+4294967295", "+000000000", "+0000000000", "0x+fffffff", "0x+ffffffff",
        "127.1", "10.0.258", "1.16777215", "1.16777216", "1.2.65535", "1.2.65536", "256.1", "1.2.3.4.",
        ".1.2.3", "1..2", "1.2.3.4.5", "+1.2.3.4", "-1.2.3.4", "-0.-0.-0.-0", "+00.1.1.1", "+123.1.1.1",
        "01.2.3.4", "00.0.0.0", "::", ":::", "::1", "1::", ":1", "1:", "::1:2:3:4:5:6:7", "1:2:3:4:5:6:7::",
        "::1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8:9", "::1.2.3.4", "::ffff:1.2.3.4",
        "::127.1", "::1.2.3.04", "::+1.2.3.4", "::1.2.3.+4", "1:2:3:4:5:6:1.2.3.4", "fe80::1%eth0",
        "fe80::%x", "fe80::1%", "::1%lo", "ff02::1%eth0", "ff02:1::1%x", "fe80:1::1%x", "fe80::1.2.3.4%x",
        "fe80::1%0", "fe80::1%01", "fe80::1%065535", "fe80::1%065536", "fe80::1%0x1", "fe80::1%0.",
        "fe80::%01", "ff02::1%02", "fe80:5::1%01", "fe80::1%1.2.3.4", "[::1]", "::%x", "%x", "fe80%x", "00001::",
        "0001::", "1 ", " 1", "1.2.3.4 ", "1,2",
    ]

    // MARK: - ntoa tuples

    /// First groups for ntoa: the two that carry a scope id (fe80, ff02) and neighbours that do not.
    static let scopePrefixes = [0xfe80, 0xff02, 0xfe80, 0xff02, 0xfe81, 0xfebf, 0xff01, 0xff12, 0xfec0, 0xff00, 0x0fe8]

    mutating func ntoaInput() -> [String] {
        let size: Int
        switch int(0...9) {
        case 0: size = int(0...10)
        case 1...4: size = 4
        default: size = 8
        }
        var parts: [String] = []
        for _ in 0..<size {
            let limit = size == 4 ? 255 : 65535
            switch int(0...11) {
            case 0: parts.append(String(limit + int(1...3)))
            case 1: parts.append(String(-int(0...2)))
            case 2: parts.append("99999999999999999999999")
            case 3: parts.append(String(limit))
            case 4...8: parts.append("0")
            case 9: parts.append("1")
            default: parts.append(String(int(0...limit)))
            }
        }
        if size == 8 && chance(0.3) {
            for k in 0..<5 { parts[k] = "0" }
            if chance(0.5) { parts[5] = chance(0.8) ? "65535" : "0" }
        } else if size == 8 && chance(0.35) {
            // The prefixes of the KAME scope rule (fe80 and ff02 with a second group that is not
            // zero print as `...%0B`) and their neighbours, which print plainly.
            parts[0] = String(pick(Self.scopePrefixes))
            switch int(0...4) {
            case 0: parts[1] = "0"
            case 1: parts[1] = "1"
            case 2: parts[1] = "65535"
            default: parts[1] = String(int(1...65535))
            }
            // Mostly valid groups after the first two, so that most of these reach the printer.
            if chance(0.8) {
                for k in 2..<8 { parts[k] = chance(0.6) ? "0" : String(pick([1, 65535, int(0...65535)])) }
            }
        }
        return parts
    }
}

extension [UInt8] {
    /// Lowercase hex, `-` for no bytes: the `conform inet` ARG.
    var conformHex: String {
        if isEmpty { return "-" }
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(count * 2)
        for byte in self {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
