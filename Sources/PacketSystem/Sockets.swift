#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A socket address as the kernel takes it: the bytes of a `sockaddr_in` or `sockaddr_in6`.
package struct RawSocketAddress: Sendable, Hashable {
    /// The structure's bytes (`sockaddr_storage` is large enough for every family).
    package var storage: sockaddr_storage
    /// How many of them are the address.
    package var length: socklen_t

    package init(storage: sockaddr_storage, length: socklen_t) {
        self.storage = storage
        self.length = length
    }

    /// The bytes of `address` (a `sockaddr_in` or `sockaddr_in6`).
    package init<Address>(_ address: Address) {
        var storage = sockaddr_storage()
        withUnsafeMutableBytes(of: &storage) { target in
            withUnsafeBytes(of: address) { target.copyMemory(from: $0) }
        }
        self.init(storage: storage, length: socklen_t(MemoryLayout<Address>.size))
    }

    /// `AF_INET` or `AF_INET6`.
    package var family: Int32 { Int32(storage.ss_family) }

    package static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.length == rhs.length
            && withUnsafeBytes(of: lhs.storage) { l in withUnsafeBytes(of: rhs.storage) { r in l.elementsEqual(r) } }
    }

    package func hash(into hasher: inout Hasher) {
        withUnsafeBytes(of: storage) { hasher.combine(bytes: UnsafeRawBufferPointer(rebasing: $0.prefix(Int(length)))) }
    }
}

/// The socket calls of the socket adapter, with the retry rules of ``POSIX``: every descriptor is
/// opened close-on-exec and non-blocking, and a failure is a ``SystemError``.
extension POSIX {
    /// A new non-blocking TCP (`stream`) or UDP socket of `family`.
    package static func socket(family: Int32, stream: Bool) throws(SystemError) -> Int32 {
        #if canImport(Darwin)
        let fd = try retrying { systemSocket(family, stream ? SOCK_STREAM : SOCK_DGRAM, 0) }
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        return fd
        #else
        let type =
            Int32(stream ? SOCK_STREAM.rawValue : SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
            | Int32(SOCK_NONBLOCK.rawValue)
        return try retrying { systemSocket(family, type, 0) }
        #endif
    }

    /// Sets option `name` at `level` to `value`'s bytes.
    package static func setOption(
        _ fd: Int32, level: Int32, name: Int32, value: UnsafeRawBufferPointer
    )
        throws(SystemError)
    {
        _ = try retrying { setsockopt(fd, level, name, value.baseAddress, socklen_t(value.count)) }
    }

    /// Sets an integer option.
    package static func setOption(_ fd: Int32, level: Int32, name: Int32, _ value: Int32) throws(SystemError) {
        var value = value
        let result = withUnsafeBytes(of: &value) { bytes in
            Result { () throws(SystemError) in try setOption(fd, level: level, name: name, value: bytes) }
        }
        try result.get()
    }

    /// The bytes of option `name` at `level`, at most `capacity` of them (as many as the kernel
    /// wrote).
    package static func option(_ fd: Int32, level: Int32, name: Int32, capacity: Int) throws(SystemError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: max(capacity, 0))
        var length = socklen_t(bytes.count)
        let result = bytes.withUnsafeMutableBytes { raw in
            Result { () throws(SystemError) in
                _ = try retrying { getsockopt(fd, level, name, raw.baseAddress, &length) }
            }
        }
        try result.get()
        return Array(bytes.prefix(Int(length)))
    }

    /// An integer option.
    package static func intOption(_ fd: Int32, level: Int32, name: Int32) throws(SystemError) -> Int32 {
        let bytes = try option(fd, level: level, name: name, capacity: 4)
        var value: Int32 = 0
        withUnsafeMutableBytes(of: &value) { $0.copyBytes(from: bytes.prefix(4)) }
        return value
    }

    /// Binds `fd` to `address`.
    package static func bind(_ fd: Int32, _ address: RawSocketAddress) throws(SystemError) {
        var storage = address.storage
        _ = try withUnsafePointer(to: &storage) { pointer throws(SystemError) in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address2 throws(SystemError) in
                try retrying { systemBind(fd, address2, address.length) }
            }
        }
    }

    /// Starts listening with `backlog`.
    package static func listen(_ fd: Int32, backlog: Int32) throws(SystemError) {
        _ = try retrying { systemListen(fd, backlog) }
    }

    /// Starts connecting `fd` to `address`: `true` when connected at once, `false` when the
    /// connection is under way (`EINPROGRESS`; wait until writable, then ask ``pendingError(_:)``).
    package static func startConnect(_ fd: Int32, _ address: RawSocketAddress) throws(SystemError) -> Bool {
        var storage = address.storage
        let result = withUnsafePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { systemConnect(fd, $0, address.length) }
        }
        if result == 0 { return true }
        let code = errno
        if code == EINPROGRESS || code == EINTR { return false }
        throw SystemError(code: code)
    }

    /// `SO_ERROR`: the error of a finished non-blocking connect, 0 when it succeeded.
    package static func pendingError(_ fd: Int32) -> Int32 {
        (try? intOption(fd, level: SOL_SOCKET, name: SO_ERROR)) ?? EBADF
    }

    /// A connection waiting on listening socket `fd`, or `nil` when none is (`EAGAIN`). The new
    /// descriptor is close-on-exec and non-blocking.
    package static func accept(_ fd: Int32) throws(SystemError) -> Int32? {
        while true {
            // (accept4 is a GNU extension the Swift Glibc module does not export: the flags are
            // set right after.)
            let result = systemAccept(fd, nil, nil)
            if result >= 0 {
                _ = fcntl(result, F_SETFD, FD_CLOEXEC)
                _ = fcntl(result, F_SETFL, fcntl(result, F_GETFL) | O_NONBLOCK)
                return result
            }
            let code = errno
            if code == EINTR || code == ECONNABORTED { continue }
            if code == EAGAIN || code == EWOULDBLOCK { return nil }
            throw SystemError(code: code)
        }
    }

    /// Waits at most `milliseconds` until `fd` is readable (`readable`) or writable: `true`
    /// when it is (or has an error or hang-up to report), `false` on timeout.
    package static func wait(_ fd: Int32, readable: Bool, milliseconds: Int32) throws(SystemError) -> Bool {
        var entry = pollfd(fd: fd, events: Int16(readable ? POLLIN : POLLOUT), revents: 0)
        let result = try retrying { poll(&entry, 1, milliseconds) }
        return result > 0
    }

    /// Sends `bytes` as one datagram to `address`: `false` when the socket's buffer is full
    /// (`EAGAIN`), `true` when sent.
    package static func sendDatagram(
        _ fd: Int32, _ bytes: UnsafeRawBufferPointer, to address: RawSocketAddress
    )
        throws(SystemError) -> Bool
    {
        var storage = address.storage
        while true {
            let result = withUnsafePointer(to: &storage) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    sendto(fd, bytes.baseAddress, bytes.count, 0, $0, address.length)
                }
            }
            if result >= 0 { return true }
            let code = errno
            if code == EINTR { continue }
            if code == EAGAIN || code == EWOULDBLOCK { return false }
            throw SystemError(code: code)
        }
    }

    /// The local (`peer` false) or remote address of `fd`.
    package static func name(_ fd: Int32, peer: Bool) throws(SystemError) -> RawSocketAddress {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = try withUnsafeMutablePointer(to: &storage) { pointer throws(SystemError) in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address throws(SystemError) in
                try retrying { peer ? getpeername(fd, address, &length) : getsockname(fd, address, &length) }
            }
        }
        return RawSocketAddress(storage: storage, length: length)
    }
}

private func systemSocket(_ family: Int32, _ type: Int32, _ proto: Int32) -> Int32 { socket(family, type, proto) }
private func systemBind(_ fd: Int32, _ address: UnsafePointer<sockaddr>, _ length: socklen_t) -> Int32 {
    bind(fd, address, length)
}
private func systemListen(_ fd: Int32, _ backlog: Int32) -> Int32 { listen(fd, backlog) }
private func systemConnect(_ fd: Int32, _ address: UnsafePointer<sockaddr>, _ length: socklen_t) -> Int32 {
    connect(fd, address, length)
}
private func systemAccept(
    _ fd: Int32, _ address: UnsafeMutablePointer<sockaddr>?, _ length: UnsafeMutablePointer<socklen_t>?
)
    -> Int32
{ accept(fd, address, length) }
