/// The 52 header fields Erlang's HTTP decoder knows by name, in Erlang's order: the raw value is
/// the index Erlang reports in `{http_header, Index, Field, ...}` (1-based), and
/// ``canonicalName`` is the atom Erlang uses for the field (`'Content-Length'`).
///
/// A field is recognised when its name matches the canonical name case-insensitively, as in
/// Erlang (which re-cases the name and looks it up); recognising one builds no string.
public enum HTTPField: Int, Sendable, Hashable, CaseIterable {
    /// `Cache-Control`, index 1.
    case cacheControl = 1
    /// `Connection`, index 2.
    case connection
    /// `Date`, index 3.
    case date
    /// `Pragma`, index 4.
    case pragma
    /// `Transfer-Encoding`, index 5.
    case transferEncoding
    /// `Upgrade`, index 6.
    case upgrade
    /// `Via`, index 7.
    case via
    /// `Accept`, index 8.
    case accept
    /// `Accept-Charset`, index 9.
    case acceptCharset
    /// `Accept-Encoding`, index 10.
    case acceptEncoding
    /// `Accept-Language`, index 11.
    case acceptLanguage
    /// `Authorization`, index 12.
    case authorization
    /// `From`, index 13.
    case from
    /// `Host`, index 14.
    case host
    /// `If-Modified-Since`, index 15.
    case ifModifiedSince
    /// `If-Match`, index 16.
    case ifMatch
    /// `If-None-Match`, index 17.
    case ifNoneMatch
    /// `If-Range`, index 18.
    case ifRange
    /// `If-Unmodified-Since`, index 19.
    case ifUnmodifiedSince
    /// `Max-Forwards`, index 20.
    case maxForwards
    /// `Proxy-Authorization`, index 21.
    case proxyAuthorization
    /// `Range`, index 22.
    case range
    /// `Referer`, index 23.
    case referer
    /// `User-Agent`, index 24.
    case userAgent
    /// `Age`, index 25.
    case age
    /// `Location`, index 26.
    case location
    /// `Proxy-Authenticate`, index 27.
    case proxyAuthenticate
    /// `Public`, index 28.
    case `public`
    /// `Retry-After`, index 29.
    case retryAfter
    /// `Server`, index 30.
    case server
    /// `Vary`, index 31.
    case vary
    /// `Warning`, index 32.
    case warning
    /// `Www-Authenticate`, index 33.
    case wwwAuthenticate
    /// `Allow`, index 34.
    case allow
    /// `Content-Base`, index 35.
    case contentBase
    /// `Content-Encoding`, index 36.
    case contentEncoding
    /// `Content-Language`, index 37.
    case contentLanguage
    /// `Content-Length`, index 38.
    case contentLength
    /// `Content-Location`, index 39.
    case contentLocation
    /// `Content-Md5`, index 40.
    case contentMD5
    /// `Content-Range`, index 41.
    case contentRange
    /// `Content-Type`, index 42.
    case contentType
    /// `Etag`, index 43.
    case etag
    /// `Expires`, index 44.
    case expires
    /// `Last-Modified`, index 45.
    case lastModified
    /// `Accept-Ranges`, index 46.
    case acceptRanges
    /// `Set-Cookie`, index 47.
    case setCookie
    /// `Set-Cookie2`, index 48.
    case setCookie2
    /// `X-Forwarded-For`, index 49.
    case xForwardedFor
    /// `Cookie`, index 50.
    case cookie
    /// `Keep-Alive`, index 51.
    case keepAlive
    /// `Proxy-Connection`, index 52.
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
    @inline(__always)
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

    /// The only field whose name can have this length and these lower-cased first, last and
    /// second-to-last letters, if any. The four values are multiplied into a 7-bit hash that is
    /// different for each of the 52 names (a perfect hash, found by search); the compiler turns
    /// the switch into a table.
    @inlinable
    @inline(__always)
    internal static func candidate(length: Int, first: UInt8, last: UInt8, secondLast: UInt8) -> HTTPField? {
        let key = UInt64(length) | UInt64(first) << 8 | UInt64(last) << 16 | UInt64(secondLast) << 24
        return switch (key &* 0x5A7A_1041_8CA7_094D) >> 57 {
        case 1: .acceptRanges
        case 3: .transferEncoding
        case 6: .server
        case 8: .contentMD5
        case 10: .cacheControl
        case 12: .age
        case 15: .maxForwards
        case 18: .connection
        case 22: .xForwardedFor
        case 23: .keepAlive
        case 26: .date
        case 32: .authorization
        case 33: .acceptEncoding
        case 34: .contentLocation
        case 35: .upgrade
        case 38: .lastModified
        case 39: .contentBase
        case 43: .acceptLanguage
        case 44: .retryAfter
        case 47: .via
        case 50: .from
        case 53: .accept
        case 54: .acceptCharset
        case 58: .contentLength
        case 59: .proxyConnection
        case 65: .wwwAuthenticate
        case 67: .proxyAuthorization
        case 68: .contentType
        case 69: .ifUnmodifiedSince
        case 70: .vary
        case 72: .contentEncoding
        case 74: .contentRange
        case 75: .pragma
        case 78: .ifNoneMatch
        case 79: .cookie
        case 82: .contentLanguage
        case 85: .setCookie
        case 86: .ifRange
        case 89: .public
        case 93: .location
        case 96: .setCookie2
        case 101: .expires
        case 104: .host
        case 107: .ifModifiedSince
        case 108: .ifMatch
        case 109: .userAgent
        case 112: .proxyAuthenticate
        case 116: .range
        case 117: .warning
        case 119: .referer
        case 121: .etag
        case 127: .allow
        default: nil
        }
    }

    /// The known field named by the `length` bytes at `name`: letters compared case-insensitively,
    /// every other byte exactly.
    ///
    /// The compare needs no check of the bytes first: the canonical names hold only letters,
    /// digits and `-`, and 0x20 is OR-ed into a name byte only where the canonical name has a
    /// letter (bit 0x40 set), which folds exactly the ASCII letters. So a match also proves that
    /// every byte of the name is a token byte.
    @inlinable
    @inline(__always)
    internal static func lookup(_ name: UnsafeRawPointer, _ length: Int) -> HTTPField? {
        guard length >= 3 && length <= 19 else { return nil }
        guard
            let field = candidate(
                length: length,
                first: name.load(as: UInt8.self) | 0x20,
                last: name.load(fromByteOffset: length - 1, as: UInt8.self) | 0x20,
                secondLast: name.load(fromByteOffset: length - 2, as: UInt8.self) | 0x20
            )
        else { return nil }
        let expected = field.lowercasedName
        guard expected.utf8CodeUnitCount == length else { return nil }
        let reference = UnsafeRawPointer(expected.utf8Start)
        // Overlapping word loads cover every length from 3 to 19 in at most three compares. The
        // case bit of a reference byte is its 0x40 bit moved down one place.
        @inline(__always)
        func same64(_ offset: Int) -> Bool {
            let r = reference.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            return name.loadUnaligned(fromByteOffset: offset, as: UInt64.self) | (r >> 1 & 0x2020_2020_2020_2020) == r
        }
        @inline(__always)
        func same32(_ offset: Int) -> Bool {
            let r = reference.loadUnaligned(fromByteOffset: offset, as: UInt32.self)
            return name.loadUnaligned(fromByteOffset: offset, as: UInt32.self) | (r >> 1 & 0x2020_2020) == r
        }
        @inline(__always)
        func same16(_ offset: Int) -> Bool {
            let r = reference.loadUnaligned(fromByteOffset: offset, as: UInt16.self)
            return name.loadUnaligned(fromByteOffset: offset, as: UInt16.self) | (r >> 1 & 0x2020) == r
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
