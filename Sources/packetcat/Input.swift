import PacketFraming
import PacketSystem

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the bytes come from: a file, or standard input for no name or `-`. Read with `read(2)`.
final class ByteInput {
    /// The file descriptor read from.
    let fd: Int32
    /// The path as given, or `standard input`.
    let name: String
    private let owned: Bool

    /// Opens `path` (`nil` or `-`: standard input).
    init(path: String?) throws(CLIError) {
        guard let path, path != "-" else {
            fd = 0
            name = "standard input"
            owned = false
            return
        }
        let opened: Int32
        do {
            opened = try POSIX.open(path, O_RDONLY)
        } catch {
            switch error.code {
            case ENOENT, ENOTDIR: throw .failure("no such file: \(path)")
            case EACCES: throw .failure("permission denied: \(path)")
            default: throw .failure("cannot open \(path): \(Terminal.describe(errno: error.code))")
            }
        }
        fd = opened
        name = path
        owned = true
    }

    deinit {
        if owned { POSIX.close(fd) }
    }

    /// Reads at most `buffer.count` bytes into `buffer`; 0 at the end of the input.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(CLIError) -> Int {
        do {
            return try POSIX.read(fd, into: buffer)
        } catch {
            if error.code == EISDIR { throw .failure("\(name) is a directory, not a file") }
            throw .failure("cannot read \(name): \(Terminal.describe(errno: error.code))")
        }
    }

    /// Reads everything up to the end of the input.
    func readAll() throws(CLIError) -> PacketBuffer {
        var all = PacketBuffer()
        try forEachPiece(readSize: 1 << 16) { (piece, _) throws(CLIError) -> Bool in
            all.append(contentsOf: piece)
            return true
        }
        return all
    }

    /// Reads the input piece by piece: `body` gets each piece of at most `readSize` bytes, and
    /// whether the read was short (more input may take a while: a good time to flush output).
    /// `body` returns `false` to stop reading.
    func forEachPiece(
        readSize: Int,
        _ body: (UnsafeRawBufferPointer, _ short: Bool) throws(CLIError) -> Bool
    ) throws(CLIError) {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: readSize, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let n = try read(into: buffer)
            if n == 0 { return }
            if try !body(UnsafeRawBufferPointer(rebasing: buffer[..<n]), n < readSize) { return }
        }
    }
}
