import PacketFraming
import PacketInet
import PacketSystem

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The options the socket keeps itself (inet_drv's driver state), with Erlang's defaults.
struct EmulatedOptions: Sendable {
    var active: ActiveMode = .always
    var buffer: Int32 = 1460
    var bufferWasSet = false
    var delaySend = false
    var deliver = InetOption.Deliver.term
    var exitOnClose = true
    var header = 0
    var highMessageQueueWatermark: Int32 = 8192
    var lowMessageQueueWatermark: Int32 = 4096
    var highWatermark: Int32 = 8192
    var lowWatermark: Int32 = 4096
    var mode = InetOption.Mode.list
    var netns: String? = nil
    var packet = PacketType.raw
    var packetSize: UInt32 = 0
    var lineDelimiter: UInt8 = 0x0A
    var readPackets = 5
    var sendTimeout: Int32? = nil
    var sendTimeoutClose = false
    var showEconnreset = false
    /// `{linger, {true, 0}}`: close resets the connection, dropping what is not yet written.
    var resetOnClose = false

    /// The framing options the packet options make.
    var packetOptions: PacketOptions {
        PacketOptions(packetSize: packetSize, lineDelimiter: lineDelimiter == 0x0A ? nil : lineDelimiter)
    }
}

/// What kind of socket an option is applied to.
struct SocketKind: Sendable {
    /// `AF_INET` or `AF_INET6`.
    var family: Int32
    /// TCP (`true`) or UDP.
    var stream: Bool
    /// A listening socket.
    var listening = false
}

/// Where a kernel option lives and how its value is written.
struct KernelOption {
    enum Value { case bool, int, linger }
    var level: Int32
    var name: Int32
    var value: Value
}

enum OptionRules {
    static func invalid(_ name: InetOption.Name, _ why: String) -> InetError {
        InetError(.einval, reason: "option \(name): \(why)")
    }

    /// The kernel's place for `name` on `kind`, or `nil` for an emulated option (or one this kind
    /// of socket does not have).
    static func kernel(_ name: InetOption.Name, kind: SocketKind) -> KernelOption? {
        switch name {
        case .broadcast: KernelOption(level: SOL_SOCKET, name: SO_BROADCAST, value: .bool)
        case .dontroute: KernelOption(level: SOL_SOCKET, name: SO_DONTROUTE, value: .bool)
        case .keepalive: KernelOption(level: SOL_SOCKET, name: SO_KEEPALIVE, value: .bool)
        case .linger: KernelOption(level: SOL_SOCKET, name: SO_LINGER, value: .linger)
        case .reuseaddr: KernelOption(level: SOL_SOCKET, name: SO_REUSEADDR, value: .bool)
        case .recbuf: KernelOption(level: SOL_SOCKET, name: SO_RCVBUF, value: .int)
        case .sndbuf: KernelOption(level: SOL_SOCKET, name: SO_SNDBUF, value: .int)
        case .nodelay: kind.stream ? KernelOption(level: Int32(IPPROTO_TCP), name: TCP_NODELAY, value: .bool) : nil
        case .priority:
            #if os(Linux)
            KernelOption(level: SOL_SOCKET, name: SO_PRIORITY, value: .int)
            #else
            nil
            #endif
        case .tos: KernelOption(level: Int32(IPPROTO_IP), name: IP_TOS, value: .int)
        case .tclass:
            kind.family == AF_INET6 ? KernelOption(level: Int32(IPPROTO_IPV6), name: IPV6_TCLASS, value: .int) : nil
        case .ipv6V6only:
            kind.family == AF_INET6 ? KernelOption(level: Int32(IPPROTO_IPV6), name: IPV6_V6ONLY, value: .bool) : nil
        case .raw(let level, let name, _):
            KernelOption(level: Int32(truncatingIfNeeded: level), name: Int32(truncatingIfNeeded: name), value: .int)
        default: nil
        }
    }

    /// Applies `options` in Erlang's way. Every value is checked first (prim_inet refuses a list
    /// with a bad value before setting any); then the options are set one by one in the order
    /// inet_drv sees them (``processingOrder(_:opening:)``), with the watermark rules as each
    /// comes; a failure there (an option this socket does not have, a count out of range, the
    /// kernel's refusal) stops the list with the options before it set, as in inet_drv: `emulated`
    /// then holds them, and the caller keeps it. An explicit `buffer` in the list wins over the
    /// `recbuf` rule whatever the order; every kernel option keeps the others' priority and tos;
    /// a `raw` option the kernel refuses is passed over, as inet_drv does. `fd` is `nil` when
    /// there is no kernel socket (the options are then only checked and kept).
    ///
    /// - Parameter opening: the options of connect, listen or open, which inet gathers first (one
    ///   value per option, the last given); `false` for setopts.
    static func apply(
        _ options: [InetOption], to emulated: inout EmulatedOptions, fd: Int32?, kind: SocketKind,
        opening: Bool = false
    ) throws(InetError) {
        for option in options { try check(option, kind: kind) }
        let setsBuffer = options.contains { if case .buffer = $0 { true } else { false } }
        for option in processingOrder(options, opening: opening) {
            try apply(option, to: &emulated, fd: fd, kind: kind, listSetsBuffer: setsBuffer)
        }
    }

    /// The order in which inet_drv sets a list (asked of Erlang/OTP 25: `Tests/Oracle`). A
    /// setopts list is handed over reversed, so of two values for one option the first given
    /// stays (`[{packet,1},{packet,2}]` leaves 1), and `[{high_watermark,100},{low_watermark,200}]`
    /// sets the low mark first. The options of connect and listen are first gathered by inet, one
    /// per option with the last value given (every `raw` kept), the latest first, and set in that
    /// order.
    static func processingOrder(_ options: [InetOption], opening: Bool) -> [InetOption] {
        guard opening else { return options.reversed() }
        var seen: [InetOption.Name] = []
        var order: [InetOption] = []
        for option in options.reversed() {
            if case .raw = option {
                order.append(option)
            } else if !seen.contains(option.name) {
                seen.append(option.name)
                order.append(option)
            }
        }
        return order
    }

    /// The checks prim_inet makes of a value before anything is set.
    private static func check(_ option: InetOption, kind: SocketKind) throws(InetError) {
        let name = option.name
        switch option {
        case .active(.count(let n)):
            guard (-32768...32767).contains(n) else { throw invalid(name, "the count must be within -32768...32767") }
        case .header(let n), .packetSize(let n):
            guard n >= 0 else { throw invalid(name, "must be 0 or more") }
        case .highMessageQueueWatermark(let n), .lowMessageQueueWatermark(let n):
            guard n >= 1 else { throw invalid(name, "must be 1 or more") }
        case .readPackets(let n):
            guard !kind.stream else { break }
            guard n >= 1 else { throw invalid(name, "must be 1 or more") }
        case .sendTimeout(let t?):
            guard t >= 0 else { throw invalid(name, "must be 0 or more, or infinity") }
        default: break
        }
    }

    private static func apply(
        _ option: InetOption, to o: inout EmulatedOptions, fd: Int32?, kind: SocketKind, listSetsBuffer: Bool
    ) throws(InetError) {
        switch option {
        case .active(let mode):
            o.active = try combine(o.active, with: mode)
        case .buffer(let n):
            o.buffer = max(Int32(truncatingIfNeeded: n), 1)
            o.bufferWasSet = true
        case .delaySend(let b): o.delaySend = b
        case .deliver(let d): o.deliver = d
        case .exitOnClose(let b): o.exitOnClose = b
        case .header(let n):
            o.header = n
        case .highWatermark(let n):
            o.highWatermark = max(Int32(clamping: n), 0)
            if o.lowWatermark > o.highWatermark { o.lowWatermark = o.highWatermark }
        case .lowWatermark(let n):
            o.lowWatermark = max(Int32(clamping: n), 0)
            if o.highWatermark < o.lowWatermark { o.highWatermark = o.lowWatermark }
        case .highMessageQueueWatermark(let n):
            o.highMessageQueueWatermark = Int32(clamping: n)
            if o.lowMessageQueueWatermark > o.highMessageQueueWatermark {
                o.lowMessageQueueWatermark = o.highMessageQueueWatermark
            }
        case .lowMessageQueueWatermark(let n):
            o.lowMessageQueueWatermark = Int32(clamping: n)
            if o.highMessageQueueWatermark < o.lowMessageQueueWatermark {
                o.highMessageQueueWatermark = o.lowMessageQueueWatermark
            }
        case .mode(let m): o.mode = m
        case .netns(let path): o.netns = path
        case .packet(let type): o.packet = type
        case .packetSize(let n):
            o.packetSize = UInt32(truncatingIfNeeded: n)
        case .lineDelimiter(let n): o.lineDelimiter = UInt8(truncatingIfNeeded: n)
        case .readPackets(let n):
            if !kind.stream { o.readPackets = n }
        case .sendTimeout(let t):
            if let t {
                o.sendTimeout = Int32(truncatingIfNeeded: t)
            } else {
                o.sendTimeout = nil
            }
        case .sendTimeoutClose(let b): o.sendTimeoutClose = b
        case .linger(let on, let seconds):
            try setKernel(option, fd: fd, kind: kind)
            o.resetOnClose = on && seconds == 0
        case .showEconnreset(let b): o.showEconnreset = b
        case .recbuf(let n):
            try setKernel(option, fd: fd, kind: kind)
            if !o.bufferWasSet && !listSetsBuffer {
                var raised = Int32(truncatingIfNeeded: n)
                if !kind.stream && raised > 65536 { raised = 65536 }
                o.buffer = max(o.buffer, raised)
            }
        default:
            try setKernel(option, fd: fd, kind: kind)
        }
    }

    /// `{active, N}` adds to a count; anything else replaces the mode.
    static func combine(_ current: ActiveMode, with new: ActiveMode) throws(InetError) -> ActiveMode {
        guard case .count(let n) = new else { return new }
        let base: Int
        if case .count(let m) = current { base = m } else { base = 0 }
        let sum = base + n
        guard (-32768...32767).contains(n), (-32768...32767).contains(sum) else {
            throw invalid(.active, "the count must stay within -32768...32767")
        }
        return .count(sum)
    }

    private static func setKernel(_ option: InetOption, fd: Int32?, kind: SocketKind) throws(InetError) {
        guard let where_ = kernel(option.name, kind: kind) else {
            throw invalid(option.name, "not an option of this kind of socket")
        }
        guard let fd else { return }
        var bytes: [UInt8]
        switch option {
        case .broadcast(let b), .dontroute(let b), .keepalive(let b), .reuseaddr(let b), .nodelay(let b),
            .ipv6V6only(let b):
            bytes = int32Bytes(b ? 1 : 0)
        case .recbuf(let n), .sndbuf(let n), .priority(let n), .tos(let n), .tclass(let n):
            bytes = int32Bytes(Int32(truncatingIfNeeded: n))
        case .linger(let on, let seconds):
            bytes = int32Bytes(on ? 1 : 0) + int32Bytes(Int32(truncatingIfNeeded: seconds))
        case .raw(_, _, let value):
            bytes = value
        default:
            return
        }
        do {
            try keepingPriorityAndTOS(fd: fd, kind: kind, setting: option.name) { () throws(SystemError) in
                let result = bytes.withUnsafeBytes { raw in
                    Result { () throws(SystemError) in
                        try POSIX.setOption(fd, level: where_.level, name: where_.name, value: raw)
                    }
                }
                try result.get()
            }
        } catch {
            // inet_drv passes over a raw option the kernel refuses: setopts still answers ok.
            if case .raw = option { return }
            throw error
        }
    }

    /// Runs `set`, then writes back the priority, and the tos unless `setting` is tos, as inet_drv
    /// does (Linux changes SO_PRIORITY whenever IP_TOS is set; the options should look independent).
    private static func keepingPriorityAndTOS(
        fd: Int32, kind: SocketKind, setting: InetOption.Name, _ set: () throws(SystemError) -> Void
    ) throws(InetError) {
        #if os(Linux)
        let ipv4 = kind.family == AF_INET
        let priority = try? POSIX.intOption(fd, level: SOL_SOCKET, name: SO_PRIORITY)
        let tos = ipv4 ? try? POSIX.intOption(fd, level: Int32(IPPROTO_IP), name: IP_TOS) : nil
        do { try set() } catch { throw errorForKernel(error, setting) }
        if setting != .tos, let tos {
            try? POSIX.setOption(fd, level: Int32(IPPROTO_IP), name: IP_TOS, tos)
        }
        if setting != .priority, let priority {
            try? POSIX.setOption(fd, level: SOL_SOCKET, name: SO_PRIORITY, priority)
        }
        #else
        do { try set() } catch { throw errorForKernel(error, setting) }
        #endif
    }

    static func errorForKernel(_ error: SystemError, _ name: InetOption.Name) -> InetError {
        if error.code == ENOPROTOOPT || error.code == EOPNOTSUPP {
            return invalid(name, "not an option of this socket")
        }
        return InetError(errno: error.code)
    }

    static func int32Bytes(_ value: Int32) -> [UInt8] {
        withUnsafeBytes(of: value) { Array($0) }
    }

    static func int32(_ bytes: [UInt8], at offset: Int = 0) -> Int32 {
        var value: Int32 = 0
        withUnsafeMutableBytes(of: &value) { $0.copyBytes(from: bytes.dropFirst(offset).prefix(4)) }
        return value
    }

    /// What `getopts` answers for `names`: `nil` entries are left out (Erlang's `{ok, []}` for
    /// an option this kind of socket does not have).
    static func read(
        _ names: [InetOption.Name], emulated o: EmulatedOptions, fd: Int32?, kind: SocketKind
    ) throws(InetError) -> [InetOption] {
        var result: [InetOption] = []
        for name in names {
            if let option = try read(name, emulated: o, fd: fd, kind: kind) { result.append(option) }
        }
        return result
    }

    private static func read(
        _ name: InetOption.Name, emulated o: EmulatedOptions, fd: Int32?, kind: SocketKind
    ) throws(InetError) -> InetOption? {
        switch name {
        case .active: return .active(o.active)
        case .buffer: return .buffer(Int(o.buffer))
        case .delaySend: return kind.stream ? .delaySend(o.delaySend) : nil
        case .deliver: return .deliver(o.deliver)
        case .exitOnClose: return .exitOnClose(o.exitOnClose)
        case .header: return .header(o.header)
        case .highMessageQueueWatermark: return .highMessageQueueWatermark(Int(o.highMessageQueueWatermark))
        case .lowMessageQueueWatermark: return .lowMessageQueueWatermark(Int(o.lowMessageQueueWatermark))
        case .highWatermark: return kind.stream ? .highWatermark(Int(o.highWatermark)) : nil
        case .lowWatermark: return kind.stream ? .lowWatermark(Int(o.lowWatermark)) : nil
        case .mode: return .mode(o.mode)
        case .netns: return o.netns.map { .netns($0) }
        case .packet: return .packet(o.packet)
        case .packetSize: return .packetSize(Int(o.packetSize))
        case .lineDelimiter: throw invalid(name, "cannot be read back (as in Erlang/OTP 25)")
        case .readPackets: return kind.stream ? nil : .readPackets(o.readPackets)
        case .sendTimeout: return kind.stream ? .sendTimeout(o.sendTimeout.map { Int($0) }) : nil
        case .sendTimeoutClose: return kind.stream ? .sendTimeoutClose(o.sendTimeoutClose) : nil
        case .showEconnreset: return kind.stream ? .showEconnreset(o.showEconnreset) : nil
        case .raw(let level, let optName, let length):
            guard let fd else { throw InetError(.einval) }
            guard length >= 0 else { throw invalid(name, "the length must be 0 or more") }
            do {
                let bytes = try POSIX.option(
                    fd, level: Int32(truncatingIfNeeded: level), name: Int32(truncatingIfNeeded: optName),
                    capacity: length)
                return .raw(level: level, name: optName, value: bytes)
            } catch { throw errorForKernel(error, name) }
        default:
            guard let place = kernel(name, kind: kind) else { return nil }
            guard let fd else { throw InetError(.einval) }
            if !kind.stream && name == .nodelay { return nil }
            let bytes: [UInt8]
            do {
                bytes = try POSIX.option(
                    fd, level: place.level, name: place.name, capacity: place.value == .linger ? 8 : 4)
            } catch { throw errorForKernel(error, name) }
            let value = Int(int32(bytes))
            switch name {
            case .broadcast: return .broadcast(value != 0)
            case .dontroute: return .dontroute(value != 0)
            case .keepalive: return .keepalive(value != 0)
            case .reuseaddr: return .reuseaddr(value != 0)
            case .nodelay: return .nodelay(value != 0)
            case .ipv6V6only: return .ipv6V6only(value != 0)
            case .linger: return .linger(on: value != 0, seconds: Int(int32(bytes, at: 4)))
            case .recbuf: return .recbuf(value)
            case .sndbuf: return .sndbuf(value)
            case .priority: return .priority(value)
            case .tos: return .tos(value)
            case .tclass: return .tclass(value)
            default: return nil
            }
        }
    }
}
