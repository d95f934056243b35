import PacketInet
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

@Suite struct PosixErrorTests {
    @Test func tableHoldsEveryPosixCodeOnce() {
        let codes = InetError.Code.allPosix
        #expect(codes.count == 143)
        #expect(Set(codes).count == codes.count)
        #expect(codes.first == .e2big && codes.last == .nxdomain)
        #expect(codes.allSatisfy { $0.isPosix })
        #expect(!InetError.Code.systemLimit.isPosix)
    }

    @Test(arguments: [
        ("eacces", "permission denied"), ("nxdomain", "non-existing domain"), ("exbadport", "invalid port state"),
        ("exbadseq", "bad command sequence"), ("esuccess", "Error 0"), ("enotsup", "operation not supported"),
        ("eopnotsupp", "operation not supported on socket"), ("enoprotoopt", "bad proocol option"),
        ("system_limit", "a system limit was hit, probably not enough ports"), ("timeout", "unknown POSIX error"),
        ("closed", "unknown POSIX error"), ("", "unknown POSIX error"),
    ])
    func formatErrorGivesErlangsText(atom: String, text: String) {
        #expect(Inet.formatError(atom) == text)
    }

    @Test func linuxErrnoNumbersMapToErlangAtoms() {
        #expect(InetError.Code(errno: EACCES) == .eacces)
        #expect(InetError.Code(errno: EAGAIN) == .eagain)
        #expect(InetError.Code(errno: EDEADLK) == .edeadlk)
        #expect(InetError.Code(errno: EOPNOTSUPP) == .eopnotsupp)
        #expect(InetError.Code(errno: ECONNREFUSED) == .econnrefused)
        #expect(InetError.Code(errno: EILSEQ) == .unknown)
        #expect(InetError.Code(errno: 0) == .unknown)
        #expect(InetError.Code(errno: -5) == .unknown)
        #expect(InetError(errno: ENOENT).description == "enoent: no such file or directory")
    }
}

/// `inet:format_error/1` of every atom, and the atom list itself, against the real `erl`.
@Suite(.enabled(if: ErlangOracle.available, "Erlang/OTP is not installed (see the WARNING printed)"))
struct PosixErrorDifferentialTests {
    @Test func everyAtomErlangKnowsIsInTheTableWithTheSameText() throws {
        // Every atom of erl_posix_msg's atom table that has a text, one `atom<TAB>text` a line.
        let output = try ErlangOracle.eval(
            """
            {ok,{_,[{atoms,A}]}} = beam_lib:chunks(code:which(erl_posix_msg),[atoms]), \
            L = lists:sort([X || {_,X} <- A, erl_posix_msg:message(X) =/= "unknown POSIX error"]), \
            [io:format("~s\\t~s~n", [X, inet:format_error(X)]) || X <- L ++ [system_limit, timeout, closed]], \
            halt().
            """)
        let lines = output.split(separator: "\n")
        var erlang: [String: String] = [:]
        for line in lines {
            let fields = line.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)
            guard fields.count == 2 else { continue }
            erlang[String(fields[0])] = String(fields[1])
        }
        let posixAtoms = Set(erlang.keys).subtracting(["system_limit", "timeout", "closed"])
        #expect(posixAtoms == Set(InetError.Code.allPosix.map(\.rawValue)))
        var mismatches = 0
        for (atom, text) in erlang where Inet.formatError(atom) != text {
            mismatches += 1
            Issue.record("\(atom): erl \"\(text)\", ours \"\(Inet.formatError(atom))\"")
        }
        print("format_error differential: \(erlang.count) atoms, \(mismatches) mismatches")
        #expect(erlang.count == 146)
    }
}
