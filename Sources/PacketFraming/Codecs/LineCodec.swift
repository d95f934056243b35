/// `line`: bytes up to and including a delimiter (`\n` unless `line_delimiter` says otherwise).
/// The delimiter stays in the packet.
///
/// ```
/// +---+---+---+-----+----+---+---
/// | a | b | c | ... | \n | next line ...        packet = "abc...\n"
/// +---+---+---+-----+----+---+---
/// ```
///
/// With `line_length` T, a line longer than T bytes (or T bytes with no delimiter yet) is cut:
/// its first T bytes are the packet and the rest starts the next one. With `packet_size` P, a line
/// longer than P bytes, or more than P bytes with no delimiter, is invalid. `packet_size` is
/// checked before `line_length`, as in Erlang.
@usableFromInline
internal enum LineCodec {
    /// `resume` counts the bytes already searched without finding the delimiter, so a line fed a
    /// byte at a time is searched once in all.
    @inlinable
    internal static func scan(
        _ p: UnsafeRawBufferPointer,
        options: PacketOptions,
        resume: inout Int
    ) -> ScanStep {
        let n = p.count
        let delimiter = options.effectiveLineDelimiter
        if options.packetSize == 0 && options.lineLength == 0 {
            // No limits: the common case, kept short for drip-fed streams.
            if let found = ByteSearch.firstIndex(of: delimiter, in: p, from: Swift.min(resume, n), to: n) {
                return .packet(bodyStart: 0, bodyEnd: found + 1, length: found + 1)
            }
            resume = n
            return .needMore(total: 0)
        }
        let packetSize = Int(options.packetSize)
        let lineLength = Int(options.lineLength)
        // Past `packet_size` (or, without it, past `line_length`) the answer no longer depends on
        // where the delimiter is, so the search stops there.
        let limit = packetSize != 0 ? packetSize : (lineLength != 0 ? lineLength : n)
        let window = Swift.min(n, limit)
        let start = Swift.min(resume, window)
        if let found = ByteSearch.firstIndex(of: delimiter, in: p, from: start, to: window) {
            let length = found + 1
            if lineLength != 0 && length > lineLength {
                return .packet(bodyStart: 0, bodyEnd: lineLength, length: lineLength)
            }
            return .packet(bodyStart: 0, bodyEnd: length, length: length)
        }
        resume = window
        if packetSize != 0 && n > packetSize {
            return .invalid(ScanFailure(.lineTooLong, .line, limit: UInt64(packetSize)))
        }
        if lineLength != 0 && n >= lineLength {
            return .packet(bodyStart: 0, bodyEnd: lineLength, length: lineLength)
        }
        return .needMore(total: 0)
    }
}
