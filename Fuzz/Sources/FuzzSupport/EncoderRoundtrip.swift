import PacketFraming

extension Targets {
    /// `encoder_roundtrip`: what the encoder writes, the codec and the framer read back.
    ///
    /// ```
    /// byte 0   type = PacketType.allCases[byte % 14]; mode = byte / 14 % 3
    /// byte 1   the option byte and its values (FuzzOptions; only packet_size matters here)
    /// mode 0   rest = one payload
    /// mode 1   rest = separator byte, then payloads separated by it, encoded into one stream
    /// mode 2   8 bytes = a payload length for writeHeader alone (up to 2^33)
    /// ```
    public static func encoderRoundtrip(_ data: UnsafeRawBufferPointer) {
        var input = FuzzInput(data)
        let selector = Int(input.byte())
        let type = PacketType.allCases[selector % PacketType.allCases.count]
        let mode = selector / PacketType.allCases.count % 3
        var options = FuzzOptions(&input).options
        options.lineDelimiter = nil
        options.lineLength = 0
        let encoder = PacketEncoder(type)
        switch mode {
        case 0:
            roundTrip([input.rest], encoder, options)
        case 1:
            let rest = input.rest
            guard let separator = rest.first else { return }
            let payloads = rest.dropFirst().split(separator: separator, omittingEmptySubsequences: false).map(
                Array.init)
            roundTrip(payloads, encoder, options)
        default:
            headerOnly(length: Int(input.integer(width: 8) & 0x1_FFFF_FFFF), encoder, options)
        }
    }

    static func roundTrip(_ payloads: [[UInt8]], _ encoder: PacketEncoder, _ options: PacketOptions) {
        let type = encoder.type
        let prefix: [UInt8] = [0xEE]
        var out = PacketBuffer(prefix)
        var accepted: [[UInt8]] = []
        for payload in payloads {
            let before = out.bytes
            do {
                try encoder.encode(PacketBuffer(payload), into: &out)
                invariant(payload.count <= encoder.maximumPayloadLength, "encoded a \(payload.count)-byte payload")
                let header = type.lengthHeaderSize ?? 0
                invariant(out.count == before.count + header + payload.count, "the encoding has the wrong size")
                invariant(
                    Array(out.bytes.suffix(payload.count)) == payload, "the encoding does not end with the payload")
                accepted.append(payload)
            } catch {
                invariant(error.code == .payloadTooLarge, "encode threw \(error.code)")
                invariant(payload.count > encoder.maximumPayloadLength, "refused a \(payload.count)-byte payload")
                invariant(out.bytes == before, "a refused payload left bytes behind")
            }
        }
        invariant(out.bytes.first == prefix[0], "encoding overwrote what was there")
        // Only the length types can be read back packet by packet; the others send bytes as is.
        guard let header = type.lengthHeaderSize else {
            invariant(out.bytes == prefix + accepted.flatMap { $0 }, "\(type) changed the bytes it sends")
            return
        }
        let stream = Array(out.bytes.dropFirst())
        let codec = PacketCodec.fuzzed(type, options)
        var rest = PacketBuffer(stream)
        for payload in accepted {
            switch codec.decode(rest) {
            case .packet(let packet, let next):
                invariant(packet.bytes == payload, "decoded \(packet.count) bytes, encoded \(payload.count)")
                invariant(options.packetSize == 0 || payload.count <= options.packetSize, "accepted over packet_size")
                rest = next
            case .invalid(let error):
                invariant(
                    error.code == .packetTooLarge && options.packetSize != 0 && payload.count > options.packetSize,
                    "a \(payload.count)-byte \(type) payload decoded to \(error)"
                )
                return
            case .needMore(let total):
                invariant(false, "a whole \(header)-byte-header packet needs more (\(String(describing: total)))")
            }
        }
        invariant(rest.isEmpty, "\(rest.count) bytes left after the last packet")
        // The framer, drip-fed, agrees.
        StreamReference.compare(stream, StreamPlan(type: type, options: options), chunks: [1, 3, 7])
    }

    static func headerOnly(length: Int, _ encoder: PacketEncoder, _ options: PacketOptions) {
        var out = PacketBuffer()
        do {
            try encoder.writeHeader(payloadLength: length, into: &out)
        } catch {
            invariant(
                error.code == .payloadTooLarge && length > encoder.maximumPayloadLength, "writeHeader threw \(error)")
            invariant(out.isEmpty, "a refused header left bytes behind")
            return
        }
        guard let width = encoder.type.lengthHeaderSize else {
            invariant(out.isEmpty, "\(encoder.type) wrote a header")
            return
        }
        invariant(length <= encoder.maximumPayloadLength, "wrote a header for \(length) bytes")
        invariant(out.count == width, "a \(out.count)-byte header for type \(encoder.type)")
        let value = out.bytes.reduce(0) { $0 << 8 | Int($1) }
        invariant(value == length, "the header says \(value), not \(length)")
        let codec = PacketCodec.fuzzed(encoder.type, options)
        let total = width + length
        let overLimit = (options.packetSize != 0 && length > options.packetSize) || total > Int(Int32.max)
        switch codec.scan(out) {
        case .needMore(let expected):
            invariant(length > 0 && !overLimit, "a \(length)-byte payload's header alone needs more")
            invariant(expected == total, "the header alone needs \(String(describing: expected)), not \(total)")
        case .packet(let body, let size):
            invariant(length == 0 && body.isEmpty && size == width, "a header alone is a packet of \(size)")
        case .invalid(let error):
            invariant(error.code == .packetTooLarge && overLimit, "a \(length)-byte header gave \(error)")
        }
    }
}
