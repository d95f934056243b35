/// The 52 header fields Erlang's HTTP decoder knows by name, in Erlang's order: the raw value is
/// the index Erlang reports in `{http_header, Index, Field, ...}` (1-based), and
/// ``canonicalName`` is the atom Erlang uses for the field (`'Content-Length'`).
///
/// A field is recognised when its name matches the canonical name case-insensitively, as in
/// Erlang (which re-cases the name and looks it up); recognising one builds no string.
public enum HTTPField: Int, Sendable, Hashable, CaseIterable {
    case cacheControl = 1
    case connection
    case date
    case pragma
    case transferEncoding
    case upgrade
    case via
    case accept
    case acceptCharset
    case acceptEncoding
    case acceptLanguage
    case authorization
    case from
    case host
    case ifModifiedSince
    case ifMatch
    case ifNoneMatch
    case ifRange
    case ifUnmodifiedSince
    case maxForwards
    case proxyAuthorization
    case range
    case referer
    case userAgent
    case age
    case location
    case proxyAuthenticate
    case `public`
    case retryAfter
    case server
    case vary
    case warning
    case wwwAuthenticate
    case allow
    case contentBase
    case contentEncoding
    case contentLanguage
    case contentLength
    case contentLocation
    case contentMD5
    case contentRange
    case contentType
    case etag
    case expires
    case lastModified
    case acceptRanges
    case setCookie
    case setCookie2
    case xForwardedFor
    case cookie
    case keepAlive
    case proxyConnection

    /// The index Erlang reports for the field (1 through 52).
    @inlinable
    public var erlangIndex: Int { rawValue }

    /// The name as Erlang spells the field's atom: `Content-Length`, `Www-Authenticate`, `Etag`.
    public var canonicalName: String { String(decoding: HTTPField.names[rawValue - 1], as: UTF8.self) }

    /// The canonical names, in order: each lower-case literal of ``lowercasedName`` re-cased the
    /// way Erlang re-cases header names (Erlang's atoms are exactly those).
    @usableFromInline
    internal static let names: [[UInt8]] = allCases.map { field in
        let name = field.lowercasedName
        return HTTPParser.recased(UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
    }

    /// The canonical name in lower case, as a literal (no table to initialise on the hot path).
    @inlinable
    internal var lowercasedName: StaticString {
        switch self {
        case .cacheControl: "cache-control"
        case .connection: "connection"
        case .date: "date"
        case .pragma: "pragma"
        case .transferEncoding: "transfer-encoding"
        case .upgrade: "upgrade"
        case .via: "via"
        case .accept: "accept"
        case .acceptCharset: "accept-charset"
        case .acceptEncoding: "accept-encoding"
        case .acceptLanguage: "accept-language"
        case .authorization: "authorization"
        case .from: "from"
        case .host: "host"
        case .ifModifiedSince: "if-modified-since"
        case .ifMatch: "if-match"
        case .ifNoneMatch: "if-none-match"
        case .ifRange: "if-range"
        case .ifUnmodifiedSince: "if-unmodified-since"
        case .maxForwards: "max-forwards"
        case .proxyAuthorization: "proxy-authorization"
        case .range: "range"
        case .referer: "referer"
        case .userAgent: "user-agent"
        case .age: "age"
        case .location: "location"
        case .proxyAuthenticate: "proxy-authenticate"
        case .public: "public"
        case .retryAfter: "retry-after"
        case .server: "server"
        case .vary: "vary"
        case .warning: "warning"
        case .wwwAuthenticate: "www-authenticate"
        case .allow: "allow"
        case .contentBase: "content-base"
        case .contentEncoding: "content-encoding"
        case .contentLanguage: "content-language"
        case .contentLength: "content-length"
        case .contentLocation: "content-location"
        case .contentMD5: "content-md5"
        case .contentRange: "content-range"
        case .contentType: "content-type"
        case .etag: "etag"
        case .expires: "expires"
        case .lastModified: "last-modified"
        case .acceptRanges: "accept-ranges"
        case .setCookie: "set-cookie"
        case .setCookie2: "set-cookie2"
        case .xForwardedFor: "x-forwarded-for"
        case .cookie: "cookie"
        case .keepAlive: "keep-alive"
        case .proxyConnection: "proxy-connection"
        }
    }

    /// The only field a name of this length, first and last letter can be (lower-cased), if any.
    /// The 52 names differ in (length, first, last) but for Content-Base and Content-Type, which
    /// the ninth letter tells apart.
    @inlinable
    internal static func candidate(length: Int, first: UInt8, last: UInt8, ninth: UInt8) -> HTTPField? {
        switch (length, first, last) {
        case (3, 0x76, 0x61): .via
        case (3, 0x61, 0x65): .age
        case (4, 0x64, 0x65): .date
        case (4, 0x66, 0x6D): .from
        case (4, 0x68, 0x74): .host
        case (4, 0x76, 0x79): .vary
        case (4, 0x65, 0x67): .etag
        case (5, 0x72, 0x65): .range
        case (5, 0x61, 0x77): .allow
        case (6, 0x70, 0x61): .pragma
        case (6, 0x70, 0x63): .public
        case (6, 0x61, 0x74): .accept
        case (6, 0x73, 0x72): .server
        case (6, 0x63, 0x65): .cookie
        case (7, 0x75, 0x65): .upgrade
        case (7, 0x72, 0x72): .referer
        case (7, 0x77, 0x67): .warning
        case (7, 0x65, 0x73): .expires
        case (8, 0x69, 0x68): .ifMatch
        case (8, 0x69, 0x65): .ifRange
        case (8, 0x6C, 0x6E): .location
        case (10, 0x63, 0x6E): .connection
        case (10, 0x75, 0x74): .userAgent
        case (10, 0x73, 0x65): .setCookie
        case (10, 0x6B, 0x65): .keepAlive
        case (11, 0x72, 0x72): .retryAfter
        case (11, 0x63, 0x35): .contentMD5
        case (11, 0x73, 0x32): .setCookie2
        case (12, 0x6D, 0x73): .maxForwards
        case (12, 0x63, 0x65): ninth == 0x62 ? .contentBase : .contentType
        case (13, 0x63, 0x6C): .cacheControl
        case (13, 0x63, 0x65): .contentRange
        case (13, 0x61, 0x6E): .authorization
        case (13, 0x61, 0x73): .acceptRanges
        case (13, 0x69, 0x68): .ifNoneMatch
        case (13, 0x6C, 0x64): .lastModified
        case (14, 0x61, 0x74): .acceptCharset
        case (14, 0x63, 0x68): .contentLength
        case (15, 0x61, 0x67): .acceptEncoding
        case (15, 0x61, 0x65): .acceptLanguage
        case (15, 0x78, 0x72): .xForwardedFor
        case (16, 0x63, 0x67): .contentEncoding
        case (16, 0x63, 0x65): .contentLanguage
        case (16, 0x63, 0x6E): .contentLocation
        case (16, 0x77, 0x65): .wwwAuthenticate
        case (16, 0x70, 0x6E): .proxyConnection
        case (17, 0x74, 0x67): .transferEncoding
        case (17, 0x69, 0x65): .ifModifiedSince
        case (18, 0x70, 0x65): .proxyAuthenticate
        case (19, 0x69, 0x65): .ifUnmodifiedSince
        case (19, 0x70, 0x6E): .proxyAuthorization
        default: nil
        }
    }

    /// The known field named by `p[start..<end]`, compared case-insensitively.
    ///
    /// Header-name bytes are never separators or controls, so OR-ing 0x20 folds exactly the
    /// ASCII letters and leaves `-` and digits as they are.
    @inlinable
    internal static func lookup(_ p: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> HTTPField? {
        let length = end - start
        guard length >= 3 && length <= 19, let base = p.baseAddress else { return nil }
        let name = base + start
        let ninth = length > 8 ? name.load(fromByteOffset: 8, as: UInt8.self) | 0x20 : 0
        guard
            let field = candidate(
                length: length,
                first: name.load(as: UInt8.self) | 0x20,
                last: name.load(fromByteOffset: length - 1, as: UInt8.self) | 0x20,
                ninth: ninth
            )
        else { return nil }
        let expected = field.lowercasedName
        guard expected.utf8CodeUnitCount == length else { return nil }
        let reference = UnsafeRawPointer(expected.utf8Start)
        // Overlapping word loads cover every length from 3 to 19 in at most three compares.
        @inline(__always)
        func same64(_ offset: Int) -> Bool {
            name.loadUnaligned(fromByteOffset: offset, as: UInt64.self) | 0x2020_2020_2020_2020
                == reference.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
        }
        @inline(__always)
        func same16(_ offset: Int) -> Bool {
            name.loadUnaligned(fromByteOffset: offset, as: UInt16.self) | 0x2020
                == reference.loadUnaligned(fromByteOffset: offset, as: UInt16.self)
        }
        @inline(__always)
        func same32(_ offset: Int) -> Bool {
            name.loadUnaligned(fromByteOffset: offset, as: UInt32.self) | 0x2020_2020
                == reference.loadUnaligned(fromByteOffset: offset, as: UInt32.self)
        }
        let same: Bool
        if length >= 8 {
            same = same64(0) && same64(length - 8) && (length <= 16 || same64(8))
        } else if length >= 4 {
            same = same32(0) && same32(length - 4)
        } else {
            same = same16(0) && same16(length - 2)
        }
        return same ? field : nil
    }
}
