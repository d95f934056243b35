// MARK: - Creating buffers

extension PacketBuffer {
    /// A buffer holding a copy of `bytes`.
    public init(bytes: UnsafeRawBufferPointer) {
        self.init(capacity: bytes.count)
        append(contentsOf: bytes)
    }

    /// A buffer holding a copy of the bytes of a sequence (`[UInt8]`, `ArraySlice<UInt8>`, ...).
    @inlinable
    public init<S: Sequence<UInt8>>(_ bytes: S) {
        self.init()
        append(contentsOf: bytes)
    }

    /// A buffer holding the UTF-8 bytes of `string`.
    public init(_ string: String) {
        self.init()
        append(contentsOf: string)
    }
}

extension PacketBuffer: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: UInt8...) {
        self.init(elements)
    }
}

// MARK: - Converting out

extension PacketBuffer {
    /// The bytes as a new array (one copy).
    public var bytes: [UInt8] {
        withUnsafeBytes { Array($0) }
    }

    /// The bytes as UTF-8 text; invalid sequences become U+FFFD.
    public var string: String {
        withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
    }
}

extension Array where Element == UInt8 {
    /// The bytes of a packet buffer (one copy).
    public init(_ buffer: PacketBuffer) {
        self = buffer.bytes
    }
}

extension ArraySlice where Element == UInt8 {
    /// The bytes of a packet buffer (one copy).
    public init(_ buffer: PacketBuffer) {
        self = buffer.bytes[...]
    }
}

extension String {
    /// The bytes of a packet buffer decoded as UTF-8; invalid sequences become U+FFFD.
    public init(_ buffer: PacketBuffer) {
        self = buffer.string
    }
}

// MARK: - Sequence

extension PacketBuffer: Sequence {
    public typealias Element = UInt8

    /// Iterates the bytes front to back.
    public struct Iterator: IteratorProtocol {
        @usableFromInline let buffer: PacketBuffer
        @usableFromInline var offset: Int

        @inlinable
        init(buffer: PacketBuffer) {
            self.buffer = buffer
            self.offset = 0
        }

        @inlinable
        public mutating func next() -> UInt8? {
            guard let byte = buffer.byteIfPresent(at: offset) else { return nil }
            offset += 1
            return byte
        }
    }

    @inlinable
    public func makeIterator() -> Iterator { Iterator(buffer: self) }

    @inlinable
    public var underestimatedCount: Int { upper - lower }

    /// The byte at `offset` from the start of the buffer (traps when out of bounds).
    @inlinable
    public subscript(offset: Int) -> UInt8 { byte(at: offset) }

    @inlinable
    public func withContiguousStorageIfAvailable<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R? {
        try body(
            UnsafeBufferPointer(start: (storage.base + lower).assumingMemoryBound(to: UInt8.self), count: upper - lower)
        )
    }
}

// MARK: - Equality (descriptions: PacketBuffer+Description.swift)

extension PacketBuffer: Hashable {
    /// Two buffers are equal when they hold the same bytes, wherever they are stored.
    public static func == (lhs: PacketBuffer, rhs: PacketBuffer) -> Bool {
        guard lhs.count == rhs.count else { return false }
        if lhs.storage === rhs.storage && lhs.lower == rhs.lower { return true }
        return lhs.withUnsafeBytes { a in rhs.withUnsafeBytes { b in a.elementsEqual(b) } }
    }

    public func hash(into hasher: inout Hasher) {
        withUnsafeBytes { hasher.combine(bytes: $0) }
    }
}

/// Lowercase hex helpers shared by descriptions and the CLI.
public enum Hex {
    private static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Two lowercase hex digits for `byte`.
    public static func byte(_ byte: UInt8) -> String {
        String(decoding: [digits[Int(byte >> 4)], digits[Int(byte & 0xF)]], as: UTF8.self)
    }

    /// Lowercase hex of all the bytes.
    public static func encode<S: Sequence<UInt8>>(_ bytes: S) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes written as hex (either case), or `nil` if `text` is not an even number of hex
    /// digits.
    public static func decode<S: StringProtocol>(_ text: S) -> [UInt8]? {
        var result: [UInt8] = []
        result.reserveCapacity(text.utf8.count / 2)
        var high: UInt8? = nil
        for c in text.utf8 {
            let v: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): v = c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): v = c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): v = c - UInt8(ascii: "A") + 10
            default: return nil
            }
            if let h = high {
                result.append(h << 4 | v)
                high = nil
            } else {
                high = v
            }
        }
        return high == nil ? result : nil
    }
}
