import CPeers
import PacketBench
import PacketFraming

/// The physical-limit line: plain C over the same contiguous bytes (see `CPeers/CPeers.c`).
public enum CLine {
    /// A walk over 1/2/4-byte length-prefixed frames.
    @inline(never)
    public static func lengthScan(_ stream: Stream) -> Tally {
        let header = Int32(stream.type.lengthHeaderSize!)
        var bytes: UInt64 = 0
        let frames = stream.bytes.withUnsafeBufferPointer {
            cpeers_length_scan($0.baseAddress, $0.count, header, &bytes)
        }
        return Tally(units: frames, bytes: Int(bytes))
    }

    /// A memchr split into lines, cut at `line_length` when the stream sets it.
    @inline(never)
    public static func lines(_ stream: Stream) -> Tally {
        var bytes: UInt64 = 0
        let lines = stream.bytes.withUnsafeBufferPointer {
            cpeers_memchr_lines(
                $0.baseAddress,
                $0.count,
                stream.options.effectiveLineDelimiter,
                Int(stream.options.lineLength),
                &bytes
            )
        }
        return Tally(units: lines, bytes: Int(bytes))
    }

    /// The C line framer fed `chunk` bytes at a time (the per-call floor of a drip-fed stream).
    @inline(never)
    public static func lineFramer(_ stream: Stream, chunk: Int) -> Tally {
        var bytes: UInt64 = 0
        let lines = stream.bytes.withUnsafeBufferPointer {
            cpeers_line_framer($0.baseAddress, $0.count, chunk, stream.options.effectiveLineDelimiter, &bytes)
        }
        return Tally(units: lines, bytes: Int(bytes))
    }

    /// HTTP request heads parsed into pointers and lengths over the whole stream in place, one call
    /// a head (`HTTPHeads.c`: picohttpparser's kind of parser, written here). Units: heads.
    @inline(never)
    public static func httpHeads(_ stream: Stream) -> Tally {
        var weight: UInt64 = 0
        let heads = stream.bytes.withUnsafeBufferPointer { cpeers_http_heads($0.baseAddress, $0.count, &weight) }
        return Tally(units: heads, bytes: Int(weight))
    }

    /// The same parser fed `chunk` bytes at a time, each chunk copied into one buffer first.
    @inline(never)
    public static func httpFramer(_ stream: Stream, chunk: Int) -> Tally {
        var weight: UInt64 = 0
        let heads = stream.bytes.withUnsafeBufferPointer {
            cpeers_http_framer($0.baseAddress, $0.count, chunk, &weight)
        }
        return Tally(units: heads, bytes: Int(weight))
    }

    /// Header and memcpy per frame into a buffer allocated once.
    @inline(never)
    public static func encode(
        _ type: PacketType, payload: [UInt8], count: Int, into out: UnsafeMutableRawBufferPointer
    )
        -> Tally
    {
        let header = type.lengthHeaderSize!
        precondition(out.count >= (header + payload.count) * count)
        let written = payload.withUnsafeBufferPointer {
            cpeers_encode(
                out.baseAddress!.assumingMemoryBound(to: UInt8.self), $0.baseAddress, $0.count, count, Int32(header))
        }
        return Tally(units: count, bytes: written)
    }

    /// CRC-32 as zlib and `erlang:crc32/1` compute it.
    public static func crc32(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBufferPointer { cpeers_crc32($0.baseAddress, $0.count) }
    }
}
