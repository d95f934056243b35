/// The error every throwing API of this package throws.
///
/// Errors compare equal by ``code``; the ``reason`` is a sentence for people and may change.
public struct PacketError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, as an extensible set of codes.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        @usableFromInline
        internal let raw: UInt8

        @usableFromInline
        internal init(_ raw: UInt8) { self.raw = raw }

        /// An option has a value Erlang would reject with `badarg`.
        public static let badOption = Code(1)
        /// The bytes can never form a packet of this type (a bad header); Erlang's `{error, invalid}`.
        public static let invalidPacket = Code(2)
        /// The header declares a packet larger than `packet_size` or than 2^31 - 1 bytes; Erlang's
        /// `{error, invalid}` from `decode_packet`, `{error, emsgsize}` from a socket.
        public static let packetTooLarge = Code(3)
        /// A payload is too long for the length header the encoder must write.
        public static let payloadTooLarge = Code(4)

        /// An HTTP message head has more header lines than the reader's limit allows (a head
        /// delivered as one value is held until its end, so its length is bounded).
        public static let tooManyHeaders = Code(5)

        public var description: String {
            switch raw {
            case 1: "badOption"
            case 2: "invalidPacket"
            case 3: "packetTooLarge"
            case 4: "payloadTooLarge"
            case 5: "tooManyHeaders"
            default: "code(\(raw))"
            }
        }
    }

    /// What went wrong.
    public let code: Code
    /// One sentence saying what went wrong, naming the value concerned.
    public let reason: String

    /// The error of `code`, explained by `reason`.
    public init(code: Code, reason: String) {
        self.code = code
        self.reason = reason
    }

    public static func == (lhs: PacketError, rhs: PacketError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    public var description: String { reason }

    /// The error for option `name` set to `value`, which Erlang answers with `badarg`.
    public static func badOption(_ name: String, _ value: some BinaryInteger, _ why: String) -> PacketError {
        PacketError(code: .badOption, reason: "invalid option \(name)=\(value): \(why)")
    }
}
