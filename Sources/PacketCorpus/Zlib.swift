import CZlib

/// One-shot deflate and bounded streaming inflate over the system zlib.
internal enum Zlib {
    /// The size of each inflate step's output: memory in use is at most the limit plus this.
    static let step = 64 * 1024

    /// `bytes` as one zlib stream (RFC 1950), compressed at level 9 with a 32 KiB window and
    /// the default strategy: the same bytes always give the same output with a given zlib.
    static func deflate(_ bytes: [UInt8]) throws(CorpusError) -> [UInt8] {
        guard bytes.count <= Int(UInt32.max) else {
            throw CorpusError(code: .tooLarge, reason: "\(bytes.count) bytes are more than zlib takes in one call")
        }
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer {
            CZlib.deflateEnd(stream)
            stream.deinitialize(count: 1)
            stream.deallocate()
        }
        let initStatus = deflateInit2_(
            stream, 9, Z_DEFLATED, 15, 9, Z_DEFAULT_STRATEGY, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard initStatus == Z_OK else { throw failure("deflateInit2", initStatus, stream) }
        let bound = Int(deflateBound(stream, uLong(bytes.count)))
        var output = [UInt8](repeating: 0, count: bound)
        let status = bytes.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out in
                stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
                stream.pointee.avail_in = uInt(input.count)
                stream.pointee.next_out = out.baseAddress
                stream.pointee.avail_out = uInt(out.count)
                return CZlib.deflate(stream, Z_FINISH)
            }
        }
        // deflateBound is an upper bound: one Z_FINISH call always ends the stream.
        guard status == Z_STREAM_END else { throw failure("deflate", status, stream) }
        output.removeLast(Int(stream.pointee.avail_out))
        return output
    }

    /// The bytes of the zlib stream `input`, failing as soon as they would exceed `limit` bytes.
    ///
    /// - Throws: ``CorpusError/Code/tooLarge`` past `limit`, ``CorpusError/Code/corrupt`` for
    ///   damaged data, ``CorpusError/Code/truncated`` when the stream stops early,
    ///   ``CorpusError/Code/trailingBytes`` when bytes follow its end.
    static func inflate(_ input: UnsafeRawBufferPointer, limit: Int) throws(CorpusError) -> [UInt8] {
        guard input.count <= Int(UInt32.max) else {
            throw CorpusError(
                code: .tooLarge, reason: "a \(input.count)-byte archive is more than zlib takes in one call")
        }
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer {
            inflateEnd(stream)
            stream.deinitialize(count: 1)
            stream.deallocate()
        }
        let initStatus = inflateInit_(stream, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard initStatus == Z_OK else { throw failure("inflateInit", initStatus, stream) }
        // zlib never writes through next_in; it is declared mutable only for old compilers.
        stream.pointee.next_in = input.baseAddress.map {
            UnsafeMutablePointer(mutating: $0.assumingMemoryBound(to: Bytef.self))
        }
        stream.pointee.avail_in = uInt(input.count)
        var result: [UInt8] = []
        let scratch = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: step)
        defer { scratch.deallocate() }
        while true {
            stream.pointee.next_out = scratch.baseAddress
            stream.pointee.avail_out = uInt(step)
            let status = CZlib.inflate(stream, Z_NO_FLUSH)
            let produced = step - Int(stream.pointee.avail_out)
            if produced > limit - result.count {
                throw CorpusError(
                    code: .tooLarge,
                    reason: "the archive inflates to more than the \(limit)-byte limit"
                        + " (\(input.count) compressed bytes; a damaged archive or a decompression bomb)"
                )
            }
            result.append(contentsOf: UnsafeBufferPointer(rebasing: scratch[0..<produced]))
            switch status {
            case Z_STREAM_END:
                let left = Int(stream.pointee.avail_in)
                if left != 0 {
                    throw CorpusError(
                        code: .trailingBytes, reason: "\(left) bytes follow the end of the archive's zlib stream")
                }
                return result
            case Z_OK:
                continue
            case Z_BUF_ERROR where stream.pointee.avail_in == 0:
                throw CorpusError(
                    code: .truncated,
                    reason: "the archive's zlib stream ends early, after \(input.count) bytes (a truncated file)"
                )
            case Z_DATA_ERROR, Z_NEED_DICT:
                throw CorpusError(
                    code: .corrupt, reason: "the archive is not valid zlib data: \(message(stream, status))")
            default:
                throw failure("inflate", status, stream)
            }
        }
    }

    private static func message(_ stream: UnsafeMutablePointer<z_stream>, _ status: Int32) -> String {
        if status == Z_NEED_DICT { return "it needs a preset dictionary" }
        if let text = stream.pointee.msg { return String(cString: text) }
        return "zlib status \(status)"
    }

    private static func failure(
        _ call: String, _ status: Int32, _ stream: UnsafeMutablePointer<z_stream>
    )
        -> CorpusError
    {
        CorpusError(code: .zlib, reason: "zlib \(call) failed: \(message(stream, status))")
    }
}
