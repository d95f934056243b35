/// A fuzz corpus as one deterministic, zlib-compressed archive: the inputs of a folder,
/// deduplicated and sorted, so that the same inputs always give the same bytes.
///
/// ## Format
///
/// An archive file is exactly one zlib stream ([RFC 1950](https://www.rfc-editor.org/rfc/rfc1950):
/// a 2-byte header, deflate data, an Adler-32 checksum) and nothing after it. Any zlib
/// (`python3 -c 'import sys, zlib; print(zlib.decompress(sys.stdin.buffer.read()))'`) inflates it
/// to the container:
///
/// ```
/// +---+---+---+---+---+---+---+----+---------------+----------------+--------+----------------+-------+
/// | P | K | T | C | O | R | P | 01 | count (u32 BE)| length (u32 BE)| bytes  | length (u32 BE)| bytes | ...
/// +---+---+---+---+---+---+---+----+---------------+----------------+--------+----------------+-------+
///  magic "PKTCORP", version 1       number of entries  entry 1                 entry 2
/// ```
///
/// - Entries are in increasing unsigned byte order (a prefix before its extensions) and none is
///   repeated; an empty input is a valid entry (length 0).
/// - Nothing follows the last entry.
/// - The container is compressed at level 9 with a 32 KiB window (`deflateInit2(9, Z_DEFLATED,
///   15, 9, Z_DEFAULT_STRATEGY)`), in one call: one zlib version always gives the same archive
///   for the same set of inputs, whatever their file names or order.
///
/// Names are not stored: ``name(of:)`` names an entry by the SHA-1 of its bytes in hex, as
/// libFuzzer names corpus files, and unpacking writes each entry under that name.
///
/// ## Reading untrusted archives
///
/// Decoding never traps and never holds more than ``CorpusLimits`` allows: the inflater stops as
/// soon as its output passes ``CorpusLimits/maximumTotalSize``, and entry counts and lengths are
/// checked against the bytes actually there before anything is reserved. A corrupt, truncated,
/// oversized or non-canonical archive is a ``CorpusError``.
///
/// ```swift
/// let archive = CorpusArchive(entries: [[1, 2], [0], [1, 2]])   // [[0], [1, 2]]
/// let bytes = try archive.compressed()
/// let back = try CorpusArchive(compressed: bytes)                 // == archive
/// ```
public struct CorpusArchive: Sendable, Hashable {
    /// The inputs, in increasing byte order, without repeats.
    public private(set) var entries: [[UInt8]]

    /// The magic bytes and version at the start of the container.
    public static let magic: [UInt8] = Array("PKTCORP".utf8) + [1]

    /// An archive of `entries`, sorted and deduplicated (their order does not matter).
    public init(entries: some Sequence<[UInt8]>) {
        var sorted = entries.sorted { $0.lexicographicallyPrecedes($1) }
        var kept = 0
        for i in sorted.indices where kept == 0 || sorted[i] != sorted[kept - 1] {
            sorted.swapAt(kept, i)
            kept += 1
        }
        sorted.removeLast(sorted.count - kept)
        self.entries = sorted
    }

    /// An archive with no entries.
    public init() {
        self.entries = []
    }

    /// The number of input bytes, all entries together.
    public var totalSize: Int { entries.reduce(0) { $0 + $1.count } }

    /// Adds `entries`, keeping the order and dropping repeats.
    public mutating func merge(_ other: some Sequence<[UInt8]>) {
        self = CorpusArchive(entries: entries + Array(other))
    }

    // MARK: - Encoding

    /// The uncompressed container (see the format above).
    public func container() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(Self.magic.count + 4 + entries.count * 4 + totalSize)
        out += Self.magic
        Self.appendUInt32(UInt32(truncatingIfNeeded: entries.count), to: &out)
        for entry in entries {
            Self.appendUInt32(UInt32(truncatingIfNeeded: entry.count), to: &out)
            out += entry
        }
        return out
    }

    /// The archive's bytes: the container, zlib-compressed.
    ///
    /// - Throws: ``CorpusError/Code/tooLarge`` when the archive would break `limits` (an
    ///   archive is never written that ``init(compressed:limits:)-([UInt8],_)`` with the same limits refuses).
    public func compressed(limits: CorpusLimits = .default) throws(CorpusError) -> [UInt8] {
        try check(limits)
        return try Zlib.deflate(container())
    }

    private func check(_ limits: CorpusLimits) throws(CorpusError) {
        if entries.count > limits.maximumEntryCount {
            throw CorpusError(
                code: .tooLarge,
                reason: "\(entries.count) entries are more than the limit of \(limits.maximumEntryCount)"
            )
        }
        if let big = entries.first(where: { $0.count > limits.maximumEntrySize }) {
            throw CorpusError(
                code: .tooLarge,
                reason: "a \(big.count)-byte entry is larger than the \(limits.maximumEntrySize)-byte limit"
            )
        }
        let size = Self.magic.count + 4 + entries.count * 4 + totalSize
        if size > limits.maximumTotalSize {
            throw CorpusError(
                code: .tooLarge,
                reason: "the container would take \(size) bytes, more than the \(limits.maximumTotalSize)-byte limit"
            )
        }
    }

    // MARK: - Decoding

    /// The archive in `bytes` (a whole archive file).
    public init(compressed bytes: [UInt8], limits: CorpusLimits = .default) throws(CorpusError) {
        self =
            try bytes.withUnsafeBytes { p in
                Result { () throws(CorpusError) in try CorpusArchive(compressed: p, limits: limits) }
            }
            .get()
    }

    /// The archive in `bytes` (a whole archive file), read in place.
    public init(compressed bytes: UnsafeRawBufferPointer, limits: CorpusLimits = .default) throws(CorpusError) {
        if bytes.count > limits.maximumArchiveSize {
            throw CorpusError(
                code: .tooLarge,
                reason: "a \(bytes.count)-byte archive is larger than the \(limits.maximumArchiveSize)-byte limit"
            )
        }
        let container = try Zlib.inflate(bytes, limit: limits.maximumTotalSize)
        try self.init(container: container, limits: limits)
    }

    /// The archive whose uncompressed container is `container`.
    ///
    /// - Throws: ``CorpusError/Code/notAnArchive`` without the magic bytes,
    ///   ``CorpusError/Code/truncated`` when an entry runs past the end,
    ///   ``CorpusError/Code/trailingBytes`` after the last entry, ``CorpusError/Code/tooLarge``
    ///   past `limits`, ``CorpusError/Code/notCanonical`` for unsorted or repeated entries.
    public init(container: [UInt8], limits: CorpusLimits = .default) throws(CorpusError) {
        let n = container.count
        if n > limits.maximumTotalSize {
            throw CorpusError(
                code: .tooLarge,
                reason: "a \(n)-byte container is larger than the \(limits.maximumTotalSize)-byte limit"
            )
        }
        guard n >= Self.magic.count, container[0..<Self.magic.count].elementsEqual(Self.magic) else {
            throw CorpusError(code: .notAnArchive, reason: "the data does not start with PKTCORP version 1")
        }
        var offset = Self.magic.count
        guard let count = Self.readUInt32(container, &offset) else {
            throw CorpusError(code: .truncated, reason: "the container ends inside its entry count")
        }
        if count > limits.maximumEntryCount {
            throw CorpusError(
                code: .tooLarge,
                reason: "the archive declares \(count) entries, more than the limit of \(limits.maximumEntryCount)"
            )
        }
        // Each entry takes at least 4 bytes: a count the bytes cannot hold is refused before
        // anything is reserved for it.
        if count > (n - offset) / 4 {
            throw CorpusError(
                code: .truncated,
                reason: "the archive declares \(count) entries but holds \(n - offset) bytes for them"
            )
        }
        var entries: [[UInt8]] = []
        entries.reserveCapacity(count)
        for index in 0..<count {
            guard let length = Self.readUInt32(container, &offset) else {
                throw CorpusError(
                    code: .truncated, reason: "the container ends inside the length of entry \(index + 1)")
            }
            if length > limits.maximumEntrySize {
                throw CorpusError(
                    code: .tooLarge,
                    reason:
                        "entry \(index + 1) declares \(length) bytes, more than the \(limits.maximumEntrySize)-byte limit"
                )
            }
            guard length <= n - offset else {
                throw CorpusError(
                    code: .truncated,
                    reason: "entry \(index + 1) declares \(length) bytes but only \(n - offset) are left"
                )
            }
            let entry = Array(container[offset..<(offset + length)])
            offset += length
            if let previous = entries.last, !previous.lexicographicallyPrecedes(entry) {
                throw CorpusError(
                    code: .notCanonical,
                    reason:
                        "entry \(index + 1) is \(previous == entry ? "a repeat of" : "out of order after") entry \(index)"
                )
            }
            entries.append(entry)
        }
        if offset != n {
            throw CorpusError(code: .trailingBytes, reason: "\(n - offset) bytes follow the last entry")
        }
        self.entries = entries
    }

    // MARK: - Names

    /// The name libFuzzer gives `entry` in a corpus folder: the SHA-1 of its bytes, 40 lowercase
    /// hex digits.
    public static func name(of entry: [UInt8]) -> String {
        SHA1.hex(entry)
    }

    // MARK: - Helpers

    static func appendUInt32(_ value: UInt32, to out: inout [UInt8]) {
        out.append(UInt8(truncatingIfNeeded: value >> 24))
        out.append(UInt8(truncatingIfNeeded: value >> 16))
        out.append(UInt8(truncatingIfNeeded: value >> 8))
        out.append(UInt8(truncatingIfNeeded: value))
    }

    static func readUInt32(_ bytes: [UInt8], _ offset: inout Int) -> Int? {
        guard bytes.count - offset >= 4 else { return nil }
        var value = 0
        for i in offset..<(offset + 4) { value = value << 8 | Int(bytes[i]) }
        offset += 4
        return value
    }
}

/// The hard caps on what decoding an archive may take, checked before and while inflating.
public struct CorpusLimits: Sendable, Hashable {
    /// The largest archive file read, compressed.
    public var maximumArchiveSize: Int
    /// The largest uncompressed container: the inflater stops past it (a decompression bomb
    /// costs at most this much memory, plus one 64 KiB step).
    public var maximumTotalSize: Int
    /// The most entries an archive may hold.
    public var maximumEntryCount: Int
    /// The largest single entry.
    public var maximumEntrySize: Int

    /// Limits of the given sizes (bytes) and count.
    public init(maximumArchiveSize: Int, maximumTotalSize: Int, maximumEntryCount: Int, maximumEntrySize: Int) {
        self.maximumArchiveSize = maximumArchiveSize
        self.maximumTotalSize = maximumTotalSize
        self.maximumEntryCount = maximumEntryCount
        self.maximumEntrySize = maximumEntrySize
    }

    /// 64 MiB uncompressed (and compressed), 100,000 entries, 1 MiB per entry: far above any
    /// fuzz corpus (libFuzzer's inputs are a few KiB), far below what hurts a machine.
    public static let `default` = CorpusLimits(
        maximumArchiveSize: 64 << 20,
        maximumTotalSize: 64 << 20,
        maximumEntryCount: 100_000,
        maximumEntrySize: 1 << 20
    )
}
