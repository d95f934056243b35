import PacketFraming

/// Stops the fuzzer with `message` when an invariant fails: libFuzzer reports the trap as a
/// crash and saves the input. Kept in release builds (unlike `assert`).
@inline(never)
public func invariant(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    if !condition() { fatalError("invariant failed: \(message())") }
}

/// A cursor over the fuzzer's bytes: option bytes are taken from the front, the rest is the input.
public struct FuzzInput {
    public let bytes: [UInt8]
    public private(set) var offset = 0

    public init(_ data: UnsafeRawBufferPointer) {
        bytes = Array(data)
    }

    public init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The next byte, or 0 when none are left (so every input means something).
    public mutating func byte() -> UInt8 {
        guard offset < bytes.count else { return 0 }
        defer { offset += 1 }
        return bytes[offset]
    }

    /// The next `width` bytes as a big-endian integer (missing bytes count as 0).
    public mutating func integer(width: Int) -> UInt64 {
        var value: UInt64 = 0
        for _ in 0..<width { value = value << 8 | UInt64(byte()) }
        return value
    }

    /// Everything not taken yet.
    public var rest: [UInt8] { offset < bytes.count ? Array(bytes[offset...]) : [] }
}

/// The option byte shared by the codec targets:
///
/// ```
/// bit  7   6   5   4   3   2   1   0
///     |fr |dl | line_len| pkt_size| type  |
/// ```
/// - `type` (bits 0-1): the packet type within the target's family (modulo its size);
/// - `pkt_size`, `line_len` (2 bits each): 0 = unset, 1, 2 or 3 = a 1-, 2- or 4-byte big-endian
///   value read from the next bytes (in that order);
/// - `dl` (bit 6): a `line_delimiter` byte follows;
/// - `fr` (bit 7): also frame the input with a ``PacketFramer`` drip-fed one byte at a time.
public struct FuzzOptions {
    public var typeIndex: Int
    public var options: PacketOptions
    public var alsoFrame: Bool

    public init(_ input: inout FuzzInput) {
        let flags = input.byte()
        typeIndex = Int(flags & 3)
        options = PacketOptions()
        options.packetSize = Self.value(width: flags >> 2 & 3, &input)
        options.lineLength = Self.value(width: flags >> 4 & 3, &input)
        if flags & 0x40 != 0 { options.lineDelimiter = input.byte() }
        alsoFrame = flags & 0x80 != 0
    }

    static func value(width code: UInt8, _ input: inout FuzzInput) -> UInt32 {
        switch code {
        case 1: UInt32(input.integer(width: 1))
        case 2: UInt32(input.integer(width: 2))
        case 3: UInt32(truncatingIfNeeded: input.integer(width: 4))
        default: 0
        }
    }

    /// The option byte and values that ``init(_:)`` decodes back to these settings.
    public static func encode(typeIndex: Int, options: PacketOptions, alsoFrame: Bool = false) -> [UInt8] {
        var flags = UInt8(typeIndex & 3)
        var tail: [UInt8] = []
        for (shift, value) in [(2, options.packetSize), (4, options.lineLength)] where value != 0 {
            let code: UInt8 = value <= 0xFF ? 1 : value <= 0xFFFF ? 2 : 3
            flags |= code << UInt8(shift)
            let width = code == 3 ? 4 : Int(code)
            for i in stride(from: width - 1, through: 0, by: -1) {
                tail.append(UInt8(truncatingIfNeeded: value >> (8 * i)))
            }
        }
        if let delimiter = options.lineDelimiter {
            flags |= 0x40
            tail.append(delimiter)
        }
        if alsoFrame { flags |= 0x80 }
        return [flags] + tail
    }
}

extension PacketOptions {
    /// These options without `line_delimiter` unless the type is `line`: what `decode_packet`
    /// accepts (a socket takes a delimiter with any type and ignores it).
    public func forCodec(_ type: PacketType) -> PacketOptions {
        var options = self
        if type != .line { options.lineDelimiter = nil }
        return options
    }
}

extension PacketCodec {
    /// The codec for `type`; a delimiter given with another type is checked to be refused with
    /// `badOption` (Erlang's badarg), then dropped.
    public static func fuzzed(_ type: PacketType, _ options: PacketOptions) -> PacketCodec {
        do {
            let codec = try PacketCodec(type, options: options)
            invariant(type == .line || options.lineDelimiter == nil, "a delimiter was accepted for \(type)")
            return codec
        } catch {
            invariant(error.code == .badOption, "PacketCodec(\(type)) threw \(error.code), not badOption")
            invariant(type != .line && options.lineDelimiter != nil, "PacketCodec(\(type), \(options)) threw \(error)")
            return try! PacketCodec(type, options: options.forCodec(type))
        }
    }
}
