#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A failed system call: its `errno`.
package struct SystemError: Error, Hashable, Sendable {
    /// The `errno` value.
    package let code: Int32

    package init(code: Int32) {
        self.code = code
    }
}

/// The package's one wrapper around the C library's file calls: each call is retried while it is
/// interrupted (`EINTR`), and a failure becomes a ``SystemError`` carrying `errno`, so that no
/// caller writes its own retry loop. One spelling for Glibc, Musl and Darwin.
package enum POSIX {
    /// Runs `call` again while it fails with `EINTR`; a negative result throws `errno`.
    @inlinable
    package static func retrying<Result: BinaryInteger>(_ call: () -> Result) throws(SystemError) -> Result {
        while true {
            let result = call()
            if result >= 0 { return result }
            let code = errno
            if code != EINTR { throw SystemError(code: code) }
        }
    }

    /// Opens `path` (`O_CLOEXEC` added), giving its descriptor.
    package static func open(_ path: String, _ flags: Int32, mode: mode_t = 0) throws(SystemError) -> Int32 {
        try retrying { systemOpen(path, flags | O_CLOEXEC, mode) }
    }

    /// Reads at most `buffer.count` bytes into `buffer`: the count read, 0 at the end.
    package static func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) throws(SystemError) -> Int {
        try retrying { systemRead(fd, buffer.baseAddress, buffer.count) }
    }

    /// Writes every byte of `bytes`, continuing after short writes.
    package static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) throws(SystemError) {
        guard let base = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
            offset += try retrying { systemWrite(fd, base + offset, bytes.count - offset) }
        }
    }

    /// Closes `fd` (not retried: after `EINTR` the descriptor is closed on Linux, and a retry
    /// could close one that another thread just opened).
    package static func close(_ fd: Int32) {
        _ = systemClose(fd)
    }

    /// Ends the process with `status`.
    package static func exit(_ status: Int32) -> Never {
        systemExit(status)
    }

    /// The text of `code`, from `strerror`.
    package static func describe(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}

// The C calls under other names, so that the members above (named like them) can call them.
private func systemOpen(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 { open(path, flags, mode) }
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(fd, buffer, count)
}
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int { write(fd, buffer, count) }
private func systemClose(_ fd: Int32) -> Int32 { close(fd) }
private func systemExit(_ status: Int32) -> Never { exit(status) }
