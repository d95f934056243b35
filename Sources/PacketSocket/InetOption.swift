import PacketFraming

/// How a socket hands over its packets: Erlang's `{active, false | true | once | N}`.
public enum ActiveMode: Sendable, Hashable, CustomStringConvertible {
    /// `{active, false}`: packets are taken with `recv`; the socket reads from the kernel only
    /// while a `recv` waits, so a fast sender is held back by TCP.
    case passive
    /// `{active, true}`: every packet becomes a message of ``TCPSocket/messages``.
    case always
    /// `{active, once}`: one message, then the socket is passive again.
    case once
    /// `{active, N}`: adds N (-32,768...32,767) to the socket's count; at 0 the socket sends
    /// ``SocketMessage/passive`` and turns passive.
    case count(Int)

    /// As Erlang writes it: `false`, `true`, `once` or the number.
    public var description: String {
        switch self {
        case .passive: "false"
        case .always: "true"
        case .once: "once"
        case .count(let n): String(n)
        }
    }
}

extension ActiveMode {
    /// What follows a data message in this mode.
    enum AfterMessage {
        /// Still active.
        case goOn
        /// Passive now (`once`).
        case stop
        /// Passive now, with a passive message (the count reached 0).
        case stopWithPassiveMessage
    }

    /// After setopts: a count that `{active, N}` brought to 0 or below makes the socket passive,
    /// and then (`true`) the socket sends a passive message at once, as Erlang does.
    mutating func countRanOut() -> Bool {
        guard case .count(let n) = self, n <= 0 else { return false }
        self = .passive
        return true
    }

    /// Counts one data message sent: `once` and a count of 1 turn passive.
    mutating func messageSent() -> AfterMessage {
        switch self {
        case .passive, .always: return .goOn
        case .once:
            self = .passive
            return .stop
        case .count(let n):
            if n <= 1 {
                self = .passive
                return .stopWithPassiveMessage
            }
            self = .count(n - 1)
            return .goOn
        }
    }
}

/// One socket option of Erlang's `inet:setopts/2`, with its value. The names are Erlang's; the
/// table in the PacketSocket documentation says which go to the kernel and which the socket
/// emulates, and how values out of range are read.
public enum InetOption: Sendable, Hashable {
    /// `{active, A}`: see ``ActiveMode``.
    case active(ActiveMode)
    /// `{broadcast, B}`: `SO_BROADCAST`.
    case broadcast(Bool)
    /// `{buffer, N}`: the size of the socket's read buffer; raw packets are at most this long.
    case buffer(Int)
    /// `{delay_send, B}`: kept and answered (sends are queued by the event loop either way).
    case delaySend(Bool)
    /// `{deliver, port | term}`: kept and answered (messages are values either way).
    case deliver(Deliver)
    /// `{dontroute, B}`: `SO_DONTROUTE`.
    case dontroute(Bool)
    /// `{exit_on_close, B}`: whether the socket closes once its peer closed (else it can still
    /// send).
    case exitOnClose(Bool)
    /// `{header, N}`: kept and answered (it only shapes Erlang's list mode).
    case header(Int)
    /// `{high_msgq_watermark, N}`.
    case highMessageQueueWatermark(Int)
    /// `{high_watermark, N}`: above this many queued output bytes, `send` waits.
    case highWatermark(Int)
    /// `{ipv6_v6only, B}`: `IPV6_V6ONLY` (IPv6 sockets).
    case ipv6V6only(Bool)
    /// `{keepalive, B}`: `SO_KEEPALIVE`.
    case keepalive(Bool)
    /// `{linger, {On, Seconds}}`: `SO_LINGER`.
    case linger(on: Bool, seconds: Int)
    /// `{low_msgq_watermark, N}`.
    case lowMessageQueueWatermark(Int)
    /// `{low_watermark, N}`: a waiting `send` goes on once the queue is below this.
    case lowWatermark(Int)
    /// `{mode, list | binary}`: kept and answered (packets are bytes either way).
    case mode(Mode)
    /// `{netns, Path}`: the network namespace the socket is created in (set when opening).
    case netns(String)
    /// `{nodelay, B}`: `TCP_NODELAY`.
    case nodelay(Bool)
    /// `{packet, Type}`.
    case packet(PacketType)
    /// `{packet_size, N}`: the largest packet accepted (0: no limit).
    case packetSize(Int)
    /// `{line_delimiter, Byte}`: the byte that ends a `line` packet (taken modulo 256).
    case lineDelimiter(Int)
    /// `{priority, N}`: `SO_PRIORITY` (Linux).
    case priority(Int)
    /// `{raw, Level, Name, Value}`: any `setsockopt`.
    case raw(level: Int, name: Int, value: [UInt8])
    /// `{read_packets, N}`: datagrams read per wake-up (UDP; a TCP socket accepts and ignores it).
    case readPackets(Int)
    /// `{recbuf, N}`: `SO_RCVBUF`; also raises `buffer` unless `buffer` was set.
    case recbuf(Int)
    /// `{reuseaddr, B}`: `SO_REUSEADDR`.
    case reuseaddr(Bool)
    /// `{send_timeout, Milliseconds | infinity}` (`nil`: infinity).
    case sendTimeout(Int?)
    /// `{send_timeout_close, B}`: close the connection when a send times out (later sends and
    /// recvs answer `enotconn`; the counters still answer).
    case sendTimeoutClose(Bool)
    /// `{show_econnreset, B}`: report a peer's reset as `econnreset` rather than `closed`.
    case showEconnreset(Bool)
    /// `{sndbuf, N}`: `SO_SNDBUF`.
    case sndbuf(Int)
    /// `{tos, N}`: `IP_TOS`.
    case tos(Int)
    /// `{tclass, N}`: `IPV6_TCLASS` (IPv6 sockets).
    case tclass(Int)

    /// Erlang's `{deliver, _}` values.
    public enum Deliver: String, Sendable, Hashable {
        /// `port`.
        case port
        /// `term` (the default).
        case term
    }

    /// Erlang's `{mode, _}` values.
    public enum Mode: String, Sendable, Hashable {
        /// `list` (Erlang's default).
        case list
        /// `binary`.
        case binary
    }

    /// The option's name.
    public var name: Name {
        switch self {
        case .active: .active
        case .broadcast: .broadcast
        case .buffer: .buffer
        case .delaySend: .delaySend
        case .deliver: .deliver
        case .dontroute: .dontroute
        case .exitOnClose: .exitOnClose
        case .header: .header
        case .highMessageQueueWatermark: .highMessageQueueWatermark
        case .highWatermark: .highWatermark
        case .ipv6V6only: .ipv6V6only
        case .keepalive: .keepalive
        case .linger: .linger
        case .lowMessageQueueWatermark: .lowMessageQueueWatermark
        case .lowWatermark: .lowWatermark
        case .mode: .mode
        case .netns: .netns
        case .nodelay: .nodelay
        case .packet: .packet
        case .packetSize: .packetSize
        case .lineDelimiter: .lineDelimiter
        case .priority: .priority
        case .raw(let level, let name, let value): .raw(level: level, name: name, length: value.count)
        case .readPackets: .readPackets
        case .recbuf: .recbuf
        case .reuseaddr: .reuseaddr
        case .sendTimeout: .sendTimeout
        case .sendTimeoutClose: .sendTimeoutClose
        case .showEconnreset: .showEconnreset
        case .sndbuf: .sndbuf
        case .tos: .tos
        case .tclass: .tclass
        }
    }

    /// An option to ask for with `options(_:)` (Erlang's `inet:getopts/2`).
    public enum Name: Sendable, Hashable, CustomStringConvertible {
        /// `active`.
        case active
        /// `broadcast`.
        case broadcast
        /// `buffer`.
        case buffer
        /// `delay_send`.
        case delaySend
        /// `deliver`.
        case deliver
        /// `dontroute`.
        case dontroute
        /// `exit_on_close`.
        case exitOnClose
        /// `header`.
        case header
        /// `high_msgq_watermark`.
        case highMessageQueueWatermark
        /// `high_watermark`.
        case highWatermark
        /// `ipv6_v6only`.
        case ipv6V6only
        /// `keepalive`.
        case keepalive
        /// `linger`.
        case linger
        /// `low_msgq_watermark`.
        case lowMessageQueueWatermark
        /// `low_watermark`.
        case lowWatermark
        /// `mode`.
        case mode
        /// `netns`.
        case netns
        /// `nodelay`.
        case nodelay
        /// `packet`.
        case packet
        /// `packet_size`.
        case packetSize
        /// `line_delimiter` (Erlang/OTP 25 cannot read it back: `einval`, and so does this socket).
        case lineDelimiter
        /// `priority`.
        case priority
        /// `{raw, Level, Name, Length}`: at most `length` bytes of any `getsockopt`.
        case raw(level: Int, name: Int, length: Int)
        /// `read_packets`.
        case readPackets
        /// `recbuf`.
        case recbuf
        /// `reuseaddr`.
        case reuseaddr
        /// `send_timeout`.
        case sendTimeout
        /// `send_timeout_close`.
        case sendTimeoutClose
        /// `show_econnreset`.
        case showEconnreset
        /// `sndbuf`.
        case sndbuf
        /// `tos`.
        case tos
        /// `tclass`.
        case tclass

        /// Every option that has a plain name (all but `raw`), in the order of the `inet`
        /// documentation.
        public static let allPlain: [Name] = [
            .active, .broadcast, .buffer, .delaySend, .deliver, .dontroute, .exitOnClose, .header,
            .highMessageQueueWatermark, .highWatermark, .ipv6V6only, .keepalive, .linger,
            .lowMessageQueueWatermark, .lowWatermark, .mode, .netns, .nodelay, .packet, .packetSize,
            .lineDelimiter, .priority, .readPackets, .recbuf, .reuseaddr, .sendTimeout, .sendTimeoutClose,
            .showEconnreset, .sndbuf, .tos, .tclass,
        ]

        /// The Erlang atom.
        public var description: String {
            switch self {
            case .active: "active"
            case .broadcast: "broadcast"
            case .buffer: "buffer"
            case .delaySend: "delay_send"
            case .deliver: "deliver"
            case .dontroute: "dontroute"
            case .exitOnClose: "exit_on_close"
            case .header: "header"
            case .highMessageQueueWatermark: "high_msgq_watermark"
            case .highWatermark: "high_watermark"
            case .ipv6V6only: "ipv6_v6only"
            case .keepalive: "keepalive"
            case .linger: "linger"
            case .lowMessageQueueWatermark: "low_msgq_watermark"
            case .lowWatermark: "low_watermark"
            case .mode: "mode"
            case .netns: "netns"
            case .nodelay: "nodelay"
            case .packet: "packet"
            case .packetSize: "packet_size"
            case .lineDelimiter: "line_delimiter"
            case .priority: "priority"
            case .raw: "raw"
            case .readPackets: "read_packets"
            case .recbuf: "recbuf"
            case .reuseaddr: "reuseaddr"
            case .sendTimeout: "send_timeout"
            case .sendTimeoutClose: "send_timeout_close"
            case .showEconnreset: "show_econnreset"
            case .sndbuf: "sndbuf"
            case .tos: "tos"
            case .tclass: "tclass"
            }
        }
    }
}

extension InetOption: CustomStringConvertible {
    /// The option as Erlang's `~w` prints it in `inet:getopts/2`'s answer, e.g. `{packet,4}`,
    /// `{active,once}`, `{linger,{false,0}}`, `{send_timeout,infinity}`.
    public var description: String {
        func atom(_ b: Bool) -> String { b ? "true" : "false" }
        let value: String
        switch self {
        case .active(let mode): value = mode.description
        case .broadcast(let b), .delaySend(let b), .dontroute(let b), .exitOnClose(let b), .ipv6V6only(let b),
            .keepalive(let b), .nodelay(let b), .reuseaddr(let b), .sendTimeoutClose(let b), .showEconnreset(let b):
            value = atom(b)
        case .buffer(let n), .header(let n), .highMessageQueueWatermark(let n), .highWatermark(let n),
            .lowMessageQueueWatermark(let n), .lowWatermark(let n), .packetSize(let n), .lineDelimiter(let n),
            .priority(let n), .readPackets(let n), .recbuf(let n), .sndbuf(let n), .tos(let n), .tclass(let n):
            value = String(n)
        case .deliver(let d): value = d.rawValue
        case .mode(let m): value = m.rawValue
        case .netns(let path): value = "[" + path.utf8.map { String($0) }.joined(separator: ",") + "]"
        case .packet(let type):
            // Erlang keeps raw as 0 and the length types as their sizes.
            value = type == .raw ? "0" : type.lengthHeaderSize.map { String($0) } ?? type.erlangName
        case .linger(let on, let seconds): value = "{\(atom(on)),\(seconds)}"
        case .sendTimeout(let t): value = t.map { String($0) } ?? "infinity"
        case .raw(let level, let name, let bytes):
            return "{raw,\(level),\(name),<<" + bytes.map { String($0) }.joined(separator: ",") + ">>}"
        }
        return "{\(name),\(value)}"
    }
}
