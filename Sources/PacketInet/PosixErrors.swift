// The table of Erlang/OTP 25's POSIX error codes: every atom `inet:format_error/1` knows,
// with the text it gives, and the errno numbers Erlang names with them (by name, so the
// numbers are this platform's). The texts were read
// off `erl` by experiment (see Tests/PacketInetTests/PosixErrorTests.swift, which checks each one
// against the real `erl`).

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension InetError.Code {
    /// `e2big`: "argument list too long".
    public static let e2big: Self = "e2big"
    /// `eacces`: "permission denied".
    public static let eacces: Self = "eacces"
    /// `eaddrinuse`: "address already in use".
    public static let eaddrinuse: Self = "eaddrinuse"
    /// `eaddrnotavail`: "can't assign requested address".
    public static let eaddrnotavail: Self = "eaddrnotavail"
    /// `eadv`: "advertise error".
    public static let eadv: Self = "eadv"
    /// `eafnosupport`: "address family not supported by protocol family".
    public static let eafnosupport: Self = "eafnosupport"
    /// `eagain`: "resource temporarily unavailable".
    public static let eagain: Self = "eagain"
    /// `ealign`: "EALIGN".
    public static let ealign: Self = "ealign"
    /// `ealready`: "operation already in progress".
    public static let ealready: Self = "ealready"
    /// `ebade`: "bad exchange descriptor".
    public static let ebade: Self = "ebade"
    /// `ebadf`: "bad file number".
    public static let ebadf: Self = "ebadf"
    /// `ebadfd`: "file descriptor in bad state".
    public static let ebadfd: Self = "ebadfd"
    /// `ebadmsg`: "not a data message".
    public static let ebadmsg: Self = "ebadmsg"
    /// `ebadr`: "bad request descriptor".
    public static let ebadr: Self = "ebadr"
    /// `ebadrpc`: "RPC structure is bad".
    public static let ebadrpc: Self = "ebadrpc"
    /// `ebadrqc`: "bad request code".
    public static let ebadrqc: Self = "ebadrqc"
    /// `ebadslt`: "invalid slot".
    public static let ebadslt: Self = "ebadslt"
    /// `ebfont`: "bad font file format".
    public static let ebfont: Self = "ebfont"
    /// `ebusy`: "file busy".
    public static let ebusy: Self = "ebusy"
    /// `echild`: "no children".
    public static let echild: Self = "echild"
    /// `echrng`: "channel number out of range".
    public static let echrng: Self = "echrng"
    /// `ecomm`: "communication error on send".
    public static let ecomm: Self = "ecomm"
    /// `econnaborted`: "software caused connection abort".
    public static let econnaborted: Self = "econnaborted"
    /// `econnrefused`: "connection refused".
    public static let econnrefused: Self = "econnrefused"
    /// `econnreset`: "connection reset by peer".
    public static let econnreset: Self = "econnreset"
    /// `edeadlk`: "resource deadlock avoided".
    public static let edeadlk: Self = "edeadlk"
    /// `edeadlock`: "resource deadlock avoided".
    public static let edeadlock: Self = "edeadlock"
    /// `edestaddrreq`: "destination address required".
    public static let edestaddrreq: Self = "edestaddrreq"
    /// `edirty`: "mounting a dirty fs w/o force".
    public static let edirty: Self = "edirty"
    /// `edom`: "math argument out of range".
    public static let edom: Self = "edom"
    /// `edotdot`: "cross mount point".
    public static let edotdot: Self = "edotdot"
    /// `edquot`: "disk quota exceeded".
    public static let edquot: Self = "edquot"
    /// `eduppkg`: "duplicate package name".
    public static let eduppkg: Self = "eduppkg"
    /// `eexist`: "file already exists".
    public static let eexist: Self = "eexist"
    /// `efault`: "bad address in system call argument".
    public static let efault: Self = "efault"
    /// `efbig`: "file too large".
    public static let efbig: Self = "efbig"
    /// `eftype`: "EFTYPE".
    public static let eftype: Self = "eftype"
    /// `ehostdown`: "host is down".
    public static let ehostdown: Self = "ehostdown"
    /// `ehostunreach`: "host is unreachable".
    public static let ehostunreach: Self = "ehostunreach"
    /// `eidrm`: "identifier removed".
    public static let eidrm: Self = "eidrm"
    /// `einit`: "initialization error".
    public static let einit: Self = "einit"
    /// `einprogress`: "operation now in progress".
    public static let einprogress: Self = "einprogress"
    /// `eintr`: "interrupted system call".
    public static let eintr: Self = "eintr"
    /// `einval`: "invalid argument".
    public static let einval: Self = "einval"
    /// `eio`: "I/O error".
    public static let eio: Self = "eio"
    /// `eisconn`: "socket is already connected".
    public static let eisconn: Self = "eisconn"
    /// `eisdir`: "illegal operation on a directory".
    public static let eisdir: Self = "eisdir"
    /// `eisnam`: "is a name file".
    public static let eisnam: Self = "eisnam"
    /// `el2hlt`: "level 2 halted".
    public static let el2hlt: Self = "el2hlt"
    /// `el2nsync`: "level 2 not synchronized".
    public static let el2nsync: Self = "el2nsync"
    /// `el3hlt`: "level 3 halted".
    public static let el3hlt: Self = "el3hlt"
    /// `el3rst`: "level 3 reset".
    public static let el3rst: Self = "el3rst"
    /// `elbin`: "ELBIN".
    public static let elbin: Self = "elbin"
    /// `elibacc`: "cannot access a needed shared library".
    public static let elibacc: Self = "elibacc"
    /// `elibbad`: "accessing a corrupted shared library".
    public static let elibbad: Self = "elibbad"
    /// `elibexec`: "cannot exec a shared library directly".
    public static let elibexec: Self = "elibexec"
    /// `elibmax`: "attempting to link in more shared libraries than system limit".
    public static let elibmax: Self = "elibmax"
    /// `elibscn`: ".lib section in a.out corrupted".
    public static let elibscn: Self = "elibscn"
    /// `elnrng`: "link number out of range".
    public static let elnrng: Self = "elnrng"
    /// `eloop`: "too many levels of symbolic links".
    public static let eloop: Self = "eloop"
    /// `emfile`: "too many open files".
    public static let emfile: Self = "emfile"
    /// `emlink`: "too many links".
    public static let emlink: Self = "emlink"
    /// `emsgsize`: "message too long".
    public static let emsgsize: Self = "emsgsize"
    /// `emultihop`: "multihop attempted".
    public static let emultihop: Self = "emultihop"
    /// `enametoolong`: "file name too long".
    public static let enametoolong: Self = "enametoolong"
    /// `enavail`: "not available".
    public static let enavail: Self = "enavail"
    /// `enet`: "ENET".
    public static let enet: Self = "enet"
    /// `enetdown`: "network is down".
    public static let enetdown: Self = "enetdown"
    /// `enetreset`: "network dropped connection on reset".
    public static let enetreset: Self = "enetreset"
    /// `enetunreach`: "network is unreachable".
    public static let enetunreach: Self = "enetunreach"
    /// `enfile`: "file table overflow".
    public static let enfile: Self = "enfile"
    /// `enoano`: "anode table overflow".
    public static let enoano: Self = "enoano"
    /// `enobufs`: "no buffer space available".
    public static let enobufs: Self = "enobufs"
    /// `enocsi`: "no CSI structure available".
    public static let enocsi: Self = "enocsi"
    /// `enodata`: "no data available".
    public static let enodata: Self = "enodata"
    /// `enodev`: "no such device".
    public static let enodev: Self = "enodev"
    /// `enoent`: "no such file or directory".
    public static let enoent: Self = "enoent"
    /// `enoexec`: "exec format error".
    public static let enoexec: Self = "enoexec"
    /// `enolck`: "no locks available".
    public static let enolck: Self = "enolck"
    /// `enolink`: "link has be severed".
    public static let enolink: Self = "enolink"
    /// `enomem`: "not enough memory".
    public static let enomem: Self = "enomem"
    /// `enomsg`: "no message of desired type".
    public static let enomsg: Self = "enomsg"
    /// `enonet`: "machine is not on the network".
    public static let enonet: Self = "enonet"
    /// `enopkg`: "package not installed".
    public static let enopkg: Self = "enopkg"
    /// `enoprotoopt`: "bad proocol option".
    public static let enoprotoopt: Self = "enoprotoopt"
    /// `enospc`: "no space left on device".
    public static let enospc: Self = "enospc"
    /// `enosr`: "out of stream resources or not a stream device".
    public static let enosr: Self = "enosr"
    /// `enostr`: "not a stream".
    public static let enostr: Self = "enostr"
    /// `enosym`: "unresolved symbol name".
    public static let enosym: Self = "enosym"
    /// `enosys`: "function not implemented".
    public static let enosys: Self = "enosys"
    /// `enotblk`: "block device required".
    public static let enotblk: Self = "enotblk"
    /// `enotconn`: "socket is not connected".
    public static let enotconn: Self = "enotconn"
    /// `enotdir`: "not a directory".
    public static let enotdir: Self = "enotdir"
    /// `enotempty`: "directory not empty".
    public static let enotempty: Self = "enotempty"
    /// `enotnam`: "not a name file".
    public static let enotnam: Self = "enotnam"
    /// `enotsock`: "socket operation on non-socket".
    public static let enotsock: Self = "enotsock"
    /// `enotsup`: "operation not supported".
    public static let enotsup: Self = "enotsup"
    /// `enotty`: "inappropriate device for ioctl".
    public static let enotty: Self = "enotty"
    /// `enotuniq`: "name not unique on network".
    public static let enotuniq: Self = "enotuniq"
    /// `enxio`: "no such device or address".
    public static let enxio: Self = "enxio"
    /// `eopnotsupp`: "operation not supported on socket".
    public static let eopnotsupp: Self = "eopnotsupp"
    /// `eoverflow`: "offset too large for file system".
    public static let eoverflow: Self = "eoverflow"
    /// `eperm`: "not owner".
    public static let eperm: Self = "eperm"
    /// `epfnosupport`: "protocol family not supported".
    public static let epfnosupport: Self = "epfnosupport"
    /// `epipe`: "broken pipe".
    public static let epipe: Self = "epipe"
    /// `eproclim`: "too many processes".
    public static let eproclim: Self = "eproclim"
    /// `eprocunavail`: "bad procedure for program".
    public static let eprocunavail: Self = "eprocunavail"
    /// `eprogmismatch`: "program version wrong".
    public static let eprogmismatch: Self = "eprogmismatch"
    /// `eprogunavail`: "RPC program not available".
    public static let eprogunavail: Self = "eprogunavail"
    /// `eproto`: "protocol error".
    public static let eproto: Self = "eproto"
    /// `eprotonosupport`: "protocol not supported".
    public static let eprotonosupport: Self = "eprotonosupport"
    /// `eprototype`: "protocol wrong type for socket".
    public static let eprototype: Self = "eprototype"
    /// `erange`: "math result unrepresentable".
    public static let erange: Self = "erange"
    /// `erefused`: "EREFUSED".
    public static let erefused: Self = "erefused"
    /// `eremchg`: "remote address changed".
    public static let eremchg: Self = "eremchg"
    /// `eremdev`: "remote device".
    public static let eremdev: Self = "eremdev"
    /// `eremote`: "pathname hit remote file system".
    public static let eremote: Self = "eremote"
    /// `eremoteio`: "remote i/o error".
    public static let eremoteio: Self = "eremoteio"
    /// `eremoterelease`: "EREMOTERELEASE".
    public static let eremoterelease: Self = "eremoterelease"
    /// `erofs`: "read-only file system".
    public static let erofs: Self = "erofs"
    /// `erpcmismatch`: "RPC version is wrong".
    public static let erpcmismatch: Self = "erpcmismatch"
    /// `erremote`: "object is remote".
    public static let erremote: Self = "erremote"
    /// `eshutdown`: "can't send after socket shutdown".
    public static let eshutdown: Self = "eshutdown"
    /// `esocktnosupport`: "socket type not supported".
    public static let esocktnosupport: Self = "esocktnosupport"
    /// `espipe`: "invalid seek".
    public static let espipe: Self = "espipe"
    /// `esrch`: "no such process".
    public static let esrch: Self = "esrch"
    /// `esrmnt`: "srmount error".
    public static let esrmnt: Self = "esrmnt"
    /// `estale`: "stale remote file handle".
    public static let estale: Self = "estale"
    /// `esuccess`: "Error 0".
    public static let esuccess: Self = "esuccess"
    /// `etime`: "timer expired".
    public static let etime: Self = "etime"
    /// `etimedout`: "connection timed out".
    public static let etimedout: Self = "etimedout"
    /// `etoomanyrefs`: "too many references: can't splice".
    public static let etoomanyrefs: Self = "etoomanyrefs"
    /// `etxtbsy`: "text file or pseudo-device busy".
    public static let etxtbsy: Self = "etxtbsy"
    /// `euclean`: "structure needs cleaning".
    public static let euclean: Self = "euclean"
    /// `eunatch`: "protocol driver not attached".
    public static let eunatch: Self = "eunatch"
    /// `eusers`: "too many users".
    public static let eusers: Self = "eusers"
    /// `eversion`: "version mismatch".
    public static let eversion: Self = "eversion"
    /// `ewouldblock`: "operation would block".
    public static let ewouldblock: Self = "ewouldblock"
    /// `exbadport`: "invalid port state".
    public static let exbadport: Self = "exbadport"
    /// `exbadseq`: "bad command sequence".
    public static let exbadseq: Self = "exbadseq"
    /// `exdev`: "cross-domain link".
    public static let exdev: Self = "exdev"
    /// `exfull`: "message tables full".
    public static let exfull: Self = "exfull"
    /// `nxdomain`: "non-existing domain".
    public static let nxdomain: Self = "nxdomain"
    /// `system_limit`: "a system limit was hit, probably not enough ports" (not a POSIX code,
    /// but `inet:format_error/1` has a text for it).
    public static let systemLimit: Self = "system_limit"
    /// `timeout`: what Erlang's resolver answers when a lookup takes too long.
    public static let timeout: Self = "timeout"
    /// `unknown`: an errno Erlang has no name for.
    public static let unknown: Self = "unknown"
}

/// Erlang's POSIX codes and their `inet:format_error/1` texts.
enum PosixTable {
    /// Every POSIX code `inet:format_error/1` knows, in atom order, with its text.
    static let entries: [(atom: String, text: String)] = [
        ("e2big", "argument list too long"),
        ("eacces", "permission denied"),
        ("eaddrinuse", "address already in use"),
        ("eaddrnotavail", "can't assign requested address"),
        ("eadv", "advertise error"),
        ("eafnosupport", "address family not supported by protocol family"),
        ("eagain", "resource temporarily unavailable"),
        ("ealign", "EALIGN"),
        ("ealready", "operation already in progress"),
        ("ebade", "bad exchange descriptor"),
        ("ebadf", "bad file number"),
        ("ebadfd", "file descriptor in bad state"),
        ("ebadmsg", "not a data message"),
        ("ebadr", "bad request descriptor"),
        ("ebadrpc", "RPC structure is bad"),
        ("ebadrqc", "bad request code"),
        ("ebadslt", "invalid slot"),
        ("ebfont", "bad font file format"),
        ("ebusy", "file busy"),
        ("echild", "no children"),
        ("echrng", "channel number out of range"),
        ("ecomm", "communication error on send"),
        ("econnaborted", "software caused connection abort"),
        ("econnrefused", "connection refused"),
        ("econnreset", "connection reset by peer"),
        ("edeadlk", "resource deadlock avoided"),
        ("edeadlock", "resource deadlock avoided"),
        ("edestaddrreq", "destination address required"),
        ("edirty", "mounting a dirty fs w/o force"),
        ("edom", "math argument out of range"),
        ("edotdot", "cross mount point"),
        ("edquot", "disk quota exceeded"),
        ("eduppkg", "duplicate package name"),
        ("eexist", "file already exists"),
        ("efault", "bad address in system call argument"),
        ("efbig", "file too large"),
        ("eftype", "EFTYPE"),
        ("ehostdown", "host is down"),
        ("ehostunreach", "host is unreachable"),
        ("eidrm", "identifier removed"),
        ("einit", "initialization error"),
        ("einprogress", "operation now in progress"),
        ("eintr", "interrupted system call"),
        ("einval", "invalid argument"),
        ("eio", "I/O error"),
        ("eisconn", "socket is already connected"),
        ("eisdir", "illegal operation on a directory"),
        ("eisnam", "is a name file"),
        ("el2hlt", "level 2 halted"),
        ("el2nsync", "level 2 not synchronized"),
        ("el3hlt", "level 3 halted"),
        ("el3rst", "level 3 reset"),
        ("elbin", "ELBIN"),
        ("elibacc", "cannot access a needed shared library"),
        ("elibbad", "accessing a corrupted shared library"),
        ("elibexec", "cannot exec a shared library directly"),
        ("elibmax", "attempting to link in more shared libraries than system limit"),
        ("elibscn", ".lib section in a.out corrupted"),
        ("elnrng", "link number out of range"),
        ("eloop", "too many levels of symbolic links"),
        ("emfile", "too many open files"),
        ("emlink", "too many links"),
        ("emsgsize", "message too long"),
        ("emultihop", "multihop attempted"),
        ("enametoolong", "file name too long"),
        ("enavail", "not available"),
        ("enet", "ENET"),
        ("enetdown", "network is down"),
        ("enetreset", "network dropped connection on reset"),
        ("enetunreach", "network is unreachable"),
        ("enfile", "file table overflow"),
        ("enoano", "anode table overflow"),
        ("enobufs", "no buffer space available"),
        ("enocsi", "no CSI structure available"),
        ("enodata", "no data available"),
        ("enodev", "no such device"),
        ("enoent", "no such file or directory"),
        ("enoexec", "exec format error"),
        ("enolck", "no locks available"),
        ("enolink", "link has be severed"),
        ("enomem", "not enough memory"),
        ("enomsg", "no message of desired type"),
        ("enonet", "machine is not on the network"),
        ("enopkg", "package not installed"),
        ("enoprotoopt", "bad proocol option"),
        ("enospc", "no space left on device"),
        ("enosr", "out of stream resources or not a stream device"),
        ("enostr", "not a stream"),
        ("enosym", "unresolved symbol name"),
        ("enosys", "function not implemented"),
        ("enotblk", "block device required"),
        ("enotconn", "socket is not connected"),
        ("enotdir", "not a directory"),
        ("enotempty", "directory not empty"),
        ("enotnam", "not a name file"),
        ("enotsock", "socket operation on non-socket"),
        ("enotsup", "operation not supported"),
        ("enotty", "inappropriate device for ioctl"),
        ("enotuniq", "name not unique on network"),
        ("enxio", "no such device or address"),
        ("eopnotsupp", "operation not supported on socket"),
        ("eoverflow", "offset too large for file system"),
        ("eperm", "not owner"),
        ("epfnosupport", "protocol family not supported"),
        ("epipe", "broken pipe"),
        ("eproclim", "too many processes"),
        ("eprocunavail", "bad procedure for program"),
        ("eprogmismatch", "program version wrong"),
        ("eprogunavail", "RPC program not available"),
        ("eproto", "protocol error"),
        ("eprotonosupport", "protocol not supported"),
        ("eprototype", "protocol wrong type for socket"),
        ("erange", "math result unrepresentable"),
        ("erefused", "EREFUSED"),
        ("eremchg", "remote address changed"),
        ("eremdev", "remote device"),
        ("eremote", "pathname hit remote file system"),
        ("eremoteio", "remote i/o error"),
        ("eremoterelease", "EREMOTERELEASE"),
        ("erofs", "read-only file system"),
        ("erpcmismatch", "RPC version is wrong"),
        ("erremote", "object is remote"),
        ("eshutdown", "can't send after socket shutdown"),
        ("esocktnosupport", "socket type not supported"),
        ("espipe", "invalid seek"),
        ("esrch", "no such process"),
        ("esrmnt", "srmount error"),
        ("estale", "stale remote file handle"),
        ("esuccess", "Error 0"),
        ("etime", "timer expired"),
        ("etimedout", "connection timed out"),
        ("etoomanyrefs", "too many references: can't splice"),
        ("etxtbsy", "text file or pseudo-device busy"),
        ("euclean", "structure needs cleaning"),
        ("eunatch", "protocol driver not attached"),
        ("eusers", "too many users"),
        ("eversion", "version mismatch"),
        ("ewouldblock", "operation would block"),
        ("exbadport", "invalid port state"),
        ("exbadseq", "bad command sequence"),
        ("exdev", "cross-domain link"),
        ("exfull", "message tables full"),
        ("nxdomain", "non-existing domain"),
    ]

    /// Texts by atom, plus the one non-POSIX atom `inet:format_error/1` explains.
    static let texts: [String: String] = {
        var texts = [String: String](minimumCapacity: entries.count + 1)
        for entry in entries { texts[entry.atom] = entry.text }
        texts["system_limit"] = "a system limit was hit, probably not enough ports"
        return texts
    }()

    /// The errno numbers of this platform and Erlang's atoms for them, by name (`EACCES` is
    /// `eacces` whatever its number). Where two names share a number (EAGAIN/EWOULDBLOCK,
    /// EDEADLK/EDEADLOCK) the first listed wins.
    static let errnoAtoms: [(errno: Int32, atom: String)] = portableErrnoAtoms + linuxErrnoAtoms

    /// The names that Linux, Musl and Darwin all define.
    static let portableErrnoAtoms: [(errno: Int32, atom: String)] = [
        (EPERM, "eperm"),
        (ENOENT, "enoent"),
        (ESRCH, "esrch"),
        (EINTR, "eintr"),
        (EIO, "eio"),
        (ENXIO, "enxio"),
        (E2BIG, "e2big"),
        (ENOEXEC, "enoexec"),
        (EBADF, "ebadf"),
        (ECHILD, "echild"),
        (EAGAIN, "eagain"),
        (ENOMEM, "enomem"),
        (EACCES, "eacces"),
        (EFAULT, "efault"),
        (ENOTBLK, "enotblk"),
        (EBUSY, "ebusy"),
        (EEXIST, "eexist"),
        (EXDEV, "exdev"),
        (ENODEV, "enodev"),
        (ENOTDIR, "enotdir"),
        (EISDIR, "eisdir"),
        (EINVAL, "einval"),
        (ENFILE, "enfile"),
        (EMFILE, "emfile"),
        (ENOTTY, "enotty"),
        (ETXTBSY, "etxtbsy"),
        (EFBIG, "efbig"),
        (ENOSPC, "enospc"),
        (ESPIPE, "espipe"),
        (EROFS, "erofs"),
        (EMLINK, "emlink"),
        (EPIPE, "epipe"),
        (EDOM, "edom"),
        (ERANGE, "erange"),
        (EDEADLK, "edeadlk"),
        (ENAMETOOLONG, "enametoolong"),
        (ENOLCK, "enolck"),
        (ENOSYS, "enosys"),
        (ENOTEMPTY, "enotempty"),
        (ELOOP, "eloop"),
        (EWOULDBLOCK, "ewouldblock"),
        (ENOMSG, "enomsg"),
        (EIDRM, "eidrm"),
        (ENOSTR, "enostr"),
        (ENODATA, "enodata"),
        (ETIME, "etime"),
        (ENOSR, "enosr"),
        (EREMOTE, "eremote"),
        (ENOLINK, "enolink"),
        (EPROTO, "eproto"),
        (EMULTIHOP, "emultihop"),
        (EBADMSG, "ebadmsg"),
        (EOVERFLOW, "eoverflow"),
        (EUSERS, "eusers"),
        (ENOTSOCK, "enotsock"),
        (EDESTADDRREQ, "edestaddrreq"),
        (EMSGSIZE, "emsgsize"),
        (EPROTOTYPE, "eprototype"),
        (ENOPROTOOPT, "enoprotoopt"),
        (EPROTONOSUPPORT, "eprotonosupport"),
        (ESOCKTNOSUPPORT, "esocktnosupport"),
        (EOPNOTSUPP, "eopnotsupp"),
        (EPFNOSUPPORT, "epfnosupport"),
        (EAFNOSUPPORT, "eafnosupport"),
        (EADDRINUSE, "eaddrinuse"),
        (EADDRNOTAVAIL, "eaddrnotavail"),
        (ENETDOWN, "enetdown"),
        (ENETUNREACH, "enetunreach"),
        (ENETRESET, "enetreset"),
        (ECONNABORTED, "econnaborted"),
        (ECONNRESET, "econnreset"),
        (ENOBUFS, "enobufs"),
        (EISCONN, "eisconn"),
        (ENOTCONN, "enotconn"),
        (ESHUTDOWN, "eshutdown"),
        (ETOOMANYREFS, "etoomanyrefs"),
        (ETIMEDOUT, "etimedout"),
        (ECONNREFUSED, "econnrefused"),
        (EHOSTDOWN, "ehostdown"),
        (EHOSTUNREACH, "ehostunreach"),
        (EALREADY, "ealready"),
        (EINPROGRESS, "einprogress"),
        (ESTALE, "estale"),
        (EDQUOT, "edquot"),
    ]

    #if os(Linux)
    /// The names only Linux (Glibc and Musl) defines.
    static let linuxErrnoAtoms: [(errno: Int32, atom: String)] = [
        (ECHRNG, "echrng"),
        (EL2NSYNC, "el2nsync"),
        (EL3HLT, "el3hlt"),
        (EL3RST, "el3rst"),
        (ELNRNG, "elnrng"),
        (EUNATCH, "eunatch"),
        (ENOCSI, "enocsi"),
        (EL2HLT, "el2hlt"),
        (EBADE, "ebade"),
        (EBADR, "ebadr"),
        (EXFULL, "exfull"),
        (ENOANO, "enoano"),
        (EBADRQC, "ebadrqc"),
        (EBADSLT, "ebadslt"),
        (EDEADLOCK, "edeadlock"),
        (EBFONT, "ebfont"),
        (ENONET, "enonet"),
        (ENOPKG, "enopkg"),
        (EADV, "eadv"),
        (ESRMNT, "esrmnt"),
        (ECOMM, "ecomm"),
        (EDOTDOT, "edotdot"),
        (ENOTUNIQ, "enotuniq"),
        (EBADFD, "ebadfd"),
        (EREMCHG, "eremchg"),
        (ELIBACC, "elibacc"),
        (ELIBBAD, "elibbad"),
        (ELIBSCN, "elibscn"),
        (ELIBMAX, "elibmax"),
        (ELIBEXEC, "elibexec"),
        (EUCLEAN, "euclean"),
        (ENOTNAM, "enotnam"),
        (ENAVAIL, "enavail"),
        (EISNAM, "eisnam"),
        (EREMOTEIO, "eremoteio"),
    ]
    #else
    static let linuxErrnoAtoms: [(errno: Int32, atom: String)] = []
    #endif

    /// Atoms by errno number.
    static let atomsByErrno: [Int32: String] = {
        var atoms = [Int32: String](minimumCapacity: errnoAtoms.count)
        for entry in errnoAtoms where atoms[entry.errno] == nil { atoms[entry.errno] = entry.atom }
        return atoms
    }()
}
