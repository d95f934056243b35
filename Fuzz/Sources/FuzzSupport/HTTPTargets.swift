import PacketConform
import PacketFraming

extension Targets {
    /// `http`: a start line, statelessly, then the stream through the framer's http state machine.
    public static func http(_ data: UnsafeRawBufferPointer) { httpTarget(data, type: .http) }

    /// `http_bin`: as `http` (Erlang gives binaries; the Swift values are the same).
    public static func httpBin(_ data: UnsafeRawBufferPointer) { httpTarget(data, type: .httpBin) }

    /// `httph`: headers only.
    public static func httph(_ data: UnsafeRawBufferPointer) { httpTarget(data, type: .httph) }

    /// `httph_bin`: headers only, binaries.
    public static func httphBin(_ data: UnsafeRawBufferPointer) { httpTarget(data, type: .httphBin) }

    /// The framer's own HTTP limit chosen by the option byte's type bits (the HTTP targets have
    /// one type each): 0 = the default (1 MiB), 1 = none, 2 = 64 bytes, 3 = 7 bytes.
    static let httpLimits = [1 << 20, 0, 64, 7]

    static func httpTarget(_ data: UnsafeRawBufferPointer, type: PacketType) {
        var input = FuzzInput(data)
        let settings = FuzzOptions(&input)
        let bytes = input.rest
        let codec = PacketCodec.fuzzed(type, settings.options)
        CodecChecks.check(codec, bytes)

        let line = codec.scan(PacketBuffer(bytes))
        let decoded = codec.decodeHTTP(PacketBuffer(bytes))
        switch (line, decoded) {
        case (.packet(_, let length), .packet(let packet, let rest)):
            invariant(rest.count == bytes.count - length, "decodeHTTP's rest is not what follows the line")
            HTTPChecks.check(packet, lineLength: length, type: type)
        case (.needMore, .needMore(let total)):
            invariant(total == nil, "an HTTP need-more with a total")
        case (.invalid(let a), .invalid(let b)):
            invariant(a.code == b.code, "scan and decodeHTTP disagree on the error")
        default:
            invariant(false, "scan answered \(line), decodeHTTP \(decoded)")
        }
        _ = ErlangTerm.decodePacket(decoded, binary: type.isBinaryHTTP).formatted

        // The stream through the framer (http state included) against the stateless loop.
        let plan = StreamPlan(
            type: type, options: settings.options, maximumHTTPPacketSize: httpLimits[settings.typeIndex])
        StreamReference.compare(bytes, plan, chunks: settings.alsoFrame ? [1] : [])
    }
}

/// What an HTTP packet promises: the kind the state allows, and every value a slice of its line.
enum HTTPChecks {
    static func check(_ packet: HTTPPacket, lineLength: Int, type: PacketType) {
        switch packet {
        case .request(let request):
            invariant(!type.isHeaderOnlyHTTP, "\(type) gave a request line")
            var total = 0
            if case .other(let method) = request.method { total += method.count }
            switch request.uri {
            case .asterisk: break
            case .absoluteURI(_, let host, _, let path):
                total += host.count + path.count
            case .scheme(let name, let rest): total += name.count + rest.count
            case .absPath(let path): total += path.count
            case .string(let text): total += text.count
            }
            invariant(total <= lineLength, "request values longer than the line")
            _ = request.method.name
        case .response(let response):
            invariant(!type.isHeaderOnlyHTTP, "\(type) gave a status line")
            invariant(response.reason.count <= lineLength, "a reason longer than the line")
            _ = response.reasonString
        case .header(let header):
            invariant(type.isHeaderOnlyHTTP, "\(type) gave a header without a start line")
            invariant(header.name.count + header.value.count <= lineLength, "header values longer than the line")
            let canonical = header.canonicalNameBytes
            invariant(
                canonical.count == header.name.count || header.field != nil, "re-casing changed the name's length")
            invariant(header.erlangIndex >= 0 && header.erlangIndex <= HTTPField.allCases.count, "index out of range")
            _ = header.canonicalName
            _ = header.valueString
        case .endOfHeaders:
            invariant(type.isHeaderOnlyHTTP, "\(type) gave the end of headers without a start line")
            invariant(lineLength <= 2, "an end of headers of \(lineLength) bytes")
        case .error(let line):
            invariant(line.count == lineLength, "http_error's line is not the whole line")
        }
        _ = ErlangTerm.http(packet, binary: type.isBinaryHTTP).formatted
    }
}
