/// A stateless packet decoder: the Swift counterpart of `erlang:decode_packet(Type, Bin, Options)`
/// for one packet type and one set of options.
///
/// A codec only looks: it never consumes, copies or allocates. ``scan(_:)-(UnsafeRawBufferPointer)``
/// answers in offsets; ``decode(_:)-(PacketBuffer)`` answers with zero-copy slices of a ``PacketBuffer``.
///
/// ```swift
/// let codec = try PacketCodec(.length2)
/// switch codec.decode(PacketBuffer([0, 3, 0x61, 0x62, 0x63, 0x0A])) {
/// case .packet(let packet, let rest): print(packet.string, rest.count)   // "abc" 1
/// case .needMore(let total): print("need", total ?? -1)
/// case .invalid(let error): print(error)
/// }
/// ```
public struct PacketCodec: Sendable, Hashable {
    /// The packet type.
    public let type: PacketType
    /// The options, as `decode_packet`'s third argument.
    public let options: PacketOptions

    /// A codec for `type` with `options`.
    ///
    /// - Throws: ``PacketError/Code/badOption`` where `erlang:decode_packet/3` raises `badarg`:
    ///   a `line_delimiter` given for any type but `line`.
    public init(_ type: PacketType, options: PacketOptions = PacketOptions()) throws(PacketError) {
        if let delimiter = options.lineDelimiter, type != .line {
            throw .badOption("line_delimiter", delimiter, "only the line packet type takes a delimiter")
        }
        self.init(unchecked: type, options: options)
    }

    /// A codec without the `decode_packet`-only check on `line_delimiter` (sockets accept it with
    /// any type and ignore it).
    @inlinable
    internal init(unchecked type: PacketType, options: PacketOptions) {
        self.type = type
        self.options = options
    }

    /// Where the first packet in `bytes` ends, as `decode_packet` would answer, in offsets.
    @inlinable
    @inline(__always)
    public func scan(_ bytes: UnsafeRawBufferPointer) -> PacketScanResult {
        var resume = 0
        return step(bytes, resume: &resume).result
    }

    /// Where the first packet in `buffer` ends, in offsets from the start of `buffer`.
    @inlinable
    public func scan(_ buffer: PacketBuffer) -> PacketScanResult {
        buffer.withUnsafeBytes { scan($0) }
    }

    /// `decode_packet` on `buffer`: the packet and the rest as slices sharing its storage.
    @inlinable
    public func decode(_ buffer: PacketBuffer) -> DecodedPacket {
        var resume = 0
        switch buffer.withUnsafeBytes({ step($0, resume: &resume) }) {
        case .packet(let start, let end, let length):
            return .packet(buffer.slice(start..<end), rest: buffer.slice(length...))
        case .needMore(let total):
            return .needMore(total: total == 0 ? nil : total)
        case .invalid(let failure):
            return .invalid(failure.error)
        }
    }

    /// `decode_packet` on a byte array.
    public func decode(_ bytes: [UInt8]) -> DecodedPacket {
        decode(PacketBuffer(bytes))
    }

    /// The scan, resuming after `resume` bytes already known not to end the packet (line and
    /// asn1 use it so that a framer never rescans; the others ignore it). The HTTP scan is a call
    /// of its own: the state machine frames HTTP on another path, and inlined here its constants
    /// would take registers from every other type's loop.
    @inlinable
    @inline(__always)
    internal func step(_ p: UnsafeRawBufferPointer, resume: inout Int) -> ScanStep {
        switch type {
        case .raw: RawCodec.scan(p)
        case .length1: LengthPrefixCodec.scan(p, headerSize: 1, type: .length1, options: options)
        case .length2: LengthPrefixCodec.scan(p, headerSize: 2, type: .length2, options: options)
        case .length4: LengthPrefixCodec.scan(p, headerSize: 4, type: .length4, options: options)
        case .asn1: ASN1Codec.scan(p, options: options, resume: &resume)
        case .cdr: CDRCodec.scan(p, options: options)
        case .sunrm: SunRMCodec.scan(p, options: options)
        case .fcgi: FCGICodec.scan(p, options: options)
        case .tpkt: TPKTCodec.scan(p, options: options)
        case .line: LineCodec.scan(p, options: options, resume: &resume)
        case .http, .httpBin:
            HTTPCodec.outlinedScan(p, type: type, headerState: false, limit: httpLimit, resume: &resume)
        case .httph, .httphBin:
            HTTPCodec.outlinedScan(p, type: type, headerState: true, limit: httpLimit, resume: &resume)
        }
    }

    /// The longest HTTP packet accepted: `packet_size`, or without it `line_length` (Erlang's
    /// fallback for old users of `decode_packet`); 0 for no limit.
    @inlinable
    internal var httpLimit: Int {
        Int(options.packetSize != 0 ? options.packetSize : options.lineLength)
    }

    /// `decode_packet` for the HTTP types: the parsed packet and the rest (a slice of `buffer`).
    /// `http` and `http_bin` expect a start line, `httph` and `httph_bin` a header, as Erlang's
    /// stateless `decode_packet` does. For the other types the packet is `nil`: use ``decode(_:)-(PacketBuffer)``.
    public func decodeHTTP(_ buffer: PacketBuffer) -> DecodedHTTPPacket {
        guard type.isHTTP else {
            return .invalid(PacketError(code: .invalidPacket, reason: "\(type) is not an HTTP type"))
        }
        var resume = 0
        switch buffer.withUnsafeBytes({ step($0, resume: &resume) }) {
        case .packet(let start, let end, let length):
            var headerState = type.isHeaderOnlyHTTP
            let packet = HTTPParser.parse(LineRef(buffer, start: start, end: end), headerState: &headerState)
            return .packet(packet, rest: buffer.slice(length...))
        case .needMore(let total):
            return .needMore(total: total == 0 ? nil : total)
        case .invalid(let failure):
            return .invalid(failure.error)
        }
    }
}
