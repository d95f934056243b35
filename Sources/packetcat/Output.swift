import PacketFraming
import PacketSystem

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Bytes on their way to a file descriptor: text is built in memory and written with `write(2)`
/// in large pieces, never byte by byte. With `fd` = -1 nothing is written (tests read `bytes`).
struct OutputBuffer {
    /// What has not been written yet.
    var bytes: [UInt8] = []
    /// Where ``flush()`` writes; -1 keeps everything in memory.
    let fd: Int32

    /// Bytes buffered before ``flushIfLarge()`` writes them.
    static let flushThreshold = 1 << 16

    init(fd: Int32) {
        self.fd = fd
        bytes.reserveCapacity(fd < 0 ? 4096 : Self.flushThreshold + 4096)
    }

    /// A buffer that only collects (for tests and for building strings).
    static func memory() -> OutputBuffer { OutputBuffer(fd: -1) }

    /// The buffered text (for tests).
    var text: String { String(decoding: bytes, as: UTF8.self) }

    mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    mutating func append(_ byte: UInt8) {
        bytes.append(byte)
    }

    mutating func append(bytes more: some Sequence<UInt8>) {
        bytes.append(contentsOf: more)
    }

    /// Appends `count` spaces.
    mutating func appendSpaces(_ count: Int) {
        if count > 0 { bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: count)) }
    }

    /// Writes the buffer out once it holds at least ``flushThreshold`` bytes.
    mutating func flushIfLarge() throws(CLIError) {
        if bytes.count >= Self.flushThreshold { try flush() }
    }

    /// Writes everything buffered (nothing happens for an in-memory buffer).
    mutating func flush() throws(CLIError) {
        guard fd >= 0, !bytes.isEmpty else { return }
        try Terminal.writeAll(fd, bytes)
        bytes.removeAll(keepingCapacity: true)
    }
}

/// Direct writes to the standard streams.
enum Terminal {
    /// Writes all of `bytes` to `fd`, retrying short writes and interrupted calls.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) throws(CLIError) {
        let written = bytes.withUnsafeBytes { raw in Result { () throws(SystemError) in try POSIX.writeAll(fd, raw) } }
        if case .failure(let failure) = written {
            throw .failure("cannot write the output: \(Terminal.describe(errno: failure.code))")
        }
    }

    /// Prints `packetcat: MESSAGE` on standard error.
    static func error(_ message: String) {
        try? writeAll(2, Array("packetcat: \(message)\n".utf8))
    }

    /// The system's text for `errno`, starting lowercase as in the middle of a sentence.
    static func describe(errno code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        let s = String(cString: text)
        guard let first = s.first else { return "error \(code)" }
        return first.lowercased() + s.dropFirst()
    }
}

/// `1 byte`, `2 bytes`, `1 packet`, ...
func counted(_ n: Int, _ noun: String) -> String {
    "\(n) \(noun)\(n == 1 ? "" : "s")"
}

/// The hex-and-ASCII preview of a packet:
///
/// ```
///     0000  68 65 6c 6c 6f                                       hello
///     ... 1000 more bytes
/// ```
///
/// 16 bytes a row (a wider gap after the eighth), bytes outside printable ASCII shown as `.` on
/// the right, at most ``defaultRows`` rows and then a line saying how many bytes were not shown.
enum Preview {
    static let defaultRows = 4
    static let bytesPerRow = 16

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Appends the preview of `packet` to `out`, each line indented by `indent` spaces.
    static func write(_ packet: PacketBuffer, indent: Int = 4, maxRows: Int = defaultRows, to out: inout OutputBuffer) {
        if packet.isEmpty {
            out.appendSpaces(indent)
            out.append("(empty)\n")
            return
        }
        packet.withUnsafeBytes { raw in
            let shown = min(raw.count, maxRows * bytesPerRow)
            var rowStart = 0
            while rowStart < shown {
                let rowEnd = min(rowStart + bytesPerRow, shown)
                out.appendSpaces(indent)
                appendHex(UInt16(truncatingIfNeeded: rowStart), to: &out)
                out.appendSpaces(2)
                var column = 0
                for i in rowStart..<rowEnd {
                    let b = raw[i]
                    out.append(hexDigits[Int(b >> 4)])
                    out.append(hexDigits[Int(b & 0xF)])
                    out.append(UInt8(ascii: " "))
                    column += 3
                    if i - rowStart == 7 {
                        out.append(UInt8(ascii: " "))
                        column += 1
                    }
                }
                // The hex of a full row takes 3 * 16 + 1 columns; then one space before the text.
                out.appendSpaces(3 * bytesPerRow + 1 - column + 1)
                for i in rowStart..<rowEnd {
                    let b = raw[i]
                    out.append(b >= 0x20 && b < 0x7F ? b : UInt8(ascii: "."))
                }
                out.append(UInt8(ascii: "\n"))
                rowStart = rowEnd
            }
            if raw.count > shown {
                out.appendSpaces(indent)
                out.append("... \(counted(raw.count - shown, "more byte"))\n")
            }
        }
    }

    /// The preview as a string.
    static func text(_ packet: PacketBuffer, indent: Int = 4, maxRows: Int = defaultRows) -> String {
        var out = OutputBuffer.memory()
        write(packet, indent: indent, maxRows: maxRows, to: &out)
        return out.text
    }

    private static func appendHex(_ value: UInt16, to out: inout OutputBuffer) {
        for shift in stride(from: 12, through: 0, by: -4) {
            out.append(hexDigits[Int((value >> UInt16(shift)) & 0xF)])
        }
    }
}
