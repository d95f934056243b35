import PacketInet
import TestSupport
import Testing

/// `~w` of an inet result, as Erlang prints `{ok, Value}` or `{error, Atom}`.
func erlangResult<T>(_ body: () throws(InetError) -> T, _ render: (T) -> String) -> String {
    do {
        return "{ok,\(render(try body()))}"
    } catch {
        return "{error,\(error.atom)}"
    }
}

func addressList(_ addresses: [IPAddress]) -> String {
    "[" + addresses.map(InetConform.erlangTuple).joined(separator: ",") + "]"
}

@Suite struct HostTests {
    @Test func localhostResolvesThroughTheHostsFile() throws {
        #expect(try Inet.getaddrs("localhost", family: .inet).contains(.v4(.loopback)))
        #expect(try Inet.getaddr("localhost") == .v4(.loopback))
        let entry = try Inet.gethostbyname("localhost")
        #expect(entry.addrtype == .inet && entry.length == 4 && entry.addrList.contains(.v4(.loopback)))
    }

    @Test func addressesInTextAndValuesNeedNoLookup() throws {
        #expect(try Inet.getaddrs("127.0.0.1", family: .inet) == [.v4(.loopback)])
        #expect(try Inet.getaddrs("::1", family: .inet6) == [.v6(.loopback)])
        #expect(try Inet.getaddrs(.address(.v4(.loopback)), family: .inet) == [.v4(.loopback)])
        #expect(throws: InetError.eafnosupport) { try Inet.getaddrs(.address(.v4(.loopback)), family: .inet6) }
        let entry = try Inet.gethostbyname("127.0.0.1")
        #expect(entry.description == "{hostent,[49,50,55,46,48,46,48,46,49],[],inet,4,[{127,0,0,1}]}")
    }

    @Test func invalidNamesAreEinval() {
        #expect(throws: InetError.einval) { try Inet.getaddrs("", family: .inet) }
        #expect(throws: InetError.einval) { try Inet.getaddrs("a b", family: .inet) }
        #expect(throws: InetError.einval) { try Inet.getaddrs("localhost\t", family: .inet) }
        #expect(throws: InetError.einval) { try Inet.gethostbyaddr("localhost") }
    }

    @Test func gethostnameIsTheShortName() {
        let name = Inet.gethostname()
        #expect(!name.isEmpty && !name.contains("."))
    }

    @Test func resolvConfIsReadAsErlangReadsIt() {
        let rc = ResolverConfiguration(
            resolvConfText: """
                search a.example b.example
                # comment
                nameserver 10.0.0.1 # trailing
                nameserver ::1
                nameserver bogus
                options ndots:2
                """, resolvConf: "/r", hostsFile: "/h")
        #expect(
            rc.erlangTerm == """
                [{nameservers,{10,0,0,1}},{nameservers,{0,0,0,0,0,0,0,1}},{search,[[97,46,101,120,97,109,112,108,101],\
                [98,46,101,120,97,109,112,108,101]]},{resolv_conf,[47,114]},{hosts_file,[47,104]},{lookup,[native]}]
                """)
        #expect(ResolverConfiguration(resolvConfText: "search a\ndomain x\n").search == ["x"])
        // A fresh VM's answer: erl -noshell -eval 'io:format("~w~n", [inet:get_rc()]), halt().'
        let fresh = ResolverConfiguration(
            resolvConfText: "nameserver 10.0.0.1\nsearch a\n", resolvConf: "/r", hostsFile: "/h", dnsClientUsed: false)
        #expect(fresh.erlangTerm == "[{resolv_conf,[47,114]},{hosts_file,[47,104]},{lookup,[native]}]")
        #expect(fresh.nameservers == [.v4(IPv4Address(10, 0, 0, 1))])
    }

    @Test func interfacesIncludeTheLoopback() throws {
        let interfaces = try Inet.getifaddrs()
        let loopback = try #require(interfaces.first { $0.flags.contains(.loopback) })
        #expect(loopback.addresses.contains(.v4(.loopback)))
        #expect(loopback.options.first == .flags(loopback.flags))
    }
}

/// Hosts, interfaces and resolver settings against what `erl` answers on this machine (offline:
/// localhost, /etc/hosts and numeric addresses only).
@Suite(.enabled(if: ErlangOracle.available, "Erlang/OTP is not installed (see the WARNING printed)"))
struct HostDifferentialTests {
    /// Erlang expressions and our answers for them.
    static let cases: [(erlang: String, ours: @Sendable () -> String)] = [
        ("inet:gethostname()", { "{ok,\(InetConform.erlangString(Inet.gethostname()))}" }),
        (
            "inet:getaddrs(\"localhost\", inet)",
            { erlangResult({ () throws(InetError) in try Inet.getaddrs("localhost", family: .inet) }, addressList) }
        ),
        (
            "inet:getaddrs(\"127.0.0.1\", inet)",
            { erlangResult({ () throws(InetError) in try Inet.getaddrs("127.0.0.1", family: .inet) }, addressList) }
        ),
        (
            "inet:getaddrs(\"127.1\", inet)",
            { erlangResult({ () throws(InetError) in try Inet.getaddrs("127.1", family: .inet) }, addressList) }
        ),
        (
            "inet:getaddrs(\"::1\", inet6)",
            { erlangResult({ () throws(InetError) in try Inet.getaddrs("::1", family: .inet6) }, addressList) }
        ),
        (
            "inet:getaddrs(\"::ffff:127.0.0.1\", inet6)",
            {
                erlangResult(
                    { () throws(InetError) in try Inet.getaddrs("::ffff:127.0.0.1", family: .inet6) }, addressList)
            }
        ),
        (
            "inet:getaddrs(\"\", inet)",
            { erlangResult({ () throws(InetError) in try Inet.getaddrs("", family: .inet) }, addressList) }
        ),
        (
            "inet:getaddrs(\"a b\", inet)",
            { erlangResult({ () throws(InetError) in try Inet.getaddrs("a b", family: .inet) }, addressList) }
        ),
        (
            "inet:getaddrs({127,0,0,1}, inet6)",
            {
                erlangResult(
                    { () throws(InetError) in try Inet.getaddrs(.address(.v4(.loopback)), family: .inet6) }, addressList
                )
            }
        ),
        (
            "inet:getaddr(\"localhost\", inet)",
            {
                erlangResult(
                    { () throws(InetError) in try Inet.getaddr("localhost", family: .inet) }, InetConform.erlangTuple)
            }
        ),
        (
            "inet:gethostbyname(\"localhost\")",
            { erlangResult({ () throws(InetError) in try Inet.gethostbyname("localhost") }, \.description) }
        ),
        (
            "inet:gethostbyname(\"127.0.0.1\")",
            { erlangResult({ () throws(InetError) in try Inet.gethostbyname("127.0.0.1") }, \.description) }
        ),
        (
            "inet:gethostbyname(\"::1\", inet6)",
            { erlangResult({ () throws(InetError) in try Inet.gethostbyname("::1", family: .inet6) }, \.description) }
        ),
        (
            "inet:gethostbyaddr(\"127.0.0.1\")",
            { erlangResult({ () throws(InetError) in try Inet.gethostbyaddr("127.0.0.1") }, \.description) }
        ),
        (
            "inet:getifaddrs()",
            {
                erlangResult({ () throws(InetError) in try Inet.getifaddrs() }) {
                    "[" + $0.map(\.erlangTerm).joined(separator: ",") + "]"
                }
            }
        ),
        // A fresh VM (native lookups above do not change it), then after the DNS client is used.
        ("inet:get_rc()", { Inet.getRC().erlangTerm }),
        (
            "begin inet_res:lookup(\"localhost\", in, a), inet:get_rc() end",
            { Inet.getRC(dnsClientUsed: true).erlangTerm }
        ),
    ]

    @Test func hostFunctionsAnswerWhatErlangAnswersOnThisMachine() throws {
        let expression = Self.cases.map { "io:format(\"~w~n\", [\($0.erlang)])" }.joined(separator: ", ") + ", halt()."
        let output = try ErlangOracle.eval(expression)
        let lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.count >= Self.cases.count)
        var mismatches = 0
        for (index, testCase) in Self.cases.enumerated() where index < lines.count {
            let ours = testCase.ours()
            if ours != lines[index] {
                mismatches += 1
                Issue.record("\(testCase.erlang): erl \(lines[index]), ours \(ours)")
            }
        }
        print("host differential: \(Self.cases.count) calls, \(mismatches) mismatches")
    }
}
