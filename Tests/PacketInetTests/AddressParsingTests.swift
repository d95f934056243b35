import PacketInet
import TestSupport
import Testing

/// Vectors confirmed against `erl` (OTP 25) by hand; the differential tests cover the rest.
@Suite struct AddressParsingTests {
    @Test(arguments: [
        ("127.1", "127.0.0.1"), ("10.0.258", "10.0.1.2"), ("0x7f.1", "127.0.0.1"), ("017", "0.0.0.15"),
        ("+1.2.3.4", "1.2.3.4"), ("1.+2.3.4", "1.2.3.4"), ("-0", "0.0.0.0"), ("0x-0", "0.0.0.0"),
        ("0x+1", "0.0.0.1"), ("0x0+0", "0.0.0.0"), ("00", "0.0.0.0"), ("4294967295", "255.255.255.255"),
        ("0xffffffff", "255.255.255.255"), ("037777777777", "255.255.255.255"), ("1.16777215", "1.255.255.255"),
        ("0x00000000000000000001", "0.0.0.1"), ("+000000000", "0.0.0.0"), ("0X1F", "0.0.0.31"),
    ])
    func lenientIPv4AcceptsWhatErlangAccepts(text: String, expected: String) throws {
        #expect(try Inet.parseIPv4Address(text).description == expected)
        #expect(try Inet.parseAddress(text) == .v4(Inet.parseIPv4Address(text)))
    }

    @Test(arguments: [
        "", "-1.2.3.4", "1.2.3.-4", "0x", "0x0", "0x00", "0x.1", "08", "1.2.3.4.", ".1.2.3", "1..2", "4294967296",
        "0x100000000", "040000000000", "1.16777216", "1.2.65536", "256.1", " 1", "1 ", "1.2.3.4.5", "1e3",
        "+0x1", "0+1", "+", "-", "+4294967295", "+0000000000", "0x+ffffffff", "0x+00000000", "1,2",
    ])
    func lenientIPv4RefusesWhatErlangRefuses(text: String) {
        #expect(throws: InetError.einval) { try Inet.parseIPv4Address(text) }
    }

    @Test(arguments: [
        ("1.2.3.4", true), ("+00.1.1.1", true), ("-0.2.3.4", true), ("1.2.3.+4", true),
        ("127.1", false), ("01.2.3.4", false), ("+123.1.1.1", false), ("-000.1.1.1", false),
        ("1.2.3.256", false), ("0x1.2.3.4", false), ("00.0.0.0", false),
    ])
    func strictIPv4TakesFourShortDecimalFields(text: String, valid: Bool) {
        let parsed = try? Inet.parseIPv4StrictAddress(text)
        #expect((parsed != nil) == valid)
    }

    @Test(arguments: [
        ("::", [0, 0, 0, 0, 0, 0, 0, 0]), ("1::", [1, 0, 0, 0, 0, 0, 0, 0]),
        ("::1.2.3.4", [0, 0, 0, 0, 0, 0, 258, 772]),
        ("1:2:3:4:5:6:7::", [1, 2, 3, 4, 5, 6, 7, 0]), ("fFfF::", [65535, 0, 0, 0, 0, 0, 0, 0]),
        ("fe80::1%eth0", [65152, 0, 0, 0, 0, 0, 0, 1]), ("fe80::1%2", [65152, 0, 0, 0, 0, 0, 0, 1]),
        ("fe80::1%07", [65152, 7, 0, 0, 0, 0, 0, 1]), ("ff02::1%065535", [65282, 65535, 0, 0, 0, 0, 0, 1]),
        ("fe80::%", [65152, 0, 0, 0, 0, 0, 0, 0]), ("::1.2.3.+4", [0, 0, 0, 0, 0, 0, 258, 772]),
    ])
    func strictIPv6Vectors(text: String, parts: [Int]) throws {
        #expect(try Inet.parseIPv6StrictAddress(text).parts.map(Int.init) == parts)
    }

    @Test(arguments: [
        "1:2:3:4:5:6:7", "::1:2:3:4:5:6:7:8", "1::2::3", ":::", "12345::", "00001::", "::127.1", "::1.2.3.04",
        "::+1.2.3.4", "[::1]", "::1%lo", "fe80:1::1%x", "ff01::1%x", "fe80::1.2.3.4%x", "fe80::1%0x1",
        "fe80::1%0.", "fe80::1%065536", "1.2.3.4", ":1", "1:",
    ])
    func strictIPv6RefusesWhatErlangRefuses(text: String) {
        #expect(throws: InetError.einval) { try Inet.parseIPv6StrictAddress(text) }
    }

    @Test func lenientIPv6FallsBackToMappedLenientIPv4() throws {
        #expect(try Inet.parseIPv6Address("127.1") == IPv4Address(127, 0, 0, 1).ipv4Mapped)
        #expect(try Inet.parseIPv6Address("127.1").description == "::ffff:127.0.0.1")
        #expect(throws: InetError.einval) { try Inet.parseIPv6StrictAddress("127.1") }
        #expect(try Inet.parseStrictAddress("::ffff:1.2.3.4") == .v6(IPv4Address(1, 2, 3, 4).ipv4Mapped))
        #expect(throws: InetError.einval) { try Inet.parseStrictAddress("127.1") }
    }

    @Test func errorsCarryTheAtomAndErlangsText() {
        do {
            _ = try Inet.parseAddress("1.2.3.256")
            Issue.record("expected einval")
        } catch {
            #expect(error.code == .einval)
            #expect(error.atom == "einval")
            #expect(error.reason == "invalid argument")
            #expect(error == InetError(.einval, reason: "something else"))
        }
    }

    @Test func bytesThatAreNotASCIIAreRefusedOutsideAZone() throws {
        #expect(throws: InetError.einval) { try Inet.parseAddress(bytes: [0x31, 0xFF]) }
        #expect(
            try Inet.parseAddress(bytes: Array("fe80::1%".utf8) + [0xFF, 0x00])
                == .v6(IPv6Address(0xfe80, 0, 0, 0, 0, 0, 0, 1)))
        #expect(try Inet.parseAddress("fe80::1%é") == .v6(IPv6Address(0xfe80, 0, 0, 0, 0, 0, 0, 1)))
    }

    @Test func hugeAndOddInputsNeverTrap() throws {
        let huge = [
            String(repeating: "9", count: 1 << 20), String(repeating: "0", count: 1 << 20) + "1",
            "0x" + String(repeating: "0", count: 1 << 20), String(repeating: "1:", count: 1 << 18),
            "fe80::1%0" + String(repeating: "9", count: 1 << 18), "fe80::1%" + String(repeating: "x", count: 1 << 20),
            String(repeating: ".", count: 1 << 18), String(repeating: "::", count: 1 << 18),
        ]
        for text in huge {
            _ = try? Inet.parseAddress(text)
            _ = try? Inet.parseStrictAddress(text)
            _ = try? Inet.parseIPv4Address(text)
            _ = try? Inet.parseIPv6Address(text)
        }
        #expect(try Inet.parseAddress(String(repeating: "0", count: 1 << 20) + "1") == .v4(IPv4Address(0, 0, 0, 1)))
        var generator = SplitMix(seed: 7)
        for _ in 0..<20_000 {
            let bytes = (0..<Int.random(in: 0...40, using: &generator)).map { _ in
                UInt8.random(in: 0...255, using: &generator)
            }
            _ = try? Inet.parseAddress(bytes: bytes)
            _ = try? Inet.parseStrictAddress(bytes: bytes)
        }
    }

    @Test func stringInitializersUseTheStrictGrammars() {
        #expect(IPv4Address("10.0.0.1") == IPv4Address(10, 0, 0, 1))
        #expect(IPv4Address("10.1") == nil)
        #expect(IPv6Address("::1") == .loopback)
        #expect(IPAddress("::1") == .v6(.loopback))
        #expect(IPAddress("127.0.0.1") == .v4(.loopback))
        #expect(IPAddress("localhost") == nil)
    }
}
