import PacketFraming
import Testing

/// What `erlang:decode_packet/3` answered on OTP 25 for the same arguments (each vector was asked
/// of `erl` and copied from its answer).
enum ErlangAnswer: Equatable, Sendable, CustomStringConvertible {
    case ok([UInt8], rest: [UInt8])
    case more(Int?)
    case invalid
    case badarg

    var description: String {
        switch self {
        case .ok(let p, let r): "{ok,\(p),\(r)}"
        case .more(let n): "{more,\(n.map(String.init) ?? "undefined")}"
        case .invalid: "{error,invalid}"
        case .badarg: "badarg"
        }
    }
}

struct Vector: CustomTestStringConvertible, Sendable {
    var type: PacketType
    var input: [UInt8]
    var options: [Option]
    var answer: ErlangAnswer

    struct Option: Sendable {
        var name: PacketOptions.Name
        var value: Int
    }

    init(_ type: PacketType, _ input: [UInt8], _ answer: ErlangAnswer) {
        self.init(type, input, [], answer)
    }

    init(_ type: PacketType, _ input: [UInt8], _ options: [(PacketOptions.Name, Int)], _ answer: ErlangAnswer) {
        self.type = type
        self.input = input
        self.options = options.map { Option(name: $0.0, value: $0.1) }
        self.answer = answer
    }

    var testDescription: String { "\(type) \(input) \(options.map { "\($0.name.rawValue)=\($0.value)" })" }
}

func decodeAsErlang(_ type: PacketType, _ input: [UInt8], _ options: [Vector.Option]) -> ErlangAnswer {
    var opts = PacketOptions()
    do {
        for option in options { try opts.set(option.name, to: option.value) }
        let codec = try PacketCodec(type, options: opts)
        switch codec.decode(input) {
        case .packet(let p, let rest): return .ok(p.bytes, rest: rest.bytes)
        case .needMore(let total): return .more(total)
        case .invalid: return .invalid
        }
    } catch {
        return .badarg
    }
}

@Suite struct CodecVectorTests {
    static let max32 = 4_294_967_295

    static let vectors: [Vector] = [
        // raw / 0
        Vector(.raw, [], .more(nil)),
        Vector(.raw, [1, 2], .ok([1, 2], rest: [])),
        Vector(.raw, [97, 98, 99], [(.packetSize, 1)], .ok([97, 98, 99], rest: [])),
        Vector(.raw, [1, 2], [(.lineDelimiter, 59)], .badarg),
        // 1, 2, 4
        Vector(.length1, [], .more(nil)),
        Vector(.length1, [3, 1], .more(4)),
        Vector(.length1, [1, 9, 8], .ok([9], rest: [8])),
        Vector(.length1, [3, 1], [(.packetSize, 1)], .invalid),
        Vector(.length1, [3, 1], [(.packetSize, 0)], .more(4)),
        Vector(.length1, [1, 2], [(.lineLength, 1)], .ok([2], rest: [])),
        Vector(.length1, [1, 2], [(.lineDelimiter, 59)], .badarg),
        Vector(.length2, [0, 5, 1], .more(7)),
        Vector(.length2, [0, 0, 1, 2], .ok([], rest: [1, 2])),
        Vector(.length2, [0, 5, 1, 2, 3, 4, 5], [(.packetSize, 5)], .ok([1, 2, 3, 4, 5], rest: [])),
        Vector(.length2, [0, 6], [(.packetSize, 5)], .invalid),
        Vector(.length4, [0, 0, 0, 2, 1, 2, 3], .ok([1, 2], rest: [3])),
        Vector(.length4, [0, 0, 0, 9, 1, 2, 3], [(.packetSize, 5)], .invalid),
        Vector(.length4, [0, 0, 0, 9], [(.packetSize, -1)], .badarg),
        Vector(.length4, [0, 0, 0, 9], [(.packetSize, 4_294_967_296)], .badarg),
        Vector(.length4, [0, 0, 0, 9], [(.packetSize, max32)], .more(13)),
        Vector(.length4, [0, 0, 0, 9], [(.packetSize, 2_147_483_648)], .more(13)),
        Vector(.length4, [255, 255, 255, 255], .invalid),
        Vector(.length4, [128, 0, 0, 0], .invalid),
        Vector(.length4, [127, 255, 255, 251], .more(2_147_483_647)),
        Vector(.length4, [127, 255, 255, 252], .invalid),
        Vector(.length4, [127, 255, 255, 252], [(.packetSize, max32)], .invalid),
        Vector(.length4, [255, 255, 255, 252, 1, 2, 3, 4, 5, 6, 7, 8, 9], [(.packetSize, max32)], .invalid),
        Vector(.length4, [127, 255, 255, 255, 1, 2, 3], [(.packetSize, 2_147_483_647)], .invalid),
        Vector(.length4, [127, 255, 255, 251], [(.packetSize, 2_147_483_647)], .more(2_147_483_647)),
        // line
        Vector(.line, Array("abc".utf8), .more(nil)),
        Vector(.line, Array("abc\ndef".utf8), .ok(Array("abc\n".utf8), rest: Array("def".utf8))),
        Vector(.line, [10], .ok([10], rest: [])),
        Vector(.line, Array("abcdef".utf8), [(.lineLength, 3)], .ok(Array("abc".utf8), rest: Array("def".utf8))),
        Vector(.line, Array("abc".utf8), [(.lineLength, 3)], .ok(Array("abc".utf8), rest: [])),
        Vector(.line, Array("ab".utf8), [(.lineLength, 3)], .more(nil)),
        Vector(.line, Array("ab\ncdef".utf8), [(.lineLength, 2)], .ok(Array("ab".utf8), rest: Array("\ncdef".utf8))),
        Vector(.line, Array("abcdef\n".utf8), [(.lineLength, 1)], .ok([97], rest: Array("bcdef\n".utf8))),
        Vector(.line, Array("abcdef\n".utf8), [(.lineLength, 1), (.packetSize, 4)], .invalid),
        Vector(.line, Array("ab\ncd".utf8), [(.lineLength, 0)], .ok(Array("ab\n".utf8), rest: Array("cd".utf8))),
        Vector(.line, Array("abcdef".utf8), [(.lineLength, max32)], .more(nil)),
        Vector(.line, Array("abcdef\n".utf8), [(.packetSize, 3)], .invalid),
        Vector(.line, Array("abcdef".utf8), [(.packetSize, 3)], .invalid),
        Vector(.line, Array("abc".utf8), [(.packetSize, 3)], .more(nil)),
        Vector(.line, Array("abcd".utf8), [(.packetSize, 3)], .invalid),
        Vector(.line, Array("abc\n".utf8), [(.packetSize, 3)], .invalid),
        Vector(.line, Array("ab\n".utf8), [(.packetSize, 3)], .ok(Array("ab\n".utf8), rest: [])),
        Vector(.line, Array("abcdef".utf8), [(.packetSize, 5), (.lineLength, 3)], .invalid),
        Vector(.line, Array("abcdef".utf8), [(.packetSize, 3), (.lineLength, 5)], .invalid),
        Vector(.line, Array("a;b".utf8), [(.lineDelimiter, 59)], .ok(Array("a;".utf8), rest: Array("b".utf8))),
        Vector(.line, Array("a;b".utf8), [(.lineDelimiter, 256)], .badarg),
        Vector(.line, Array("a;b".utf8), [(.lineDelimiter, 59), (.lineDelimiter, 10)], .more(nil)),
        Vector(.line, Array("abc\n".utf8), [(.lineDelimiter, -1)], .badarg),
        Vector(.line, [97], [(.lineLength, -1)], .badarg),
        Vector(.line, [97], [(.lineLength, 0)], .more(nil)),
        Vector(.line, Array("abc".utf8), [(.lineLength, 4_294_967_296)], .badarg),
        // sunrm
        Vector(.sunrm, [128, 0, 0, 2, 1, 2, 9], .ok([128, 0, 0, 2, 1, 2], rest: [9])),
        Vector(.sunrm, [0, 0, 0, 2, 1, 2, 9], .ok([0, 0, 0, 2, 1, 2], rest: [9])),
        Vector(.sunrm, [255, 255, 255, 255], .invalid),
        Vector(.sunrm, [255, 255, 255, 250], .more(2_147_483_646)),
        // fcgi
        Vector(.fcgi, [1, 1, 0, 1, 0, 2, 3, 0, 9, 9, 8, 8, 8, 7], .ok([1, 1, 0, 1, 0, 2, 3, 0, 9, 9], rest: [7])),
        Vector(.fcgi, [2, 1, 0, 1, 0, 2, 3, 0, 9, 9, 8, 8, 8, 7], .invalid),
        Vector(.fcgi, [1, 1, 0, 1, 0, 0, 0, 0], .ok([1, 1, 0, 1, 0, 0, 0, 0], rest: [])),
        Vector(.fcgi, [1, 1, 0, 1, 0, 0, 1, 0], .more(9)),
        Vector(.fcgi, [1, 1, 0, 1, 0, 0, 1, 0, 5], .ok([1, 1, 0, 1, 0, 0, 1, 0], rest: [])),
        Vector(.fcgi, [1, 1, 0, 1, 0, 1, 1, 0, 5], .more(10)),
        Vector(.fcgi, [1, 1, 0, 1, 255, 255, 255, 0], [(.packetSize, 65535)], .invalid),
        // tpkt
        Vector(.tpkt, [3, 0, 0, 6, 1, 2, 3], .ok([3, 0, 0, 6, 1, 2], rest: [3])),
        Vector(.tpkt, [4, 0, 0, 6, 1, 2, 3], .invalid),
        Vector(.tpkt, [3, 0, 0, 2, 1, 2, 3], .invalid),
        Vector(.tpkt, [3, 0, 0, 4, 1], .ok([3, 0, 0, 4], rest: [1])),
        Vector(.tpkt, [3, 0, 0, 3, 1], .invalid),
        Vector(.tpkt, [3, 0, 0, 0], .invalid),
        Vector(.tpkt, [3, 0, 0, 0, 1, 2], [(.packetSize, max32)], .invalid),
        // cdr
        Vector(
            .cdr, Array("GIOP".utf8) + [1, 0, 0, 0, 0, 0, 0, 2, 1, 2, 3],
            .ok(Array("GIOP".utf8) + [1, 0, 0, 0, 0, 0, 0, 2, 1, 2], rest: [3])),
        Vector(
            .cdr, Array("GIOP".utf8) + [1, 0, 1, 0, 2, 0, 0, 0, 1, 2, 3],
            .ok(Array("GIOP".utf8) + [1, 0, 1, 0, 2, 0, 0, 0, 1, 2], rest: [3])),
        Vector(.cdr, Array("GIOX".utf8) + [1, 0, 1, 0, 2, 0, 0, 0, 1, 2, 3], .invalid),
        Vector(.cdr, Array("GIOP".utf8) + [1, 0, 1, 0, 255, 255, 255, 255], .invalid),
        Vector(.cdr, Array("GIO".utf8), .more(nil)),
        Vector(.cdr, Array("GIOX".utf8), .more(nil)),
        Vector(.cdr, Array("GIOP".utf8) + [1, 0, 0, 0, 255, 255, 255, 245, 1], [(.packetSize, max32)], .invalid),
        // asn1
        Vector(.asn1, [0x30, 3, 1, 2, 3, 4], .ok([0x30, 3, 1, 2, 3], rest: [4])),
        Vector(.asn1, [0x30, 0x80, 1, 0, 0, 4], .ok([0x30, 0x80], rest: [1, 0, 0, 4])),
        Vector(.asn1, [0x1f, 0x81, 1, 1, 9, 4], .ok([0x1f, 0x81, 1, 1, 9], rest: [4])),
        Vector(.asn1, [0x30, 0x82, 0, 1, 9, 4], .ok([0x30, 0x82, 0, 1, 9], rest: [4])),
        Vector(.asn1, [0x30], .more(nil)),
        Vector(.asn1, [0x1f], .more(nil)),
        Vector(.asn1, [0x1f, 0x81], .more(nil)),
        Vector(.asn1, [0x1f, 0x81, 0x81], .more(nil)),
        Vector(.asn1, [0x1f, 0x81, 1], .more(nil)),
        Vector(.asn1, [0x30, 0x85, 1, 1, 1, 1, 1], .invalid),
        Vector(.asn1, [0x30, 0x84, 255, 255, 255, 255], .invalid),
        Vector(.asn1, [0x30, 0x84, 0, 0, 0, 1], .more(7)),
        Vector(.asn1, [0x30, 0x83, 0, 0], .more(nil)),
        Vector(.asn1, [0x1f, 0x1f, 0x03, 1, 2, 3, 4], .ok([0x1f, 0x1f, 3, 1, 2, 3], rest: [4])),
        Vector(.asn1, [0, 0], .ok([0, 0], rest: [])),
        Vector(.asn1, [0x30, 0x84, 255, 255, 255, 254, 1, 2, 3], [(.packetSize, max32)], .invalid),
    ]

    @Test(arguments: vectors)
    func answersAsErlangDoes(_ vector: Vector) {
        #expect(decodeAsErlang(vector.type, vector.input, vector.options) == vector.answer)
    }

    /// The framer's own fast paths (length headers, lines) give Erlang's first answer too, fed the
    /// input whole or a byte at a time: the packet, nothing yet (`more`), or the error.
    @Test(arguments: vectors.filter { $0.answer != .badarg && $0.type != .raw })
    func theFramerAnswersAsErlangDoes(_ vector: Vector) throws {
        var options = PacketOptions()
        for option in vector.options { try options.set(option.name, to: option.value) }
        // Where Erlang's answer for `line` depends on how many bytes are at hand (a cut line from
        // a short buffer), a byte-at-a-time framer answers for fewer bytes: compare whole only.
        let dripComparable = !(vector.type == .line && options.lineLength != 0)
        for chunk in dripComparable ? [Int.max, 1] : [Int.max] {
            var framer = PacketFramer(vector.type, options: options)
            var answer: ErlangAnswer = .more(nil)
            var offset = 0
            feeding: while offset < vector.input.count {
                let end = Swift.min(vector.input.count, offset.addingReportingOverflow(chunk).partialValue)
                framer.append(contentsOf: vector.input[offset..<(chunk == Int.max ? vector.input.count : end)])
                offset = chunk == Int.max ? vector.input.count : end
                do {
                    if let packet = try framer.next() {
                        answer = .ok(packet.bytes, rest: Array(vector.input[(offset - framer.bufferedByteCount)...]))
                        break feeding
                    }
                } catch {
                    answer = .invalid
                    break feeding
                }
            }
            switch (vector.answer, answer) {
            case (.more, .more): break
            default: #expect(answer == vector.answer, "fed in chunks of \(chunk)")
            }
        }
    }
}
