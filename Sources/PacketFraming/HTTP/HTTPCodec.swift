/// Where an HTTP packet ends, as Erlang finds it for `http`, `http_bin`, `httph`, `httph_bin`
/// ([RFC 9112](https://www.rfc-editor.org/rfc/rfc9112)): one line up to `\n` for a start line;
/// for a header, the line and every folded continuation line after it.
///
/// ```
/// start line:  GET /index.html HTTP/1.1 \r\n
/// header:      Name: value \r\n
///              <SP or TAB> continued value \r\n      (folded: part of the same packet)
/// end:         \r\n                                   (or a bare \n)
/// ```
///
/// A header line that ends exactly at the end of the bytes at hand needs one more byte: only the
/// next line's first byte tells whether it continues. `packet_size` (or, without it,
/// `line_length`) limits a packet: a longer one, or that many bytes without a line end, is
/// invalid. Erlang always answers `{more, undefined}` here, never a total.
@usableFromInline
internal enum HTTPCodec {
    @usableFromInline static let lf: UInt8 = 0x0A
    @usableFromInline static let cr: UInt8 = 0x0D

    /// ``scan(_:type:headerState:limit:streaming:resume:)`` as a call of its own, for the
    /// stateless codec.
    @inline(never)
    @usableFromInline
    internal static func outlinedScan(
        _ p: UnsafeRawBufferPointer,
        type: PacketType,
        headerState: Bool,
        limit: Int,
        resume: inout Int
    ) -> ScanStep {
        scan(p, type: type, headerState: headerState, limit: limit, resume: &resume)
    }

    /// The common case of ``scan(_:type:headerState:limit:streaming:resume:)`` for a stream, in
    /// line in the caller: a line end within the next 64 bytes, not among the last 16 bytes at
    /// hand, not a folded header, at most `bound` bytes (the limit, `Int.max` for none). Its
    /// length, or `nil` for the full scan to decide; when those 64 bytes hold no `\n`, `resume`
    /// moves past them so that the full scan does not read them again. Sixteen bytes a compare
    /// (Swift's SIMD types: SSE2 on x86-64), every load inside `p`.
    @inlinable
    @inline(__always)
    internal static func quickLine(
        _ p: UnsafeRawBufferPointer, headerState: Bool, bound: Int, resume: inout Int
    ) -> Int? {
        let n = p.count
        let from = resume
        // The unsigned test also means `from <= n`.
        guard UInt(bitPattern: n &- from) >= 16 else { return nil }
        let base = p.baseAddress.unsafelyUnwrapped
        // The last offset a 16-byte load may start at: within `p`, at most 64 bytes on.
        let last = Swift.min(n, from &+ 64) &- 16
        let lfs = SIMD16<UInt8>(repeating: lf)
        var i = from
        repeat {
            let found = HTTPParser.words(HTTPParser.vector(base, i) .== lfs)
            if found[0] | found[1] != 0 {
                let length = i &+ HTTPParser.firstFlagged(found[0], found[1]) &+ 1
                if headerState {
                    // The last byte at hand, or a folded line: the full scan's cases. One compare
                    // for a space or a tab: it also sends a line followed by 0x00, 0x01, 0x08,
                    // `!`, `(` or `)` to the full scan, which is right for those too.
                    guard length < n else { return nil }
                    let next = base.load(fromByteOffset: length, as: UInt8.self)
                    if next | 0x29 == 0x29 { return nil }
                }
                if length > bound { return nil }
                return length
            }
            i &+= 16
        } while i <= last
        resume = i
        return nil
    }

    /// `headerState` is Erlang's http state: `false` expects a start line, `true` a header (or the
    /// end of the headers). `resume` is where the search for the next `\n` picks up: bytes before
    /// it hold no line end, or only line ends followed by a continuation.
    @inlinable
    @inline(__always)
    internal static func scan(
        _ p: UnsafeRawBufferPointer,
        type: PacketType,
        headerState: Bool,
        limit: Int,
        streaming: Bool = false,
        resume: inout Int
    ) -> ScanStep {
        let n = p.count
        // Under a 1-byte limit Erlang's answer for a leading CR depends on what is at hand: a lone
        // CR is invalid, exactly CR LF is an empty line, CR LF with more after it is a 2-byte line
        // over the limit. A stream waits until a third byte settles it, so that it answers what
        // a socket answers for the stream arriving in one piece, however the chunks were cut.
        if streaming && limit == 1 && (n == 1 || n == 2) && p[0] == cr && (n == 1 || p[1] == lf) {
            resume = 0
            return .needMore(total: 0)
        }
        if (n == 1 && p[0] == lf) || (n == 2 && p[0] == cr && p[1] == lf) {
            return .packet(bodyStart: 0, bodyEnd: n, length: n)
        }
        var from = Swift.min(resume, n)
        while true {
            guard let newline = ByteSearch.firstIndex(of: lf, in: p, from: from, to: n) else {
                if limit != 0 && n >= limit { return .invalid(ScanFailure(.httpTooLong, type, limit: UInt64(limit))) }
                resume = n
                return .needMore(total: 0)
            }
            let length = newline + 1
            if headerState {
                if length == n {
                    if limit != 0 && length > limit {
                        return .invalid(ScanFailure(.httpTooLong, type, limit: UInt64(limit)))
                    }
                    resume = newline
                    return .needMore(total: 0)
                }
                let next = p[length]
                if (next == 0x20 || next == 0x09) && length > 2 {
                    from = length
                    continue
                }
            }
            if limit != 0 && length > limit { return .invalid(ScanFailure(.httpTooLong, type, limit: UInt64(limit))) }
            return .packet(bodyStart: 0, bodyEnd: length, length: length)
        }
    }
}
