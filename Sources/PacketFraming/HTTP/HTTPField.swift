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

    @usableFromInline
    internal static let names: [[UInt8]] = [
        "Cache-Control", "Connection", "Date", "Pragma", "Transfer-Encoding", "Upgrade", "Via", "Accept",
        "Accept-Charset", "Accept-Encoding", "Accept-Language", "Authorization", "From", "Host",
        "If-Modified-Since", "If-Match", "If-None-Match", "If-Range", "If-Unmodified-Since", "Max-Forwards",
        "Proxy-Authorization", "Range", "Referer", "User-Agent", "Age", "Location", "Proxy-Authenticate", "Public",
        "Retry-After", "Server", "Vary", "Warning", "Www-Authenticate", "Allow", "Content-Base", "Content-Encoding",
        "Content-Language", "Content-Length", "Content-Location", "Content-Md5", "Content-Range", "Content-Type",
        "Etag", "Expires", "Last-Modified", "Accept-Ranges", "Set-Cookie", "Set-Cookie2", "X-Forwarded-For",
        "Cookie", "Keep-Alive", "Proxy-Connection",
    ].map { Array($0.utf8) }

    /// For each name length, the fields of that length (lowercased names), for lookup.
    @usableFromInline
    internal static let byLength: [[(field: HTTPField, lowercased: [UInt8])]] = {
        var table = [[(field: HTTPField, lowercased: [UInt8])]](repeating: [], count: 20)
        for field in HTTPField.allCases {
            let name = names[field.rawValue - 1]
            table[name.count].append((field, name.map { $0 | 0x20 }))
        }
        return table
    }()

    /// The known field named by `p[start..<end]`, compared case-insensitively.
    ///
    /// Header-name bytes are never separators or controls, so OR-ing 0x20 folds exactly the
    /// ASCII letters and leaves `-` and digits as they are.
    @inlinable
    internal static func lookup(_ p: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> HTTPField? {
        let length = end - start
        guard length < byLength.count else { return nil }
        candidates: for candidate in byLength[length] {
            var i = 0
            for c in candidate.lowercased {
                if p[start + i] | 0x20 != c { continue candidates }
                i += 1
            }
            return candidate.field
        }
        return nil
    }
}
