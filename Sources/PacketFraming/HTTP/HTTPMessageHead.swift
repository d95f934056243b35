/// The head of one HTTP message as one value: the packets Erlang delivers one at a time for it
/// (the start line, each header line, the end of the headers), kept in order in one array.
///
/// ```
///  GET /a HTTP/1.1\r\n      .request(...)      startLine
///  Host: x\r\n              .header(...)       headers[0]
///  Content-Length: 3\r\n    .header(...)       headers[1]     contentLength == 3
///  \r\n                     .endOfHeaders      isComplete
/// ```
///
/// ``packets`` is exactly the sequence of ``HTTPPacket``s a socket in `{packet, http_bin}` mode
/// gives for these lines, so nothing of Erlang's answer is lost: a header line that does not
/// parse stays in place as ``HTTPPacket/error(line:)`` (``headers`` skips it), and a start line
/// that does not parse is a head of its own, that one packet (Erlang stays in the start-line
/// state after it). For the header-only types (`httph`, `httph_bin`) a head has no start line:
/// the headers up to the end of the headers.
///
/// The value is one array reference: it is passed on (in a NIO pipeline, for example) without a
/// copy of the packets and fits in an existential's inline storage. Every piece of text in it is
/// a slice of the buffer the lines were read from.
public struct HTTPMessageHead: Sendable, Hashable {
    /// The packets of the head, in the order received.
    public let packets: ContiguousArray<HTTPPacket>

    /// Whether `packets` begins with a start line (false for the header-only types).
    @usableFromInline
    internal let hasStartLine: Bool

    /// A head made of `packets`, in the order a socket delivers them. `hasStartLine` says whether
    /// the first packet is the start line (a request, a response, or an error line in the
    /// start-line state) or, for the header-only types, already a header line.
    @inlinable
    public init(packets: ContiguousArray<HTTPPacket>, hasStartLine: Bool) {
        self.packets = packets
        self.hasStartLine = hasStartLine && !packets.isEmpty
    }

    /// The start line: ``HTTPPacket/request(_:)``, ``HTTPPacket/response(_:)``, or
    /// ``HTTPPacket/error(line:)`` for a start line that does not parse; `nil` for the
    /// header-only types.
    @inlinable
    public var startLine: HTTPPacket? { hasStartLine ? packets[0] : nil }

    /// The request line, when the head is a request's.
    @inlinable
    public var request: HTTPRequestLine? {
        guard hasStartLine, case .request(let line) = packets[0] else { return nil }
        return line
    }

    /// The status line, when the head is a response's.
    @inlinable
    public var response: HTTPResponseLine? {
        guard hasStartLine, case .response(let line) = packets[0] else { return nil }
        return line
    }

    /// Whether the head ended as Erlang ends one: with ``HTTPPacket/endOfHeaders``, or at a start
    /// line that does not parse. False only for what was left of a head when the stream ended.
    @inlinable
    public var isComplete: Bool {
        guard let last = packets.last else { return false }
        if case .endOfHeaders = last { return true }
        if hasStartLine && packets.count == 1, case .error = last { return true }
        return false
    }

    /// The headers in the order received (header lines that did not parse are skipped; they are
    /// in ``packets``).
    @inlinable
    public var headers: Headers { Headers(packets: packets) }

    /// The first header of `field`, or `nil`.
    @inlinable
    public func first(_ field: HTTPField) -> HTTPHeader? {
        for packet in packets {
            if case .header(let header) = packet, header.field == field { return header }
        }
        return nil
    }

    /// The value of the last `Content-Length` header as a number: decimal digits only, spaces
    /// and tabs around them allowed; `nil` when there is none or the last one is not such a
    /// number (or does not fit in an `Int`). The body length a reader of this head waits for.
    @inlinable
    public var contentLength: Int? {
        for packet in packets.reversed() {
            if case .header(let header) = packet, header.field == .contentLength {
                return Self.decimal(header.value)
            }
        }
        return nil
    }

    /// A `Content-Length` value: decimal digits only (surrounding spaces and tabs allowed), or
    /// `nil`. One rule for the head and for `HTTPPacketDecoder`'s per-line tracking.
    @usableFromInline
    package static func decimal(_ value: PacketBuffer) -> Int? {
        var result = 0
        var digits = 0
        var trailing = false
        for byte in value {
            if byte == 0x20 || byte == 0x09 {
                if digits > 0 { trailing = true }
                continue
            }
            guard !trailing, byte &- 0x30 < 10 else { return nil }
            let (times, overflow1) = result.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(Int(byte &- 0x30))
            if overflow1 || overflow2 { return nil }
            result = sum
            digits += 1
        }
        return digits > 0 ? result : nil
    }
}

extension HTTPMessageHead {
    /// The parsed headers of a head, in order: a view of its ``HTTPMessageHead/packets`` that
    /// skips everything but ``HTTPPacket/header(_:)``.
    public struct Headers: Collection, Sendable {
        @usableFromInline
        internal let packets: ContiguousArray<HTTPPacket>

        @inlinable
        internal init(packets: ContiguousArray<HTTPPacket>) { self.packets = packets }

        /// A position in the head's packets (an index of ``HTTPMessageHead/packets``).
        public typealias Index = Int

        /// The position of the first header, or ``endIndex``.
        @inlinable
        public var startIndex: Int { nextHeader(from: 0) }

        /// The position after the last packet.
        @inlinable
        public var endIndex: Int { packets.count }

        /// The header at `position`.
        @inlinable
        public subscript(position: Int) -> HTTPHeader {
            guard case .header(let header) = packets[position] else {
                preconditionFailure("HTTPMessageHead.Headers: no header at \(position)")
            }
            return header
        }

        /// The position of the next header after `i`, or ``endIndex``.
        @inlinable
        public func index(after i: Int) -> Int { nextHeader(from: i + 1) }

        @inlinable
        internal func nextHeader(from start: Int) -> Int {
            var i = start
            while i < packets.count {
                if case .header = packets[i] { return i }
                i += 1
            }
            return packets.count
        }
    }
}
