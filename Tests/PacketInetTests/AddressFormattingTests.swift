import PacketConform
import PacketInet
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `inet:ntoa/1` vectors confirmed with `erl`, the address types, and sockaddr conversions.
@Suite struct AddressFormattingTests {
    @Test(arguments: [
        ([0, 0, 0, 0, 0, 0, 0, 0], "::"), ([0, 0, 0, 0, 0, 0, 0, 1], "::1"), ([0, 0, 0, 0, 0, 0, 0, 2], "::0.0.0.2"),
        ([0, 0, 0, 0, 0, 0, 258, 772], "::1.2.3.4"), ([0, 0, 0, 0, 0, 65535, 258, 772], "::ffff:1.2.3.4"),
        ([0, 0, 0, 0, 0, 65534, 258, 772], "::fffe:102:304"), ([0, 0, 0, 0, 0, 1, 0, 0], "::1:0:0"),
        ([1, 0, 0, 1, 0, 0, 0, 1], "1:0:0:1::1"), ([1, 0, 0, 1, 0, 0, 1, 1], "1::1:0:0:1:1"),
        ([1, 0, 1, 0, 1, 0, 1, 0], "1:0:1:0:1:0:1:0"), ([0, 1, 2, 3, 4, 5, 6, 7], "0:1:2:3:4:5:6:7"),
        ([43981, 0, 0, 0, 0, 0, 0, 0], "abcd::"), ([0, 0, 0, 0, 65535, 0, 0, 0], "::ffff:0:0:0"),
        ([65152, 0, 0, 0, 0, 0, 0, 1], "fe80::1"), ([0, 0, 0, 0, 1, 65535, 1, 1], "::1:ffff:1:1"),
        ([1, 2, 3, 4, 5, 6, 7, 8], "1:2:3:4:5:6:7:8"), ([1, 2, 3, 4], "1.2.3.4"), ([255, 0, 0, 255], "255.0.0.255"),
        // The KAME scope id in the second group of fe80 and ff02 (erl, OTP 25).
        ([0xfe80, 5, 0, 0, 0, 0, 0, 1], "fe80::1%05"), ([0xff02, 1, 0, 0, 0, 0, 0, 1], "ff02::1%01"),
        ([0xfe80, 65535, 1, 0, 0, 0, 0, 0], "fe80:0:1::%065535"),
        ([0xfe80, 5, 1, 2, 3, 4, 5, 6], "fe80:0:1:2:3:4:5:6%05"),
        ([0xff02, 7, 0, 0, 1, 0, 0, 0], "ff02::1:0:0:0%07"), ([0xfe80, 10, 0, 0, 0, 0, 0, 0], "fe80::%010"),
        ([0xfe80, 1, 1, 0, 0, 1, 0, 0], "fe80:0:1::1:0:0%01"), ([0xff02, 10, 0, 0, 0, 0, 0, 2], "ff02::2%010"),
        ([0xfe81, 5, 0, 0, 0, 0, 0, 1], "fe81:5::1"), ([0xff01, 5, 0, 0, 0, 0, 0, 1], "ff01:5::1"),
    ])
    func ntoaPrintsWhatErlangPrints(parts: [Int], expected: String) throws {
        #expect(try Inet.ntoa(parts: parts) == expected)
        #expect(IPAddress(parts: parts)?.description == expected)
    }

    @Test(arguments: [
        [], [1, 2, 3], [256, 1, 1, 1], [-1, 1, 1, 1], [1, 2, 3, 4, 5, 6, 7], [65536, 0, 0, 0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0, 0, 0, 0, 0],
    ])
    func ntoaRefusesOtherTuples(parts: [Int]) {
        #expect(throws: InetError.einval) { try Inet.ntoa(parts: parts) }
    }

    @Test func conformPrintsTermsAsErlangsTildeW() {
        #expect(Conform.answer("ntoa 1,2,3,4", mode: .inet) == "[49,46,50,46,51,46,52]")
        #expect(Conform.answer("ntoa 99999999999999999999999999,0,0,0", mode: .inet) == "{error,einval}")
        #expect(Conform.answer("ntoa -", mode: .inet) == "{error,einval}")
        #expect(Conform.answer("parse_ipv6_address 3132372e31", mode: .inet) == "{ok,{0,0,0,0,0,65535,32512,1}}")
        #expect(Conform.answer("parse_address 3A", mode: .inet) == "badarg")
        #expect(Conform.answer("ntoa +1,2,3,4", mode: .inet) == "badarg")
        #expect(Conform.run("ntoa 1,2,3,4\nbogus\n", mode: .inet) == "[49,46,50,46,51,46,52]\nbadarg\n")
    }

    @Test func addressesAreValuesWithParts() {
        let v4 = IPv4Address(192, 168, 1, 2)
        #expect(v4.parts == [192, 168, 1, 2])
        #expect(v4[3] == 2)
        #expect(IPv4Address(parts: [192, 168, 1, 2]) == v4)
        #expect(IPv4Address(parts: [192, 168, 1, 256]) == nil)
        #expect(IPv4Address(parts: [1, 2, 3]) == nil)
        let v6 = IPv6Address(0xfe80, 0, 0, 0, 0, 0, 0, 1)
        #expect(v6.parts == [0xfe80, 0, 0, 0, 0, 0, 0, 1])
        #expect(v6.isLinkLocal && !v6.isMulticast)
        #expect(IPv6Address(parts: v6.parts) == v6)
        #expect(Set([IPAddress.v4(v4), .v4(v4), .v6(v6)]).count == 2)
        #expect(IPAddress.v6(IPv4Address(1, 2, 3, 4).ipv4Mapped).description == "::ffff:1.2.3.4")
        #expect(IPv4Address(1, 2, 3, 4).ipv4Mapped.ipv4Mapped == IPv4Address(1, 2, 3, 4))
    }

    @Test func socketAddressesRoundTrip() throws {
        let v4 = IPv4Address(127, 0, 0, 1)
        let sin = v4.sockaddr(port: 8080)
        #expect(sin.sin_family == sa_family_t(AF_INET))
        #expect(UInt16(bigEndian: sin.sin_port) == 8080)
        #expect(IPv4Address(sin) == v4)
        // inet_pton agrees on the byte order.
        var raw = in_addr()
        #expect(inet_pton(AF_INET, "127.0.0.1", &raw) == 1)
        #expect(IPv4Address(raw) == v4)

        let v6 = try Inet.parseIPv6StrictAddress("2001:db8::ff00:42:8329")
        let sin6 = v6.sockaddr(port: 443, scopeID: 3)
        #expect(IPv6Address(sin6) == v6)
        #expect(sin6.sin6_scope_id == 3)
        var raw6 = in6_addr()
        #expect(inet_pton(AF_INET6, "2001:db8::ff00:42:8329", &raw6) == 1)
        #expect(IPv6Address(raw6) == v6)

        for address in [IPAddress.v4(v4), .v6(v6)] {
            var (storage, length) = address.sockaddrStorage(port: 1)
            #expect(length > 0)
            let back = withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { IPAddress(sockaddr: $0) }
            }
            #expect(back == address)
        }
    }
}
