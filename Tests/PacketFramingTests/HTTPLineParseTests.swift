import TestSupport
import Testing

@testable import PacketFraming

/// The line parser's fast paths (sixteen bytes a compare, the known-name match without a token
/// check, the `GET ` and `HTTP/1.x` shortcuts) against a plain byte-by-byte reading of Erlang's
/// rules, over generated lines whose delimiters fall at every offset of a 16-byte block.
@Suite struct HTTPLineParseTests {
    static let separators = Array("()<>@,;:\\\"/[]?={}".utf8)

    static func isToken(_ c: UInt8) -> Bool { c >= 33 && c <= 127 && !separators.contains(c) }

    static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 }

    static func lowercased(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
    }

    static let knownNames = HTTPField.allCases.map { (lowercased(ArraySlice($0.canonicalName.utf8)), $0) }

    /// The line without its end, as the parser cuts it.
    static func content(_ line: [UInt8]) -> Int {
        let n = line.count
        if n >= 2 && line[n - 2] == 0x0D { return n - 2 }
        return n - 1
    }

    /// A header line read a byte at a time: the token run, a `:`, spaces, the value.
    static func referenceHeader(_ line: [UInt8]) -> HTTPPacket {
        let buffer = PacketBuffer(line)
        let n = content(line)
        var i = 0
        while i < n && isToken(line[i]) { i += 1 }
        guard i < n, line[i] == 0x3A else { return .error(line: buffer) }
        let nameEnd = i
        i += 1
        while i < n && isSpace(line[i]) { i += 1 }
        let name = lowercased(line[0..<nameEnd])
        let field = knownNames.first { $0.0 == name }?.1
        return .header(HTTPHeader(field: field, name: buffer.slice(0..<nameEnd), value: buffer.slice(i..<n)))
    }

    /// A request line read a byte at a time, as Erlang's decoder reads it.
    static func referenceRequest(_ line: [UInt8]) -> HTTPPacket {
        let buffer = PacketBuffer(line)
        let n = content(line)
        func digits(_ i: inout Int) -> Int32? {
            let start = i
            var value: Int32 = 0
            while i < n && line[i] >= 0x30 && line[i] <= 0x39 {
                value = value &* 10 &+ Int32(line[i] - 0x30)
                i += 1
            }
            return i == start ? nil : value
        }
        var i = 0
        while i < n && isToken(line[i]) { i += 1 }
        guard i < n, i > 0, isSpace(line[i]) else { return .error(line: buffer) }
        let methods: [String: HTTPMethod] = [
            "GET": .get, "PUT": .put, "POST": .post, "HEAD": .head, "TRACE": .trace, "DELETE": .delete,
            "OPTIONS": .options,
        ]
        let method = methods[String(decoding: line[0..<i], as: UTF8.self)] ?? .other(buffer.slice(0..<i))
        while i < n && isSpace(line[i]) { i += 1 }
        let start = i
        while i < n && !isSpace(line[i]) { i += 1 }
        let end = i
        guard end > start else { return .error(line: buffer) }
        while i < n && isSpace(line[i]) { i += 1 }
        let uri: HTTPRequestURI
        let target = Array(line[start..<end])
        let lower = lowercased(line[start..<end])
        func absolute(_ scheme: HTTPScheme, _ from: Int) -> HTTPRequestURI {
            var hostEnd = end
            var path = PacketBuffer("/")
            if let slash = line[from..<end].firstIndex(of: 0x2F) {
                path = buffer.slice(slash..<end)
                hostEnd = slash
            }
            guard let colon = line[from..<hostEnd].firstIndex(of: 0x3A) else {
                return .absoluteURI(scheme: scheme, host: buffer.slice(from..<hostEnd), port: nil, path: path)
            }
            let digitsAfter = line[(colon + 1)..<hostEnd]
            var port: Int32 = 0
            var allDigits = true
            for c in digitsAfter {
                guard c >= 0x30 && c <= 0x39 else {
                    allDigits = false
                    break
                }
                port = port &* 10 &+ Int32(c - 0x30)
            }
            return .absoluteURI(
                scheme: scheme, host: buffer.slice(from..<colon), port: allDigits && port != 0 ? port : nil, path: path)
        }
        if target == [0x2A] {
            uri = .asterisk
        } else if target.count <= 1 || target[0] == 0x2F {
            uri = .absPath(buffer.slice(start..<end))
        } else if lower.starts(with: Array("http://".utf8)) {
            uri = absolute(.http, start + 7)
        } else if lower.starts(with: Array("https://".utf8)) {
            uri = absolute(.https, start + 8)
        } else if let colon = line[start..<end].firstIndex(of: 0x3A) {
            uri = .scheme(name: buffer.slice(start..<colon), rest: buffer.slice((colon + 1)..<end))
        } else {
            uri = .string(buffer.slice(start..<end))
        }
        if i == n { return .request(HTTPRequestLine(method: method, uri: uri, version: .http09)) }
        guard n - i >= 8, Array(line[i..<(i + 5)]) == Array("HTTP/".utf8) else { return .error(line: buffer) }
        i += 5
        guard let major = digits(&i), i < n, line[i] == 0x2E else { return .error(line: buffer) }
        i += 1
        guard let minor = digits(&i) else { return .error(line: buffer) }
        return .request(HTTPRequestLine(method: method, uri: uri, version: HTTPVersion(major: major, minor: minor)))
    }

    /// The packet our parser gives for `line` (followed by a byte that folds nothing).
    static func parsed(_ type: PacketType, _ line: [UInt8]) throws -> HTTPPacket? {
        let codec = try PacketCodec(type)
        guard case .packet(let packet, let rest) = codec.decodeHTTP(PacketBuffer(line + Array("X".utf8))) else {
            return nil
        }
        #expect(rest.count == 1)
        return packet
    }

    static let oddBytes: [UInt8] = [0x00, 0x09, 0x0D, 0x12, 0x15, 0x20, 0x3A, 0x2F, 0x7F, 0x80, 0xFF, 0x2C, 0x41, 0x61]

    @Test func headerLinesMatchAByteByByteReading() throws {
        var random = SplitMix(seed: 13)
        let alphabet = Array("abcXYZ019-_.!~".utf8)
        for round in 0..<20_000 {
            var name: [UInt8]
            if round % 3 == 0 {
                name = (0..<Int.random(in: 0...40, using: &random)).map { _ in alphabet.randomElement(using: &random)! }
            } else {
                let known = HTTPField.allCases.randomElement(using: &random)!.canonicalName.utf8
                name = known.map { Bool.random(using: &random) ? $0 | 0x20 : $0 & ~0x20 }
                // Keep `-` and digits exact unless a byte is swapped below.
                name = zip(name, known).map { $0.1 >= 0x41 ? $0.0 : $0.1 }
            }
            if !name.isEmpty && round % 4 == 1 {
                name[Int.random(in: 0..<name.count, using: &random)] = Self.oddBytes.randomElement(using: &random)!
            }
            var line = name
            if round % 17 != 0 { line += Array(":".utf8) }
            line += Array([" ", "", "\t ", "   "].randomElement(using: &random)!.utf8)
            line += (0..<Int.random(in: 0...40, using: &random)).map { _ in
                Bool.random(using: &random)
                    ? alphabet.randomElement(using: &random)! : Self.oddBytes.randomElement(using: &random)!
            }.filter { $0 != 0x0A }
            line += Array(["\r\n", "\n", "\r\r\n"].randomElement(using: &random)!.utf8)
            let got = try Self.parsed(.httphBin, line)
            let expected = Self.content(line) == 0 ? .endOfHeaders : Self.referenceHeader(line)
            #expect(got == expected, "\(Array(line))")
            if case .header(let header) = got, case .header(let reference) = expected {
                #expect(header.field == reference.field, "\(Array(line))")
            }
        }
    }

    @Test func aKnownNameWithAControlByteIsNoHeader() throws {
        // 0x0D | 0x20 is `-`, 0x12 | 0x20 is `2`, 0x15 | 0x20 is `5`: folding them would match.
        for text in ["Content\u{0D}Length: 1\r\n", "Set-Cookie\u{12}: a\r\n", "Content-Md\u{15}: x\r\n"] {
            let line = Array(text.utf8)
            #expect(try Self.parsed(.httphBin, line) == .error(line: PacketBuffer(line)))
        }
        #expect(HTTPField.lookup(Array("CONTENT-LENGTH".utf8), 14) == .contentLength)
        #expect(HTTPField.lookup(Array("Set-Cookie2".utf8), 11) == .setCookie2)
        #expect(HTTPField.lookup(Array("Set-Cookie\u{12}".utf8), 11) == nil)
        #expect(HTTPField.lookup(Array("Content\u{0D}Length".utf8), 14) == nil)
    }

    @Test func requestLinesMatchAByteByByteReading() throws {
        var random = SplitMix(seed: 6)
        let methods = [
            "GET", "GET", "POST", "PUT", "HEAD", "DELETE", "OPTIONS", "TRACE", "get", "GETX", "PATCH", "G", "",
        ]
        let targets = [
            "/", "/index.html?q=1", "/a/very/long/path/that/spans/more/than/sixteen/bytes?x=1&y=2", "*", "x",
            "http://example.com", "HTTP://Example.COM:8080/a/b?c", "https://h:443/p", "https://h:0/", "http://h:12a/",
            "mailto:someone", "urn:a:b", "//double", "a/b", "http:/", "?", "/a\tb", "/p q",
        ]
        let versions = [
            "HTTP/1.1", "HTTP/1.1", "HTTP/1.0", "HTTP/1.2", "HTTP/10.1", "HTTP/1.1 x", "http/1.1", "HTTP/1", "HTTP/1.",
            "", "HTTPS/1.1", "HTTP/1.1x",
        ]
        for round in 0..<20_000 {
            var text = methods.randomElement(using: &random)!
            text += [" ", " ", "  ", "\t", ""].randomElement(using: &random)!
            text += String(repeating: "/", count: round % 19 == 0 ? Int.random(in: 1...20, using: &random) : 0)
            text += targets.randomElement(using: &random)!
            let version = versions.randomElement(using: &random)!
            if !version.isEmpty { text += [" ", " ", "  ", "\t"].randomElement(using: &random)! + version }
            var line = Array(text.utf8)
            if !line.isEmpty && round % 5 == 2 {
                line[Int.random(in: 0..<line.count, using: &random)] = Self.oddBytes.randomElement(using: &random)!
            }
            line += Array(["\r\n", "\n"].randomElement(using: &random)!.utf8)
            guard !line.starts(with: Array("HTTP/".utf8)) else { continue }  // a status line
            let got = try Self.parsed(.httpBin, line)
            #expect(got == Self.referenceRequest(line), "\(String(decoding: line, as: UTF8.self).debugDescription)")
        }
    }
}

extension HTTPField {
    /// The lookup over an array's bytes.
    static func lookup(_ bytes: [UInt8], _ length: Int) -> HTTPField? {
        bytes.withUnsafeBytes { lookup($0.baseAddress!, length) }
    }
}
