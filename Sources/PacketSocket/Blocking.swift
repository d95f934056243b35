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

/// The calls that may block (name lookups, waiting for a connection or an accept, entering a
/// network namespace) run on this pool's threads, never on Swift concurrency's cooperative pool.
enum Blocking {
    static let pool: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: 8)
        pool.start()
        return pool
    }()

    /// How long one wait on the pool lasts before it looks again at its deadline and at whether
    /// it should stop.
    static let sliceMilliseconds: Int32 = 50

    static func run<T: Sendable>(_ body: @escaping @Sendable () -> Result<T, InetError>) async throws(InetError) -> T {
        let result: Result<T, InetError>
        do { result = try await pool.runIfActive(body) } catch {
            throw InetError("cancelled", reason: "the wait was cancelled")
        }
        return try result.get()
    }

    /// The address of `host`: an address literal at once, a name through the resolver on the pool.
    static func resolve(_ host: String) async throws(InetError) -> IPAddress {
        if let address = try? Inet.parseStrictAddress(host) { return address }
        return try await run { Result { () throws(InetError) in try Inet.getaddr(host) } }
    }

    /// A new socket of `kind`, created inside the network namespace at `netns` when one is given.
    static func openSocket(kind: SocketKind, netns: String?) async throws(InetError) -> Int32 {
        guard let netns else {
            do { return try POSIX.socket(family: kind.family, stream: kind.stream) } catch {
                throw InetError(errno: error.code)
            }
        }
        return try await run { Result { () throws(InetError) in try socketInNamespace(netns, kind: kind) } }
    }

    private static func socketInNamespace(_ path: String, kind: SocketKind) throws(InetError) -> Int32 {
        #if os(Linux)
        // setns changes only the calling thread's namespace: enter, create, and come back on
        // this pool thread before it runs anything else.
        let target: Int32
        let home: Int32
        do {
            target = try POSIX.open(path, O_RDONLY)
            home = try POSIX.open("/proc/thread-self/ns/net", O_RDONLY)
        } catch { throw InetError(errno: error.code) }
        defer {
            POSIX.close(target)
            POSIX.close(home)
        }
        guard let enter = setNamespace else { throw InetError(.eperm, reason: "setns is not available") }
        guard enter(target, cloneNewNet) == 0 else { throw InetError(errno: errno) }
        let result = Result { () throws(SystemError) in try POSIX.socket(family: kind.family, stream: kind.stream) }
        guard enter(home, cloneNewNet) == 0 else {
            // A thread that cannot come back must not run other work in the wrong namespace.
            fatalError("could not return to the network namespace: errno \(errno)")
        }
        do { return try result.get() } catch { throw InetError(errno: error.code) }
        #else
        throw InetError(.eafnosupport, reason: "network namespaces are a Linux feature")
        #endif
    }

    #if os(Linux)
    /// `CLONE_NEWNET` from `<sched.h>`.
    private static let cloneNewNet: Int32 = 0x4000_0000

    /// The C library's `setns` (a GNU extension the Swift Glibc module does not export), looked
    /// up by name.
    private static let setNamespace: (@convention(c) (Int32, Int32) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "setns") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)
    }()
    #endif

    /// How long the next wait slice lasts: at most `sliceMilliseconds`, and at most what is left
    /// before `deadline` (none left: `timeout`).
    static func slice(until deadline: ContinuousClock.Instant?) throws(InetError) -> Int32 {
        guard let deadline else { return sliceMilliseconds }
        let left = deadline - ContinuousClock.now
        if left <= .zero { throw InetError(.timeout) }
        return Int32(min(Int64(sliceMilliseconds), max(left.nanoseconds / 1_000_000, 1)))
    }

    /// Waits one slice (at most `milliseconds`) on the pool for `fd` to become readable or
    /// writable. A long wait is many such jobs, never one: a job that held its thread until the
    /// end of its wait would keep other waits (a connect behind 8 waiting accepts) from running.
    static func waitSlice(_ fd: Int32, readable: Bool, milliseconds: Int32) async throws(InetError) -> Bool {
        try await run { () -> Result<Bool, InetError> in
            do throws(SystemError) {
                return .success(try POSIX.wait(fd, readable: readable, milliseconds: milliseconds))
            } catch {
                return .failure(InetError(errno: error.code))
            }
        }
    }

    /// Waits until the connection `fd` started is made or has failed.
    static func finishConnect(_ fd: Int32, timeout: Duration?) async throws(InetError) {
        let deadline = timeout.map { ContinuousClock.now + $0 }
        while true {
            if try await waitSlice(fd, readable: false, milliseconds: slice(until: deadline)) { break }
        }
        let code = POSIX.pendingError(fd)
        if code != 0 { throw InetError(errno: code) }
    }
}
