import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import PacketInet
import PacketSystem

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A listening TCP socket (`gen_tcp:listen/2`): ``accept(timeout:)`` takes one connection at a
/// time, as `gen_tcp:accept/2` does, and the accepted socket inherits every option set on the
/// listener (the packet type, the active mode, the buffer, the kernel options…).
///
/// ```swift
/// let listener = try await TCPListener.listen(
///     port: 0, address: .v4(.loopback), options: [.packet(.line), .active(.passive)])
/// let socket = try await listener.accept()
/// ```
public final class TCPListener: Sendable {
    struct State {
        var options: EmulatedOptions
        var closed = false
        var accepting = 0
        var descriptorClosed = false
    }

    let descriptor: Int32
    let kind: SocketKind
    let group: any EventLoopGroup
    let state: NIOLockedValueBox<State>

    init(descriptor: Int32, kind: SocketKind, options: EmulatedOptions, group: any EventLoopGroup) {
        self.descriptor = descriptor
        self.kind = kind
        self.group = group
        self.state = NIOLockedValueBox(State(options: options))
    }

    deinit {
        let open = state.withLockedValue { !$0.descriptorClosed }
        if open { POSIX.close(descriptor) }
    }

    /// Listens on `port` (0: the kernel picks one) at `address` (`nil`: every IPv4 address),
    /// with `options` set on the listening socket.
    ///
    /// - Parameters:
    ///   - port: the port, 0 for one the kernel picks (``port()`` tells which).
    ///   - address: the local address (`nil`: every IPv4 address).
    ///   - options: the options, inherited by every accepted socket.
    ///   - backlog: the kernel's queue of connections not yet accepted (Erlang's default, 5).
    ///   - group: the SwiftNIO event loops the accepted sockets run on.
    public static func listen(
        port: Int = 0, address: IPAddress? = nil, options: [InetOption] = [], backlog: Int = 5,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async throws(InetError) -> TCPListener {
        guard (0...65535).contains(port) else { throw InetError(.einval, reason: "port \(port) out of range") }
        let address = address ?? .v4(IPv4Address(value: 0))
        let kind = SocketKind(family: address.family == .inet6 ? AF_INET6 : AF_INET, stream: true, listening: true)
        let fd = try await Blocking.openSocket(kind: kind, netns: TCPSocket.netns(in: options))
        var emulated = EmulatedOptions()
        do throws(InetError) {
            try OptionRules.apply(options, to: &emulated, fd: fd, kind: kind, opening: true)
            do {
                try POSIX.bind(fd, RawSocketAddress(ipAddress: address, port: port))
                try POSIX.listen(fd, backlog: Int32(clamping: backlog))
            } catch { throw InetError(errno: error.code) }
        } catch {
            POSIX.close(fd)
            throw error
        }
        return TCPListener(descriptor: fd, kind: kind, options: emulated, group: group)
    }

    /// The next connection, as a socket with the listener's options (`gen_tcp:accept/2`).
    ///
    /// - Parameter timeout: how long to wait (`nil`: until a connection comes or the listener
    ///   is closed). On expiry the error is `timeout`.
    /// - Throws: `closed` once the listener is closed.
    nonisolated(nonsending) public func accept(timeout: Duration? = nil) async throws(InetError) -> TCPSocket {
        let options = try begin()
        defer { end() }
        let deadline = timeout.map { ContinuousClock.now + $0 }
        while true {
            let accepted: Int32?
            do { accepted = try POSIX.accept(descriptor) } catch { throw InetError(errno: error.code) }
            if let fd = accepted {
                let kind = SocketKind(family: self.kind.family, stream: true)
                do {
                    return try await TCPSocket.adopt(fd, kind: kind, options: options, group: group)
                } catch {
                    POSIX.close(fd)
                    throw error
                }
            }
            while true {
                if state.withLockedValue({ $0.closed }) { throw InetError("closed") }
                let slice = try Blocking.slice(until: deadline)
                if try await Blocking.waitSlice(descriptor, readable: true, milliseconds: slice) { break }
            }
        }
    }

    private func begin() throws(InetError) -> EmulatedOptions {
        let options = state.withLockedValue { s -> EmulatedOptions? in
            if s.closed { return nil }
            s.accepting += 1
            return s.options
        }
        guard let options else { throw InetError("closed") }
        return options
    }

    private func end() {
        let closeNow = state.withLockedValue { s -> Bool in
            s.accepting -= 1
            guard s.closed, s.accepting == 0, !s.descriptorClosed else { return false }
            s.descriptorClosed = true
            return true
        }
        if closeNow { POSIX.close(descriptor) }
    }

    /// Stops listening: waiting accepts answer `closed` (within a fraction of a second), and
    /// the port is released once they have.
    public func close() {
        let closeNow = state.withLockedValue { s -> Bool in
            s.closed = true
            guard s.accepting == 0, !s.descriptorClosed else { return false }
            s.descriptorClosed = true
            return true
        }
        if closeNow { POSIX.close(descriptor) }
    }

    /// The port it listens on (`inet:port/1`).
    public func port() throws(InetError) -> Int {
        try localName().port
    }

    /// The address and port it listens on (`inet:sockname/1`).
    public func localName() throws(InetError) -> (address: IPAddress, port: Int) {
        try withOpenDescriptor { fd, _ throws(InetError) in
            let raw: RawSocketAddress
            do throws(SystemError) { raw = try POSIX.name(fd, peer: false) } catch {
                throw InetError(errno: error.code)
            }
            return try raw.inetAddress()
        }
    }

    /// Sets options on the listener as `inet:setopts/2` does, last to first (see
    /// ``TCPSocket/setOptions(_:)``); sockets accepted later inherit them.
    public func setOptions(_ options: [InetOption]) throws(InetError) {
        try withOpenDescriptor { fd, s throws(InetError) in
            // A list stopped midway keeps what it set before the failure, as inet_drv's does.
            var o = s.options
            defer { s.options = o }
            try OptionRules.apply(options, to: &o, fd: fd, kind: kind)
        }
    }

    /// The listener's options (`inet:getopts/2`).
    public func options(_ names: [InetOption.Name]) throws(InetError) -> [InetOption] {
        try withOpenDescriptor { fd, s throws(InetError) in
            try OptionRules.read(names, emulated: s.options, fd: fd, kind: kind)
        }
    }

    /// Runs `body` with the descriptor while the listener is open (the lock keeps `close` from
    /// releasing it meanwhile).
    private func withOpenDescriptor<T>(_ body: (Int32, inout State) throws(InetError) -> T) throws(InetError) -> T {
        let result = state.withLockedValue { s -> Result<T, InetError> in
            if s.descriptorClosed || s.closed { return .failure(InetError(.einval, reason: "the listener is closed")) }
            return Result { () throws(InetError) in try body(descriptor, &s) }
        }
        return try result.get()
    }
}

extension RawSocketAddress {
    /// The address and port of a `sockaddr_in` / `sockaddr_in6`.
    func inetAddress() throws(InetError) -> (address: IPAddress, port: Int) {
        var storage = self.storage
        switch family {
        case AF_INET:
            let address = withUnsafeBytes(of: &storage) { $0.load(as: sockaddr_in.self) }
            return (.v4(IPv4Address(address)), Int(UInt16(bigEndian: address.sin_port)))
        case AF_INET6:
            let address = withUnsafeBytes(of: &storage) { $0.load(as: sockaddr_in6.self) }
            return (.v6(IPv6Address(address.sin6_addr)), Int(UInt16(bigEndian: address.sin6_port)))
        default:
            throw InetError(.eafnosupport)
        }
    }
}
