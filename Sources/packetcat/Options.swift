import ArgumentParser
import PacketFraming

/// `--format`: how packets and results are printed.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    /// For people: headings, sizes and a hex-and-ASCII preview.
    case text
    /// Exactly what Erlang's `io:format("~w~n", [Result])` prints.
    case erlang
}

/// The options every framing command takes: the packet type and Erlang's three options.
struct FramingOptions: ParsableArguments {
    @Option(
        name: .customLong("type"),
        help: ArgumentHelp(
            "The packet type, by its Erlang name: \(PacketTypeArgument.validNames).",
            valueName: "type"
        )
    )
    var type: String

    @Option(
        name: .customLong("packet-size"),
        parsing: .unconditional,
        help: ArgumentHelp(
            "Erlang's packet_size: the largest packet accepted, in bytes (0 = no limit, the default).",
            valueName: "n"
        )
    )
    var packetSize: String?

    @Option(
        name: .customLong("line-length"),
        parsing: .unconditional,
        help: ArgumentHelp(
            "Erlang's line_length: with --type line, longer lines come cut at this many bytes; with the http types, "
                + "the longest line accepted when --packet-size is not set (0 = never).",
            valueName: "n"
        )
    )
    var lineLength: String?

    @Option(
        name: .customLong("line-delimiter"),
        parsing: .unconditional,
        help: ArgumentHelp(
            "Erlang's line_delimiter: the byte ending a line with --type line, in decimal (10 = \\n, the default; 59 = ;).",
            valueName: "byte"
        )
    )
    var lineDelimiter: String?

    /// The `--type` value as a packet type.
    func packetType() throws(CLIError) -> PacketType {
        try PacketTypeArgument.parse(type)
    }

    /// The options, checked as Erlang checks them (in the order packet_size, line_length,
    /// line_delimiter).
    func packetOptions() throws(CLIError) -> PacketOptions {
        var options = PacketOptions()
        try Self.apply(packetSize, to: .packetSize, in: &options)
        try Self.apply(lineLength, to: .lineLength, in: &options)
        try Self.apply(lineDelimiter, to: .lineDelimiter, in: &options)
        return options
    }

    /// Sets `name` from the decimal `text`, with PacketError's sentence when Erlang would refuse it.
    static func apply(_ text: String?, to name: PacketOptions.Name, in options: inout PacketOptions) throws(CLIError) {
        guard let text else { return }
        guard let value = DecimalArgument.parse(text) else {
            throw .usage("invalid option \(name.rawValue)=\(text): must be a decimal integer")
        }
        do {
            try options.set(name, to: value.clamped)
        } catch {
            var reason = error.reason
            if value.overflowed {
                // Name the value as given, not the clamped one the check saw.
                reason = reason.replacing("=\(value.clamped):", with: "=\(text):")
            }
            throw .usage(reason)
        }
    }
}

/// A signed decimal integer as typed on the command line.
enum DecimalArgument {
    /// The value (clamped to `Int`'s range when it is larger) and whether it was clamped; `nil`
    /// unless `text` is an optional sign and one or more ASCII digits.
    static func parse(_ text: String) -> (clamped: Int, overflowed: Bool)? {
        var digits = Substring(text)
        var negative = false
        if let first = digits.first, first == "-" || first == "+" {
            negative = first == "-"
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            return nil
        }
        var value = 0
        for c in digits.utf8 {
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(Int(c - UInt8(ascii: "0")))
            if o1 || o2 { return (negative ? Int.min : Int.max, true) }
            value = a
        }
        return (negative ? -value : value, false)
    }
}

/// Packet types on the command line: Erlang names, Swift names and one-line descriptions.
enum PacketTypeArgument {
    /// The names `--type` accepts, in Erlang's order (`0` is another name for `raw`).
    static var names: [String] {
        var names: [String] = []
        for type in PacketType.allCases {
            names.append(type.erlangName)
            if type == .raw { names.append("0") }
        }
        return names
    }

    /// `raw, 0, 1, 2, 4, asn1, cdr, sunrm, fcgi, tpkt, line, http, http_bin, httph, httph_bin`.
    static var validNames: String { names.joined(separator: ", ") }

    /// The type named `name`, or a usage error listing the valid names.
    static func parse(_ name: String) throws(CLIError) -> PacketType {
        guard let type = PacketType(erlangName: name) else {
            throw .usage("unknown packet type '\(name)' for --type; the types are \(validNames)")
        }
        return type
    }

    /// The Swift spelling, `PacketType.length4`.
    static func swiftName(_ type: PacketType) -> String {
        "PacketType." + (details[type]?.swiftCase ?? type.erlangName)
    }

    /// What the type frames, in one line.
    static func summary(_ type: PacketType) -> String {
        details[type]?.summary ?? "Erlang's {packet, \(type.erlangName)}"
    }

    private static let details: [PacketType: (swiftCase: String, summary: String)] = [
        .raw: ("raw", "no framing: whatever bytes have arrived"),
        .length1: ("length1", "1-byte big-endian length, header stripped"),
        .length2: ("length2", "2-byte big-endian length, header stripped"),
        .length4: ("length4", "4-byte big-endian length, header stripped"),
        .asn1: ("asn1", "one BER TLV (X.690), header kept"),
        .cdr: ("cdr", "CORBA GIOP message (12-byte header), header kept"),
        .sunrm: ("sunrm", "ONC RPC record marking fragment, header kept"),
        .fcgi: ("fcgi", "FastCGI record, header kept, padding dropped"),
        .tpkt: ("tpkt", "TPKT (RFC 1006) packet, header kept"),
        .line: ("line", "a line up to and including its delimiter byte"),
        .http: ("http", "HTTP start line, header or end of headers (strings)"),
        .httpBin: ("httpBin", "HTTP start line, header or end of headers (binaries)"),
        .httph: ("httph", "HTTP header or end of headers only (strings)"),
        .httphBin: ("httphBin", "HTTP header or end of headers only (binaries)"),
    ]
}
