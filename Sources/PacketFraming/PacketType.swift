/// The packet types of Erlang's `{packet, Type}` socket option and `erlang:decode_packet/3`.
///
/// | Erlang        | Swift           | framing                                              |
/// |---------------|-----------------|------------------------------------------------------|
/// | `raw`, `0`    | ``raw``         | no framing: whatever bytes are there                 |
/// | `1`           | ``length1``     | 1-byte big-endian length, header stripped            |
/// | `2`           | ``length2``     | 2-byte big-endian length, header stripped            |
/// | `4`           | ``length4``     | 4-byte big-endian length, header stripped            |
/// | `asn1`        | ``asn1``        | one BER TLV (X.690), header kept                     |
/// | `cdr`         | ``cdr``         | CORBA GIOP message (12-byte header), header kept     |
/// | `sunrm`       | ``sunrm``       | ONC RPC record marking fragment, header kept         |
/// | `fcgi`        | ``fcgi``        | FastCGI record, header kept, padding dropped         |
/// | `tpkt`        | ``tpkt``        | TPKT (RFC 1006), header kept                         |
/// | `line`        | ``line``        | up to and including a delimiter byte                 |
/// | `http`        | ``http``        | an HTTP start line, header or end of headers         |
/// | `http_bin`    | ``httpBin``     | the same (Erlang gives binaries instead of strings)  |
/// | `httph`       | ``httph``       | an HTTP header or end of headers (no start line)     |
/// | `httph_bin`   | ``httphBin``    | the same, binaries                                   |
public enum PacketType: Sendable, Hashable, CaseIterable {
    /// `raw` or `0`: no framing.
    case raw
    /// `1`: a 1-byte big-endian length, stripped.
    case length1
    /// `2`: a 2-byte big-endian length, stripped.
    case length2
    /// `4`: a 4-byte big-endian length, stripped.
    case length4
    /// `asn1`: one BER TLV, header kept.
    case asn1
    /// `cdr`: one CORBA GIOP message, header kept.
    case cdr
    /// `sunrm`: one ONC RPC record-marking fragment, header kept.
    case sunrm
    /// `fcgi`: one FastCGI record, header kept, padding dropped.
    case fcgi
    /// `tpkt`: one TPKT packet, header kept.
    case tpkt
    /// `line`: up to and including the delimiter.
    case line
    /// `http`: HTTP start lines and headers, text as strings.
    case http
    /// `http_bin`: HTTP start lines and headers, text as binaries.
    case httpBin
    /// `httph`: HTTP headers only, text as strings.
    case httph
    /// `httph_bin`: HTTP headers only, text as binaries.
    case httphBin

    /// The name Erlang uses: `raw`, `1`, `2`, `4`, `asn1`, `cdr`, `sunrm`, `fcgi`, `tpkt`, `line`.
    public var erlangName: String {
        switch self {
        case .raw: "raw"
        case .length1: "1"
        case .length2: "2"
        case .length4: "4"
        case .asn1: "asn1"
        case .cdr: "cdr"
        case .sunrm: "sunrm"
        case .fcgi: "fcgi"
        case .tpkt: "tpkt"
        case .line: "line"
        case .http: "http"
        case .httpBin: "http_bin"
        case .httph: "httph"
        case .httphBin: "httph_bin"
        }
    }

    /// The type Erlang calls `name` (`0` and `raw` are the same type), or `nil` if there is none.
    public init?(erlangName name: String) {
        switch name {
        case "raw", "0": self = .raw
        case "1": self = .length1
        case "2": self = .length2
        case "4": self = .length4
        case "asn1": self = .asn1
        case "cdr": self = .cdr
        case "sunrm": self = .sunrm
        case "fcgi": self = .fcgi
        case "tpkt": self = .tpkt
        case "line": self = .line
        case "http": self = .http
        case "http_bin": self = .httpBin
        case "httph": self = .httph
        case "httph_bin": self = .httphBin
        default: return nil
        }
    }

    /// Whether this is one of the HTTP types, whose packets are parsed into ``HTTPPacket``s.
    @inlinable
    public var isHTTP: Bool {
        switch self {
        case .http, .httpBin, .httph, .httphBin: true
        default: false
        }
    }

    /// For the HTTP types: whether Erlang gives binaries (`http_bin`, `httph_bin`) rather than
    /// strings. The Swift values are the same either way.
    @inlinable
    public var isBinaryHTTP: Bool { self == .httpBin || self == .httphBin }

    /// For the HTTP types: whether only headers are expected (`httph`, `httph_bin`).
    @inlinable
    public var isHeaderOnlyHTTP: Bool { self == .httph || self == .httphBin }

    /// The size of the length header for ``length1``, ``length2`` and ``length4``, else `nil`.
    public var lengthHeaderSize: Int? {
        switch self {
        case .length1: 1
        case .length2: 2
        case .length4: 4
        default: nil
        }
    }
}

extension PacketType: CustomStringConvertible {
    public var description: String { erlangName }
}
