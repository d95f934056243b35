/// An error from an inet function: the Erlang atom it answers with (`einval`, `nxdomain`,
/// `eafnosupport`, ...) and a text for people.
///
/// Two errors are equal when their codes are: the reason is commentary.
///
/// ```swift
/// do {
///     _ = try Inet.parseAddress("1.2.3.256")
/// } catch {
///     error.code == .einval      // true
///     error.reason               // "invalid argument", as inet:format_error(einval) says
/// }
/// ```
public struct InetError: Error, Hashable, Sendable, CustomStringConvertible {
    /// An Erlang error atom. Open-ended: any atom can be held; the POSIX ones have names
    /// (`.einval`, `.nxdomain`, ...).
    public struct Code: RawRepresentable, Hashable, Sendable, Comparable, ExpressibleByStringLiteral,
        CustomStringConvertible
    {
        /// The atom's text, as Erlang prints it (`"einval"`).
        public var rawValue: String

        /// The code for the atom `rawValue`.
        public init(rawValue: String) {
            self.rawValue = rawValue
        }

        /// The code for the atom `value`.
        public init(stringLiteral value: String) {
            rawValue = value
        }

        /// The atom Erlang gives this platform's errno number `errno` (`EACCES` -> `eacces`), or `unknown`
        /// for a number Erlang has no name for.
        public init(errno: Int32) {
            rawValue = PosixTable.atomsByErrno[errno] ?? "unknown"
        }

        /// Whether the code is one of Erlang's POSIX codes (`e2big` ... `nxdomain`).
        public var isPosix: Bool { rawValue != "system_limit" && PosixTable.texts[rawValue] != nil }

        /// Every POSIX code Erlang knows, in atom order (`e2big` ... `nxdomain`).
        public static var allPosix: [Code] { PosixTable.entries.map { Code(rawValue: $0.atom) } }

        /// The atom.
        public var description: String { rawValue }

        public static func < (lhs: Code, rhs: Code) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// The Erlang atom.
    public var code: Code
    /// A text for people: by default what `inet:format_error/1` gives for the atom.
    public var reason: String

    /// The error `code`, explained by `reason` or, by default, by `inet:format_error/1`'s text.
    public init(_ code: Code, reason: String? = nil) {
        self.code = code
        self.reason = reason ?? Inet.formatError(code)
    }

    /// The error Erlang names for this platform's errno number `errno`.
    public init(errno: Int32) {
        self.init(Code(errno: errno))
    }

    /// The atom's text (`"einval"`).
    public var atom: String { code.rawValue }

    /// `atom: reason`, e.g. `einval: invalid argument`.
    public var description: String { "\(code.rawValue): \(reason)" }

    public static func == (lhs: InetError, rhs: InetError) -> Bool { lhs.code == rhs.code }

    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    /// `{error, einval}`: an argument Erlang refuses.
    public static var einval: InetError { InetError(.einval) }
    /// `{error, nxdomain}`: no such host.
    public static var nxdomain: InetError { InetError(.nxdomain) }
    /// `{error, eafnosupport}`: an address of the wrong family.
    public static var eafnosupport: InetError { InetError(.eafnosupport) }
}

extension Inet {
    /// The text `inet:format_error/1` gives for the atom `atom`: the POSIX texts, the texts of
    /// `exbadport`, `exbadseq` and `system_limit`, and `"unknown POSIX error"` for anything else.
    public static func formatError(_ atom: String) -> String {
        PosixTable.texts[atom] ?? "unknown POSIX error"
    }

    /// The text `inet:format_error/1` gives for `code`.
    public static func formatError(_ code: InetError.Code) -> String {
        formatError(code.rawValue)
    }
}
