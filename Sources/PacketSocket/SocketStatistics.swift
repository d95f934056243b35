import NIOCore
import PacketFraming
import PacketInet

/// A socket's counters, as `inet:getstat/1` answers them: one count per packet delivered or
/// sent, header bytes included; averages and deviations as Erlang keeps them (running, per
/// packet; reported as integers).
public struct SocketStatistics: Sendable, Hashable, CustomStringConvertible {
    /// `recv_oct`: bytes delivered.
    public var receivedBytes: Int = 0
    /// `recv_cnt`: packets delivered.
    public var receivedPackets: Int = 0
    /// `recv_max`: the longest packet delivered.
    public var receivedMaximum: Int = 0
    /// `recv_avg`: the average packet length delivered.
    public var receivedAverage: Int { Int(receiveMean) }
    /// `recv_dvi`: the average deviation of the delivered lengths.
    public var receivedDeviation: Int { Int(abs(receiveDeviation)) }
    /// `send_oct`: bytes sent.
    public var sentBytes: Int = 0
    /// `send_cnt`: sends.
    public var sentPackets: Int = 0
    /// `send_max`: the longest send.
    public var sentMaximum: Int = 0
    /// `send_avg`: the average send length.
    public var sentAverage: Int { Int(sendMean) }
    /// `send_pend`: bytes handed to the socket and not yet written to the kernel.
    public var sendPending: Int = 0

    var receiveMean: Double = 0
    var receiveDeviation: Double = 0
    var sendMean: Double = 0

    /// Zero counters.
    public init() {}

    /// Counts one delivered packet of `length` bytes (header included).
    mutating func received(_ length: Int) {
        receivedBytes &+= length
        receivedPackets &+= 1
        receivedMaximum = max(receivedMaximum, length)
        let n = Double(receivedPackets)
        receiveMean += (Double(length) - receiveMean) / n
        receiveDeviation += ((Double(length) - receiveMean) - receiveDeviation) / n
    }

    /// Counts one send of `length` bytes (header included).
    mutating func sent(_ length: Int) {
        sentBytes &+= length
        sentPackets &+= 1
        sentMaximum = max(sentMaximum, length)
        sendMean += (Double(length) - sendMean) / Double(sentPackets)
    }

    /// Erlang's default `inet:getstat/1` list, in its order: `(name, value)` pairs.
    public var erlangList: [(name: String, value: Int)] {
        [
            ("recv_oct", receivedBytes), ("recv_cnt", receivedPackets), ("recv_max", receivedMaximum),
            ("recv_avg", receivedAverage), ("recv_dvi", receivedDeviation), ("send_oct", sentBytes),
            ("send_cnt", sentPackets), ("send_max", sentMaximum), ("send_avg", sentAverage),
            ("send_pend", sendPending),
        ]
    }

    /// As Erlang prints the list with `~w`: `[{recv_oct,7},{recv_cnt,1},...]`.
    public var description: String {
        "[" + erlangList.map { "{\($0.name),\($0.value)}" }.joined(separator: ",") + "]"
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.erlangList.elementsEqual(rhs.erlangList) { $0 == $1 }
    }

    public func hash(into hasher: inout Hasher) {
        for entry in erlangList { hasher.combine(entry.value) }
    }
}

/// One packet a socket delivers: bytes, or for the HTTP packet types a parsed HTTP packet.
public enum SocketPacket: Sendable, Hashable, CustomStringConvertible {
    /// The packet's bytes (for the length types, without the header): a slice of what the socket
    /// read.
    case bytes(ByteBuffer)
    /// An HTTP packet (`{packet, http | http_bin | httph | httph_bin}`).
    indirect case http(HTTPPacket)

    /// The bytes, or `nil` for an HTTP packet.
    public var bytes: ByteBuffer? {
        if case .bytes(let b) = self { b } else { nil }
    }

    /// The HTTP packet, or `nil` for bytes.
    public var http: HTTPPacket? {
        if case .http(let h) = self { h } else { nil }
    }

    /// The bytes as text (invalid UTF-8 repaired), or the HTTP packet as sent.
    public var description: String {
        switch self {
        case .bytes(let b): String(decoding: b.readableBytesView, as: UTF8.self)
        case .http(let h): String(describing: h)
        }
    }
}

/// A message of an active socket, in Erlang's order: data, then (for `{active, N}`) passive,
/// and at the end an error if there is one to report, then closed.
public enum SocketMessage: Sendable, Hashable {
    /// `{tcp, S, Data}` / `{http, S, HttpPacket}`.
    case data(SocketPacket)
    /// `{tcp_passive, S}`: the `{active, N}` count reached 0.
    case passive
    /// `{tcp_error, S, Reason}`.
    case error(InetError)
    /// `{tcp_closed, S}`: the last message.
    case closed
}
