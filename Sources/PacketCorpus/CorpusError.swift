/// The error every throwing API of PacketCorpus throws.
///
/// Errors compare equal by ``code``; the ``reason`` is a sentence for people and may change.
public struct CorpusError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, as an extensible set of codes.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        @usableFromInline
        internal let raw: UInt8

        @usableFromInline
        internal init(_ raw: UInt8) { self.raw = raw }

        /// The bytes are not a zlib stream, or the stream is damaged (a bad header, bad deflate
        /// data, a wrong Adler-32 checksum, a preset dictionary).
        public static let corrupt = Code(1)
        /// The zlib stream or the container inside it ends before it should.
        public static let truncated = Code(2)
        /// The container does not start with the magic bytes `PKTCORP` and version 1.
        public static let notAnArchive = Code(3)
        /// A limit of ``CorpusLimits`` is exceeded: the archive, the uncompressed container, an
        /// entry or the number of entries is too large. A decompression bomb ends here.
        public static let tooLarge = Code(4)
        /// Entries are not in increasing byte order, or one is repeated: packing never writes that.
        public static let notCanonical = Code(5)
        /// Bytes follow the end of the zlib stream or the last entry.
        public static let trailingBytes = Code(6)
        /// A file or folder could not be read or written.
        public static let fileSystem = Code(7)
        /// zlib itself failed (out of memory, a version mismatch).
        public static let zlib = Code(8)

        public var description: String {
            switch raw {
            case 1: "corrupt"
            case 2: "truncated"
            case 3: "notAnArchive"
            case 4: "tooLarge"
            case 5: "notCanonical"
            case 6: "trailingBytes"
            case 7: "fileSystem"
            case 8: "zlib"
            default: "code(\(raw))"
            }
        }
    }

    /// What went wrong.
    public let code: Code
    /// One sentence saying what went wrong, naming the value or file concerned.
    public let reason: String

    /// The error of `code`, explained by `reason`.
    public init(code: Code, reason: String) {
        self.code = code
        self.reason = reason
    }

    public static func == (lhs: CorpusError, rhs: CorpusError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    public var description: String { reason }
}
