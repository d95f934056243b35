import PacketFraming

/// The framer loops that `packetcat bench` and the benchmark package's `ours framer` cases both
/// run: one compiled copy of each, so that the two can only differ in the stream and the clock.
///
/// Each loop is its own function for one family of types: inlining `next()` and `nextHTTP()`
/// (with the whole HTTP parser) into one function made the optimizer leave `next()` as a call,
/// which then also retains and releases every packet (192 instead of 112 instructions a 64-byte
/// frame, callgrind). Callers pick the loop once, outside it: ``frame(_:chunk:)``.
public enum FramingLoops {
    /// The framer over `stream`, fed `chunk` bytes at a time; the loop for its type.
    public static func frame(_ stream: Stream, chunk: Int) throws(PacketError) -> Tally {
        stream.type.isHTTP ? try frameHTTP(stream, chunk: chunk) : try framePackets(stream, chunk: chunk)
    }

    /// Every type but HTTP: each chunk copied in (as from a socket read), then `next()` until
    /// nil; owned zero-copy packets. `units` counts packets (with `raw`, one per chunk).
    @inline(never)
    public static func framePackets(_ stream: Stream, chunk: Int) throws(PacketError) -> Tally {
        var framer = PacketFramer(stream.type, options: stream.options)
        var tally = Tally()
        var failure: PacketError? = nil
        // One `do` around the whole loop: a check per chunk costs drip-fed bytes 8 %. The chunks
        // are walked with a pointer, which keeps fewer values live across the loop than offsets
        // into a slice (drip-fed: 3 to 8 % fewer instructions a byte, callgrind). `frameHTTP`
        // repeats this loop: one inlined helper taking the loop's body as a closure cost the
        // 64 KiB paths 3.5 % (HTTP) and 4.9 % (64 B lines) more instructions (2026-12-01).
        stream.bytes.withUnsafeBytes { all in
            do throws(PacketError) {
                guard var at = all.baseAddress else { return }
                let stop = at + all.count
                while at < stop {
                    let n = Swift.min(chunk, stop - at)
                    framer.append(contentsOf: UnsafeRawBufferPointer(start: at, count: n))
                    at += n
                    while let packet = try framer.next() {
                        tally.units += 1
                        tally.bytes &+= packet.count
                    }
                }
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        return tally
    }

    /// Every type but HTTP, framed in place: each chunk handed to `feed(_:each:)`, which frames
    /// the packets whole in it where they lie (views of the chunk, no copy) and copies only a
    /// packet cut by the chunk's end. `units` counts packets.
    @inline(never)
    public static func framePacketsInPlace(_ stream: Stream, chunk: Int) throws(PacketError) -> Tally {
        var framer = PacketFramer(stream.type, options: stream.options)
        var tally = Tally()
        var failure: PacketError? = nil
        stream.bytes.withUnsafeBytes { all in
            do throws(PacketError) {
                var offset = 0
                while offset < all.count {
                    let end = Swift.min(offset &+ chunk, all.count)
                    try framer.feed(UnsafeRawBufferPointer(rebasing: all[offset..<end])) { packet in
                        tally.units += 1
                        tally.bytes &+= packet.count
                    }
                    offset = end
                }
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        return tally
    }

    /// The HTTP types: `nextHTTP()` after each chunk, every line parsed into typed values
    /// (method, URI, version, known field or name, value slices). `units` counts messages (a
    /// message ends at `endOfHeaders`).
    @inline(never)
    public static func frameHTTP(_ stream: Stream, chunk: Int) throws(PacketError) -> Tally {
        var framer = PacketFramer(stream.type, options: stream.options)
        var tally = Tally()
        var failure: PacketError? = nil
        stream.bytes.withUnsafeBytes { all in
            do throws(PacketError) {
                guard var at = all.baseAddress else { return }
                let stop = at + all.count
                while at < stop {
                    let n = Swift.min(chunk, stop - at)
                    framer.append(contentsOf: UnsafeRawBufferPointer(start: at, count: n))
                    at += n
                    while let packet = try framer.nextHTTP() {
                        tally.bytes &+= touch(packet)
                        if case .endOfHeaders = packet { tally.units += 1 }
                    }
                }
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        return tally
    }

    /// Reads what a server reads of each packet, so that nothing is optimised away.
    @inlinable
    @inline(__always)
    public static func touch(_ packet: HTTPPacket) -> Int {
        switch packet {
        case .request(let line):
            if case .absPath(let path) = line.uri { return path.count &+ Int(line.version.minor) }
            return 1
        case .response(let line): return Int(line.status) &+ line.reason.count
        case .header(let header): return (header.field == nil ? 1 : 2) &+ header.value.count
        case .endOfHeaders: return 1
        case .error(let line): return line.count
        }
    }
}
