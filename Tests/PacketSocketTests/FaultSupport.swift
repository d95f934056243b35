import NIOCore
import PacketInet
import PacketSocket
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A wait that lasted long enough to call it a hang.
struct Hang: Error, CustomStringConvertible {
    var what: String
    var description: String { "hung: \(what)" }
}

/// `body`'s result, or `Hang` once `seconds` pass: a guard against a hang, never a timing
/// assertion (a correct socket answers in milliseconds on loopback).
func guarded<T: Sendable>(
    _ what: String, seconds: Int = 10, _ body: @escaping @Sendable () async throws -> T
) async throws -> T {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: .seconds(seconds))
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next(), let value = first else { throw Hang(what: what) }
        return value
    }
}

/// The messages of an active socket up to and including `.closed` (at most `limit`).
func messagesUntilClosed(_ socket: TCPSocket, limit: Int = 64) async throws -> [SocketMessage] {
    try await guarded("messages until closed") {
        var seen: [SocketMessage] = []
        for await message in socket.messages {
            seen.append(message)
            if message == .closed || seen.count >= limit { break }
        }
        return seen
    }
}

/// The next `count` messages of an active socket.
func nextMessages(_ socket: TCPSocket, _ count: Int) async throws -> [SocketMessage] {
    try await guarded("\(count) messages") {
        var seen: [SocketMessage] = []
        var iterator = socket.messages.makeAsyncIterator()
        while seen.count < count, let message = await iterator.next() { seen.append(message) }
        return seen
    }
}

/// A message that arrives within `window`, or `nil`: the Erlang probes' `flush()` with its
/// 200 ms `after`. Only ever used to check that nothing comes, so a slow machine cannot make a
/// correct socket fail it.
func messageWithin(_ socket: TCPSocket, _ window: Duration = .milliseconds(200)) async -> SocketMessage? {
    await withTaskGroup(of: SocketMessage?.self) { group in
        group.addTask {
            var iterator = socket.messages.makeAsyncIterator()
            return await iterator.next()
        }
        group.addTask {
            try? await Task.sleep(for: window)
            return nil
        }
        let first = await group.next() ?? nil
        group.cancelAll()
        return first
    }
}

func data(_ text: String) -> SocketMessage {
    .data(.bytes(ByteBuffer(string: text)))
}

/// Polls `condition` every 10 ms for at most `seconds`; whether it came true.
func eventually(seconds: Int = 10, _ condition: () throws -> Bool) async throws -> Bool {
    for _ in 0..<(seconds * 100) {
        if try condition() { return true }
        try await Task.sleep(for: .milliseconds(10))
    }
    return try condition()
}

// MARK: - The process, from /proc

/// The entries of `/proc/self/fd`: descriptor number and link target (`socket:[INODE]`, ...).
func openDescriptors() -> [(fd: Int32, target: String)] {
    guard let dir = opendir("/proc/self/fd") else { return [] }
    defer { closedir(dir) }
    let own = dirfd(dir)
    var result: [(Int32, String)] = []
    while let entry = readdir(dir) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
            String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
        }
        guard let fd = Int32(name), fd != own else { continue }
        var link = [CChar](repeating: 0, count: 256)
        let n = readlink("/proc/self/fd/\(name)", &link, link.count - 1)
        let target = n > 0 ? String(decoding: link[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self) : ""
        result.append((fd, target))
    }
    return result
}

/// The socket inodes the kernel lists in /proc/net/tcp with `port` as local or remote port
/// (a socket in TIME_WAIT has inode 0 and belongs to no descriptor).
func tcpInodes(port: Int) -> Set<String> {
    let hex = String(port, radix: 16, uppercase: true)
    let padded = String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    var inodes = Set<String>()
    for line in readText("/proc/net/tcp").split(separator: "\n").dropFirst() {
        let fields = line.split(separator: " ", omittingEmptySubsequences: true)
        guard fields.count > 9 else { continue }
        if fields[1].hasSuffix(":" + padded) || fields[2].hasSuffix(":" + padded), fields[9] != "0" {
            inodes.insert(String(fields[9]))
        }
    }
    return inodes
}

/// The descriptors of this process that are TCP sockets with `port` at one end.
func descriptorsOnPort(_ port: Int) -> [Int32] {
    let inodes = tcpInodes(port: port)
    return openDescriptors().compactMap { entry in
        guard entry.target.hasPrefix("socket:[") else { return nil }
        let inode = entry.target.dropFirst("socket:[".count).dropLast()
        return inodes.contains(String(inode)) ? entry.fd : nil
    }
}

/// The resident set size in KiB (`VmRSS` of /proc/self/status).
func residentKiB() -> Int {
    for line in readText("/proc/self/status").split(separator: "\n") where line.hasPrefix("VmRSS:") {
        return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") ?? 0
    }
    return 0
}

func readText(_ path: String) -> String {
    guard let file = fopen(path, "r") else { return "" }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65536)
    while true {
        let n = fread(&chunk, 1, chunk.count, file)
        if n <= 0 { break }
        bytes += chunk[0..<n]
    }
    return String(decoding: bytes, as: UTF8.self)
}

/// Raises the soft limit of open files towards `wanted` (at most the hard limit); the soft
/// limit afterwards.
func raiseOpenFileLimit(to wanted: Int) -> Int {
    var limit = rlimit()
    guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 0 }
    if limit.rlim_cur < rlim_t(wanted) {
        limit.rlim_cur = min(rlim_t(wanted), limit.rlim_max)
        _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        _ = getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
    }
    return Int(clamping: limit.rlim_cur)
}
