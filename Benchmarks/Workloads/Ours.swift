import PacketBench
import PacketFraming

/// Our side of every comparison, each a whole pass over a stream.
public enum Ours {
    /// The stateless codec walked over the whole stream (`decode_packet` in a loop, in offsets):
    /// the figure to hold against the C scan.
    @inline(never)
    public static func scan(_ stream: Stream) -> Tally {
        let codec = try! PacketCodec(stream.type, options: stream.options)
        var tally = Tally()
        stream.bytes.withUnsafeBytes { all in
            var offset = 0
            while offset < all.count {
                guard case .packet(let body, let length) = codec.scan(UnsafeRawBufferPointer(rebasing: all[offset...]))
                else { break }
                tally.units += 1
                tally.bytes &+= body.count
                offset += length
            }
        }
        return tally
    }

    /// The framer fed `chunk` bytes at a time (copied in, as from a socket read), drained with
    /// `next()` after each chunk: owned zero-copy packets. The loop is `packetcat bench`'s too
    /// (PacketBench's `FramingLoops`, one compiled function for both).
    @inline(never)
    public static func frame(_ stream: Stream, chunk: Int) -> Tally {
        try! FramingLoops.framePackets(stream, chunk: chunk)
    }

    /// The framer fed `chunk` bytes at a time with `feed(_:each:)`: each chunk framed where it
    /// lies (views of it, no copy), only a packet cut by a chunk's end copied. `packetcat bench
    /// --in-place`'s loop too.
    @inline(never)
    public static func frameInPlace(_ stream: Stream, chunk: Int) -> Tally {
        try! FramingLoops.framePacketsInPlace(stream, chunk: chunk)
    }

    /// The framer handed the whole stream at once as a `PacketBuffer` (adopted, not copied), then
    /// drained: the counterpart of Erlang's `decode_packet` loop over one binary.
    public static func frameWhole(_ stream: Stream, buffer: PacketBuffer) -> Tally {
        stream.type.isHTTP ? frameWholeHTTP(stream, buffer: buffer) : frameWholePackets(stream, buffer: buffer)
    }

    @inline(never)
    static func frameWholePackets(_ stream: Stream, buffer: PacketBuffer) -> Tally {
        var framer = PacketFramer(stream.type, options: stream.options)
        var tally = Tally()
        framer.append(contentsOf: buffer)
        while let packet = try! framer.next() {
            tally.units += 1
            tally.bytes &+= packet.count
        }
        return tally
    }

    /// The HTTP loop on its own, as in `frameHTTP` (one loop per function, as a user writes it,
    /// so that the optimizer treats both the same).
    @inline(never)
    static func frameWholeHTTP(_ stream: Stream, buffer: PacketBuffer) -> Tally {
        var framer = PacketFramer(stream.type, options: stream.options)
        var tally = Tally()
        framer.append(contentsOf: buffer)
        while let packet = try! framer.nextHTTP() {
            tally.bytes &+= touch(packet)
            if case .endOfHeaders = packet { tally.units += 1 }
        }
        return tally
    }

    /// The framer on an HTTP stream: `nextHTTP()` after each chunk, every line parsed into typed
    /// values (method, URI, version, known field or name, value slices); a message ends at
    /// `endOfHeaders`. `packetcat bench`'s loop too (PacketBench's `FramingLoops`).
    @inline(never)
    public static func frameHTTP(_ stream: Stream, chunk: Int) -> Tally {
        try! FramingLoops.frameHTTP(stream, chunk: chunk)
    }

    /// Erlang's own loop, stateless: `decodeHTTP` with `http_bin` for the start line, then
    /// `httph_bin` until the end of the headers, each on the rest of the previous call.
    @inline(never)
    public static func decodeHTTP(_ stream: Stream, buffer: PacketBuffer) -> Tally {
        let start = try! PacketCodec(.httpBin, options: stream.options)
        let headers = try! PacketCodec(.httphBin, options: stream.options)
        var tally = Tally()
        var rest = buffer
        var inHeaders = false
        while true {
            guard case .packet(let packet, let next) = (inHeaders ? headers : start).decodeHTTP(rest) else { break }
            rest = next
            tally.bytes &+= touch(packet)
            switch packet {
            case .request, .response: inHeaders = true
            case .endOfHeaders:
                inHeaders = false
                tally.units += 1
            default: break
            }
        }
        return tally
    }

    /// Reads what a server reads of each packet, so that nothing is optimised away.
    @inline(__always)
    static func touch(_ packet: HTTPPacket) -> Int { FramingLoops.touch(packet) }

    /// `count` payloads of `payload` bytes encoded with a `type` header into one buffer.
    @inline(never)
    public static func encode(_ type: PacketType, payload: [UInt8], count: Int) -> Tally {
        let encoder = PacketEncoder(type)
        var out = PacketBuffer(capacity: (payload.count + (type.lengthHeaderSize ?? 0)) * count)
        payload.withUnsafeBytes { bytes in
            for _ in 0..<count { try! encoder.encode(bytes, into: &out) }
        }
        return Tally(units: count, bytes: out.count)
    }
}
