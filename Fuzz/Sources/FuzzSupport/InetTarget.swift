import PacketInet

extension Targets {
    /// `inet`: every parser on the bytes; whatever parses prints with `ntoa` as text that every
    /// parser of its family (strict ones included) reads back as the same address.
    ///
    /// ```
    /// byte 0   bit 0: also read the rest as ntoa parts (3-byte signed big-endian integers, up
    ///          to 9 of them) and check ntoa(parts:) against IPAddress(parts:)
    /// rest     the text, as bytes (each one a Latin-1 character, as Erlang sees a byte list)
    /// ```
    public static func inet(_ data: UnsafeRawBufferPointer) {
        var input = FuzzInput(data)
        let flags = input.byte()
        let text = input.rest
        let ascii = text.allSatisfy { $0 < 0x80 }
        let string = String(decoding: text, as: UTF8.self)

        func same<T: Equatable>(_ bytes: Result<T, InetError>, _ string: Result<T, InetError>, _ name: String) {
            // The String overloads read the same bytes when the text is ASCII.
            if ascii { invariant(bytes == string, "\(name) on bytes and on the String disagree") }
        }

        let address = Result { () throws(InetError) in try Inet.parseAddress(bytes: text) }
        same(address, Result { () throws(InetError) in try Inet.parseAddress(string) }, "parseAddress")
        let strict = Result { () throws(InetError) in try Inet.parseStrictAddress(bytes: text) }
        same(strict, Result { () throws(InetError) in try Inet.parseStrictAddress(string) }, "parseStrictAddress")
        let v4 = Result { () throws(InetError) in try Inet.parseIPv4Address(bytes: text) }
        let v4strict = Result { () throws(InetError) in try Inet.parseIPv4StrictAddress(bytes: text) }
        let v6 = Result { () throws(InetError) in try Inet.parseIPv6Address(bytes: text) }
        let v6strict = Result { () throws(InetError) in try Inet.parseIPv6StrictAddress(bytes: text) }

        for result in [address, strict] { if case .success(let a) = result { checkRoundTrip(a) } }
        for result in [v4, v4strict] { if case .success(let a) = result { checkRoundTrip(.v4(a)) } }
        for result in [v6, v6strict] { if case .success(let a) = result { checkRoundTrip(.v6(a)) } }
        for result in [address, strict, v4.map(IPAddress.v4), v4strict.map(IPAddress.v4), v6.map(IPAddress.v6)] {
            if case .failure(let error) = result { invariant(error.code == .einval, "a parser failed with \(error)") }
        }

        // What the strict grammar accepts, the lenient one accepts as the same address.
        if case .success(let a) = strict { invariant(address == .success(a), "strict parses \(a), lenient does not") }
        if case .success(let a) = v4strict { invariant(v4 == .success(a), "strict IPv4 parses \(a), lenient does not") }
        if case .success(let a) = v6strict { invariant(v6 == .success(a), "strict IPv6 parses \(a), lenient does not") }

        if flags & 1 != 0 {
            var parts: [Int] = []
            var cursor = FuzzInput(bytes: text)
            for _ in 0..<Swift.min(text.count / 3, 9) {
                parts.append(Int(Int32(truncatingIfNeeded: UInt32(cursor.integer(width: 3)) << 8) >> 8))
            }
            let expected = IPAddress(parts: parts)
            do {
                let printed = try Inet.ntoa(parts: parts)
                invariant(expected != nil, "ntoa printed \(parts) that IPAddress(parts:) refuses")
                invariant(printed == Inet.ntoa(expected!), "ntoa(parts:) and ntoa(address) differ")
                checkRoundTrip(expected!)
            } catch {
                invariant(expected == nil, "ntoa refused \(parts): \(error)")
                invariant(error.code == .einval, "ntoa failed with \(error)")
            }
        }
    }

    /// `ntoa` then the parsers give `address` back.
    static func checkRoundTrip(_ address: IPAddress) {
        let text = Inet.ntoa(address)
        invariant(text == address.description, "description is not ntoa")
        invariant(IPAddress(parts: address.parts) == address, "parts do not rebuild \(text)")
        invariant((try? Inet.parseAddress(text)) == address, "parse_address(ntoa) is not \(text)")
        invariant((try? Inet.parseStrictAddress(text)) == address, "parse_strict_address(ntoa) is not \(text)")
        invariant((try? Inet.parseAddress(bytes: Array(text.utf8))) == address, "parse_address(bytes) is not \(text)")
        switch address {
        case .v4(let v4):
            invariant((try? Inet.parseIPv4Address(text)) == v4, "parse_ipv4_address(ntoa) is not \(text)")
            invariant((try? Inet.parseIPv4StrictAddress(text)) == v4, "parse_ipv4strict_address(ntoa) is not \(text)")
        case .v6(let v6):
            invariant((try? Inet.parseIPv6Address(text)) == v6, "parse_ipv6_address(ntoa) is not \(text)")
            invariant((try? Inet.parseIPv6StrictAddress(text)) == v6, "parse_ipv6strict_address(ntoa) is not \(text)")
        }
    }
}
