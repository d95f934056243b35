import PacketFraming

/// One packet delivered from a stream: the bytes for the plain types, the parsed packet for HTTP.
public enum Delivered: Hashable, CustomStringConvertible {
    case bytes([UInt8])
    case http(HTTPPacket)

    public var description: String {
        switch self {
        case .bytes(let bytes): Hex.encode(bytes)
        case .http(let packet): "\(packet)"
        }
    }
}

/// How a framed stream ends.
public enum StreamEnd: Hashable {
    /// No more whole packets: these bytes are left over.
    case needMore(leftover: [UInt8])
    /// An error (a socket's `{error, emsgsize}`); it sticks.
    case error(PacketError.Code)
}

/// The packets of a stream and how it ended.
public struct StreamResult: Hashable, CustomStringConvertible {
    public var packets: [Delivered] = []
    public var end: StreamEnd = .needMore(leftover: [])

    public var description: String { "\(packets.count) packets \(packets) then \(end)" }
}

/// What to frame: a type and options, and optionally a switch to another type (as `setopts`
/// does on a socket) once a number of packets have been delivered.
public struct StreamPlan: CustomStringConvertible {
    public var type: PacketType
    public var options: PacketOptions
    /// Switch after this many packets (`nil`: never).
    public var switchAfter: Int?
    public var switchType: PacketType
    /// The framer's ``PacketFramer/maximumHTTPPacketSize``.
    public var maximumHTTPPacketSize: Int

    public init(
        type: PacketType,
        options: PacketOptions,
        switchAfter: Int? = nil,
        switchType: PacketType = .raw,
        maximumHTTPPacketSize: Int = 1 << 20
    ) {
        self.type = type
        self.options = options
        self.switchAfter = switchAfter
        self.switchType = switchType
        self.maximumHTTPPacketSize = maximumHTTPPacketSize
    }

    public var description: String {
        let switching = switchAfter.map { ", switch to \(switchType) after \($0)" } ?? ""
        return "\(type) \(options), maximumHTTPPacketSize \(maximumHTTPPacketSize)\(switching)"
    }

    /// Whether Erlang's answer, and so the framer's, may depend on how the stream is split: `line`
    /// with both `line_length` and `packet_size`, `line_length <= packet_size` (a short buffer
    /// gives a cut line, a long one an error). (HTTP under a 1-byte line limit was another, found
    /// by this target; the framer now waits for a third byte after a leading CR or CR LF, and the
    /// reference loop below models the end of such a stream.)
    public var isChunkDependent: Bool {
        let types = switchAfter == nil ? [type] : [type, switchType]
        return types.contains(.line) && options.lineLength != 0 && options.packetSize != 0
            && options.lineLength <= options.packetSize
    }

    /// The options the stateless codec needs to answer as the framer does for `type`: no
    /// delimiter but for `line`; for HTTP without `packet_size` or `line_length`, the framer's own
    /// limit as `packet_size`.
    public func codecOptions(_ type: PacketType) -> PacketOptions {
        var result = options.forCodec(type)
        if type.isHTTP && result.packetSize == 0 && result.lineLength == 0 {
            result.packetSize = UInt32(clamping: maximumHTTPPacketSize)
        }
        return result
    }
}

/// The two ways of framing a stream that must agree.
public enum StreamReference {
    /// The reference: the stateless codec called on the rest again and again. For `http` and
    /// `http_bin` it keeps Erlang's http state as a socket does: a start line is expected, then
    /// headers (the `httph` codec) after a request or status line, until the end of the headers.
    public static func codecLoop(_ stream: [UInt8], _ plan: StreamPlan) -> StreamResult {
        var result = StreamResult()
        var type = plan.type
        var switched = false
        var headerState = false
        var rest = PacketBuffer(stream)
        while true {
            if !switched, let after = plan.switchAfter, result.packets.count == after {
                type = plan.switchType
                switched = true
                headerState = false
            }
            if type.isHTTP {
                let inHeaders = headerState || type.isHeaderOnlyHTTP
                let codec = PacketCodec.fuzzed(inHeaders ? .httph : .http, plan.codecOptions(type))
                let limit = codec.options.packetSize != 0 ? codec.options.packetSize : codec.options.lineLength
                if limit == 1 && (rest.count == 1 || rest.count == 2) && rest.byte(at: 0) == 0x0D
                    && (rest.count == 1 || rest.byte(at: 1) == 0x0A)
                {
                    // The framer's documented choice: under a 1-byte limit a leading CR or CR LF
                    // waits for a third byte (Erlang's answer depends on what follows), so a stream
                    // that ends there leaves it over.
                    result.end = .needMore(leftover: rest.bytes)
                    return result
                }
                switch codec.decodeHTTP(rest) {
                case .packet(let packet, let next):
                    result.packets.append(.http(packet))
                    rest = next
                    switch packet {
                    case .request, .response, .header: headerState = true
                    case .endOfHeaders: headerState = false
                    case .error: break
                    }
                case .needMore:
                    result.end = .needMore(leftover: rest.bytes)
                    return result
                case .invalid(let error):
                    result.end = .error(error.code)
                    return result
                }
            } else {
                let codec = PacketCodec.fuzzed(type, plan.codecOptions(type))
                switch codec.decode(rest) {
                case .packet(let packet, let next):
                    result.packets.append(.bytes(packet.bytes))
                    rest = next
                case .needMore:
                    result.end = .needMore(leftover: rest.bytes)
                    return result
                case .invalid(let error):
                    result.end = .error(error.code)
                    return result
                }
            }
        }
    }

    /// The framer fed `stream` in chunks of the sizes in `chunks` (cycled; at least one byte
    /// each), draining after each chunk. `appendModes` picks, two bits per chunk, which `append`
    /// overload takes it.
    public static func framed(
        _ stream: [UInt8], _ plan: StreamPlan, chunks: [Int], appendModes: UInt8 = 0
    )
        -> StreamResult
    {
        var framer = PacketFramer(plan.type, options: plan.options)
        framer.maximumHTTPPacketSize = plan.maximumHTTPPacketSize
        var result = StreamResult()
        var switched = false
        var delivered = 0

        func drain() -> StreamEnd? {
            while true {
                if !switched, let after = plan.switchAfter, result.packets.count == after {
                    framer.setType(plan.switchType)
                    switched = true
                }
                do {
                    if framer.type.isHTTP {
                        guard let packet = try framer.nextPacket()?.http else { return nil }
                        result.packets.append(.http(packet))
                    } else {
                        guard let packet = try framer.next() else { return nil }
                        delivered += packet.count
                        invariant(delivered <= stream.count, "the framer delivered more bytes than it was given")
                        result.packets.append(.bytes(packet.bytes))
                    }
                } catch {
                    // The error sticks until the type changes, and the bytes stay.
                    let buffered = framer.bufferedByteCount
                    do {
                        _ = try framer.next()
                        invariant(false, "the framer's error \(error) did not stick")
                    } catch let again {
                        invariant(again.code == error.code, "the framer's error changed from \(error) to \(again)")
                    }
                    invariant(framer.bufferedByteCount == buffered, "the framer lost bytes after an error")
                    return .error(error.code)
                }
            }
        }

        let end = feed(stream, chunks: chunks, drain: drain) { piece, index in
            let chunk = Array(piece)
            switch appendModes >> UInt8(2 * (index % 4)) & 3 {
            case 0: framer.append(contentsOf: chunk)
            case 1: chunk.withUnsafeBytes { framer.append(contentsOf: $0) }
            case 2: framer.append(contentsOf: PacketBuffer(chunk))
            default: for byte in chunk { framer.append(byte) }
            }
        }
        if let end {
            result.end = end
            return result
        }
        let buffered = framer.bufferedByteCount
        let leftover = framer.finish().bytes
        invariant(leftover.count == buffered, "finish() returned \(leftover.count) bytes, \(buffered) were buffered")
        invariant(framer.bufferedByteCount == 0, "finish() left bytes in the framer")
        result.end = .needMore(leftover: leftover)
        return result
    }

    /// The state machine alone over a plain array (storage that is not a `PacketBuffer`), fed the
    /// same chunks: each frame's bytes are copied out and removed from the array's front.
    public static func machineFramed(_ stream: [UInt8], _ plan: StreamPlan, chunks: [Int]) -> StreamResult {
        var machine = PacketFramingStateMachine(plan.type, options: plan.options)
        machine.maximumHTTPPacketSize = plan.maximumHTTPPacketSize
        var storage: [UInt8] = []
        var result = StreamResult()
        var switched = false

        func drain() -> StreamEnd? {
            while true {
                if !switched, let after = plan.switchAfter, result.packets.count == after {
                    machine.setType(plan.switchType)
                    switched = true
                }
                let step = storage.withUnsafeBytes { bytes in
                    Result { () throws(PacketError) in try machine.nextFrame(in: bytes) }
                }
                switch step {
                case .success(nil):
                    return nil
                case .success(let frame?):
                    invariant(frame.body.upperBound <= frame.length, "a frame's body passes its length")
                    invariant(frame.length <= storage.count, "a frame is longer than the bytes given")
                    if let http = frame.http {
                        result.packets.append(.http(http))
                    } else {
                        result.packets.append(.bytes(Array(storage[frame.body])))
                    }
                    storage.removeFirst(frame.length)
                case .failure(let error):
                    return .error(error.code)
                }
            }
        }

        result.end =
            feed(stream, chunks: chunks, drain: drain) { piece, _ in storage += piece }
            ?? .needMore(leftover: storage)
        return result
    }

    /// The framer's `feed(_:each:)` over the same chunks (each chunk framed where it lies, only a
    /// cut packet copied), for the types it takes (not HTTP) and plans without a type switch;
    /// `nil` otherwise.
    public static func fedInPlace(_ stream: [UInt8], _ plan: StreamPlan, chunks: [Int]) -> StreamResult? {
        guard !plan.type.isHTTP, plan.switchAfter == nil else { return nil }
        var framer = PacketFramer(plan.type, options: plan.options)
        var result = StreamResult()
        var failure: PacketError.Code? = nil
        let end = feed(stream, chunks: chunks, drain: { failure.map { .error($0) } }) { piece, _ in
            guard failure == nil else { return }
            let chunk = Array(piece)
            let fed = chunk.withUnsafeBytes { bytes in
                Result { () throws(PacketError) in
                    try framer.feed(bytes) { packet in
                        if let start = packet.baseAddress, let base = bytes.baseAddress,
                            start >= base, start < base + bytes.count
                        {
                            invariant(
                                start + packet.count <= base + bytes.count, "feed handed over bytes past the chunk")
                        }
                        result.packets.append(.bytes(Array(packet)))
                    }
                }
            }
            if case .failure(let error) = fed { failure = error.code }
        }
        result.end = end ?? .needMore(leftover: framer.finish().bytes)
        return result
    }

    /// Feeds `stream` to `append` in the chunk sizes `chunks` gives (cycled; at least 1 byte, an
    /// empty list meaning the whole stream), with each chunk's index, calling `drain` after each
    /// chunk and once more at the end: the first end `drain` reports, or `nil`.
    static func feed(
        _ stream: [UInt8],
        chunks: [Int],
        drain: () -> StreamEnd?,
        append: (ArraySlice<UInt8>, Int) -> Void
    ) -> StreamEnd? {
        var offset = 0
        var index = 0
        while offset < stream.count {
            let size = Swift.min(
                Swift.max(1, chunks.isEmpty ? stream.count : chunks[index % chunks.count]), stream.count - offset)
            append(stream[offset..<(offset + size)], index)
            offset += size
            index += 1
            if let end = drain() { return end }
        }
        return drain()
    }

    /// Traps, naming the stream and the answers, when the framer and the codec loop disagree, or
    /// the state machine over an array and the framer on the same chunks.
    public static func compare(_ stream: [UInt8], _ plan: StreamPlan, chunks: [Int], appendModes: UInt8 = 0) {
        let framed = framed(stream, plan, chunks: chunks, appendModes: appendModes)
        let machine = machineFramed(stream, plan, chunks: chunks)
        if machine != framed {
            fatalError(
                """
                state machine and framer disagree: \(plan), chunks \(chunks)
                stream:   \(Hex.encode(stream))
                framer:   \(framed)
                machine:  \(machine)
                """
            )
        }
        if let fed = fedInPlace(stream, plan, chunks: chunks), fed != framed {
            fatalError(
                """
                feed and append disagree: \(plan), chunks \(chunks)
                stream:  \(Hex.encode(stream))
                append:  \(framed)
                feed:    \(fed)
                """
            )
        }
        if plan.isChunkDependent { return }
        let reference = codecLoop(stream, plan)
        if framed != reference {
            fatalError(
                """
                framer and codec loop disagree: \(plan), chunks \(chunks), append modes \(appendModes)
                stream:  \(Hex.encode(stream))
                framer:  \(framed)
                codec:   \(reference)
                """
            )
        }
    }
}
