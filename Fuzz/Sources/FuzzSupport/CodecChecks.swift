import PacketConform
import PacketFraming

/// The invariants every codec answer must keep, whatever the bytes.
public enum CodecChecks {
    /// Checks one `decode_packet` on `bytes` and everything that follows from its answer.
    public static func check(_ codec: PacketCodec, _ bytes: [UInt8]) {
        let n = bytes.count
        let result = scan(codec, bytes[...])
        checkShape(codec, result, bytes)

        // decode(_:) is scan(_:) in slices.
        let decoded = codec.decode(PacketBuffer(bytes))
        switch (result, decoded) {
        case (.packet(let body, let length), .packet(let packet, let rest)):
            invariant(packet.bytes.elementsEqual(bytes[body]), "decode's packet is not the scanned body")
            invariant(rest.bytes.elementsEqual(bytes[length...]), "decode's rest is not what follows the packet")
        case (.needMore(let a), .needMore(let b)):
            invariant(
                a == b, "scan and decode disagree on the total: \(String(describing: a)) vs \(String(describing: b))")
        case (.invalid(let a), .invalid(let b)):
            invariant(a.code == b.code, "scan and decode disagree on the error: \(a) vs \(b)")
        default:
            invariant(false, "scan answered \(result), decode \(decoded)")
        }
        if !codec.type.isHTTP { _ = ErlangTerm.decodePacket(decoded).formatted }

        switch result {
        case .packet(_, let length):
            // Fewer bytes than the packet: need more, and the total if known is this packet's.
            // (Not for HTTP with a 1-byte limit: `\r\n` is a packet there, `\r` an error.)
            let httpLimit = codec.options.packetSize != 0 ? codec.options.packetSize : codec.options.lineLength
            let splitDependent = codec.type.isHTTP && httpLimit == 1
            for k in Set([0, length / 2, length - 1]) where k < length && !splitDependent {
                switch scan(codec, bytes[..<k]) {
                case .needMore(let total):
                    invariant(total == nil || total == length, "prefix \(k) of a \(length)-byte packet needs \(total!)")
                default:
                    invariant(false, "prefix \(k) of a \(length)-byte \(codec.type) packet is not a need-more")
                }
            }
            // The packet alone is the same packet (a header line needs the next byte to end).
            if !codec.type.isHTTP {
                let alone = scan(codec, bytes[..<length])
                invariant(alone == result, "the \(length)-byte packet alone gives \(alone), not \(result)")
            }
        case .needMore(let total?) where total - n <= 1 << 16:
            // Erlang's {more, Total}: that many bytes make a packet, whatever they are.
            let filled = bytes + [UInt8](repeating: 0, count: total - n)
            guard case .packet(_, let length) = scan(codec, filled[...]), length == total else {
                invariant(false, "\(codec.type) said it needs \(total) bytes, but \(total) bytes are not a packet")
                return
            }
        default:
            break
        }

        // Decoding again and again on the rest always progresses and stays inside the input.
        var rest = PacketBuffer(bytes)
        var count = 0
        while case .packet(let packet, let next) = codec.decode(rest) {
            invariant(next.count < rest.count, "a packet took no bytes")
            invariant(packet.count <= rest.count, "a packet is larger than the bytes it came from")
            rest = next
            count += 1
        }
        invariant(count <= n, "\(count) packets from \(n) bytes")
    }

    static func scan(_ codec: PacketCodec, _ bytes: ArraySlice<UInt8>) -> PacketScanResult {
        // A copy of exactly these bytes: AddressSanitizer catches any read past the end.
        let exact = Array(bytes)
        return exact.withUnsafeBytes { codec.scan($0) }
    }

    /// The answer is a packet inside the input, a need-more with a total beyond the input, or an
    /// error with a packet code; plus what each type promises about its packets.
    static func checkShape(_ codec: PacketCodec, _ result: PacketScanResult, _ bytes: [UInt8]) {
        let n = bytes.count
        let options = codec.options
        switch result {
        case .packet(let body, let length):
            invariant(length > 0 && length <= n, "a \(length)-byte packet in \(n) bytes")
            invariant(
                body.lowerBound >= 0 && body.upperBound <= length, "body \(body) outside the \(length)-byte packet")
            switch codec.type {
            case .length1, .length2, .length4:
                let header = codec.type.lengthHeaderSize!
                invariant(body == header..<length, "\(codec.type) body \(body) in a \(length)-byte packet")
                invariant(options.packetSize == 0 || body.count <= options.packetSize, "payload over packet_size")
            case .line:
                let delimiter = options.effectiveLineDelimiter
                invariant(body == 0..<length, "line body \(body) is not the whole \(length)-byte packet")
                let cut = options.lineLength != 0 && length == options.lineLength
                invariant(
                    cut || bytes[length - 1] == delimiter, "a line that neither ends with its delimiter nor is cut")
                invariant(!bytes[0..<(length - 1)].contains(delimiter), "a line with a delimiter inside")
                invariant(options.packetSize == 0 || length <= options.packetSize, "a line over packet_size")
            case .http, .httpBin, .httph, .httphBin:
                invariant(body == 0..<length, "HTTP body \(body) is not the whole \(length)-byte line")
                invariant(bytes[length - 1] == 0x0A, "an HTTP packet that does not end with a line feed")
            default:
                break
            }
        case .needMore(let total):
            if let total { invariant(total > n, "needs \(total) bytes when \(n) are there") }
            if codec.type.isHTTP || codec.type == .line { invariant(total == nil, "\(codec.type) told a total") }
        case .invalid(let error):
            invariant(
                error.code == .invalidPacket || error.code == .packetTooLarge,
                "\(codec.type) failed with \(error.code): \(error)"
            )
            invariant(!error.reason.isEmpty, "an error without a reason")
        }
    }
}

/// The entry points of the fuzz targets (one executable each calls one).
public enum Targets {
    /// `length`: `{packet, 1 | 2 | 4}` and `sunrm`.
    public static func length(_ data: UnsafeRawBufferPointer) {
        codecTarget(data, family: [.length1, .length2, .length4, .sunrm])
    }

    /// `line`, with `line_length`, `line_delimiter` and `packet_size`.
    public static func line(_ data: UnsafeRawBufferPointer) {
        codecTarget(data, family: [.line])
    }

    /// `asn1`: BER tag-length-value.
    public static func asn1(_ data: UnsafeRawBufferPointer) {
        codecTarget(data, family: [.asn1])
    }

    /// `tpkt`, `fcgi` and `cdr`.
    public static func tpktFcgiCdr(_ data: UnsafeRawBufferPointer) {
        codecTarget(data, family: [.tpkt, .fcgi, .cdr])
    }

    static func codecTarget(_ data: UnsafeRawBufferPointer, family: [PacketType]) {
        var input = FuzzInput(data)
        let settings = FuzzOptions(&input)
        let type = family[settings.typeIndex % family.count]
        let bytes = input.rest
        CodecChecks.check(PacketCodec.fuzzed(type, settings.options), bytes)
        if settings.alsoFrame {
            StreamReference.compare(bytes, StreamPlan(type: type, options: settings.options), chunks: [1])
        }
    }
}
