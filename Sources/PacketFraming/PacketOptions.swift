/// The options of `erlang:decode_packet/3` (and of a `{packet, Type}` socket).
///
/// | Erlang                  | Swift              | meaning                                             |
/// |-------------------------|--------------------|-----------------------------------------------------|
/// | `{packet_size, N}`      | ``packetSize``     | largest packet accepted; 0 = no limit (2^31 - 1)    |
/// | `{line_length, N}`      | ``lineLength``     | `line`: cut longer lines at N bytes; 0 = never      |
/// | `{line_delimiter, C}`   | ``lineDelimiter``  | `line`: the byte ending a line; `nil` = `\n`        |
///
/// The types hold exactly what Erlang accepts (0 through 2^32 - 1 for the sizes, 0 through 255
/// for the delimiter); integers from elsewhere (an Erlang option list, a command line) go through
/// ``checked(packetSize:lineLength:lineDelimiter:)`` or ``set(_:to:)``, which throw where Erlang
/// raises `badarg`.
public struct PacketOptions: Sendable, Hashable {
    /// The largest packet accepted, header included for the types that keep it; 0 means no limit
    /// beyond the 2^31 - 1 bytes that Erlang accepts.
    public var packetSize: UInt32
    /// For `line`: a line longer than this is delivered cut at this many bytes (the rest comes as
    /// the next packet); 0 means never cut.
    public var lineLength: UInt32
    /// For `line`: the byte that ends a line. `nil` means `\n` (10), Erlang's default; Erlang's
    /// `decode_packet` refuses an explicit delimiter for any type but `line`.
    public var lineDelimiter: UInt8?

    /// Options from typed values: every `UInt32` is a size Erlang accepts, every `UInt8` a
    /// delimiter.
    ///
    /// ```swift
    /// let options = PacketOptions(packetSize: 1 << 20)   // {packet_size, 1048576}
    /// ```
    public init(packetSize: UInt32 = 0, lineLength: UInt32 = 0, lineDelimiter: UInt8? = nil) {
        self.packetSize = packetSize
        self.lineLength = lineLength
        self.lineDelimiter = lineDelimiter
    }

    /// Options from integers as an Erlang option list gives them, checked as Erlang checks them.
    ///
    /// - Throws: ``PacketError/Code/badOption`` naming the option and value where Erlang raises
    ///   `badarg` (a negative size, a size over 2^32 - 1, a delimiter over 255).
    public static func checked(
        packetSize: Int = 0, lineLength: Int = 0, lineDelimiter: Int? = nil
    ) throws(PacketError) -> PacketOptions {
        var options = PacketOptions()
        try options.set(.packetSize, to: packetSize)
        try options.set(.lineLength, to: lineLength)
        if let lineDelimiter { try options.set(.lineDelimiter, to: lineDelimiter) }
        return options
    }

    /// The name of one option, as Erlang spells it.
    public enum Name: String, Sendable, Hashable, CaseIterable {
        /// `packet_size`.
        case packetSize = "packet_size"
        /// `line_length`.
        case lineLength = "line_length"
        /// `line_delimiter`.
        case lineDelimiter = "line_delimiter"
    }

    /// Sets one option from an integer, checked as Erlang checks it (a later setting of the same
    /// option wins, as in Erlang's option lists).
    public mutating func set(_ name: Name, to value: some BinaryInteger) throws(PacketError) {
        switch name {
        case .packetSize, .lineLength:
            guard let v = UInt32(exactly: value) else {
                throw .badOption(name.rawValue, value, "must be an integer from 0 to 4294967295")
            }
            if name == .packetSize { packetSize = v } else { lineLength = v }
        case .lineDelimiter:
            guard let v = UInt8(exactly: value) else {
                throw .badOption(name.rawValue, value, "must be a byte from 0 to 255")
            }
            lineDelimiter = v
        }
    }

    /// The delimiter actually used for `line`.
    @inlinable
    public var effectiveLineDelimiter: UInt8 { lineDelimiter ?? 0x0A }
}
