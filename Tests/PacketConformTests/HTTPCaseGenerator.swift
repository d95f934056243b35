import PacketFraming

/// Generates HTTP lines and messages aimed at every corner of Erlang's HTTP decoder.
extension CaseGenerator {
    static let knownFields = HTTPField.allCases.map(\.canonicalName)
    static let methods = ["GET", "POST", "PUT", "HEAD", "DELETE", "OPTIONS", "TRACE", "get", "PATCH", "M-SEARCH", "X"]
    static let uris = [
        "/", "/index.html?q=1", "*", "x", "", "http://example.com", "HTTP://Example.COM:8080/a/b?c",
        "https://h:443/p", "https://h:0/", "http://h:99999999999/x", "http://h:2147483648/", "http://h:12a/",
        "http://[::1]:4000/x", "http://h:", "ftp://files/x", "mailto:someone", "urn:a:b", "//double", "a/b",
        "http:/", "https:", "?", "/%7e",
    ]
    static let lineEnds = ["\r\n", "\r\n", "\r\n", "\n", "\r\r\n", ""]

    mutating func randomCase(_ text: String) -> String {
        String(text.map { chance(2) ? Character($0.uppercased()) : Character($0.lowercased()) })
    }

    mutating func token(_ length: Int) -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.!#$%&'*+^`|~")
        return String((0..<length).map { _ in pick(alphabet) })
    }

    mutating func version() -> String {
        switch int(0...9) {
        case 0: return ""
        case 1: return " HTTP/\(pick(["1", "1.", ".1", "x.y", "1.1x", "4294967297.2", "2147483648.0", "10.20"]))"
        case 2: return " HTTP/1.1 trailing"
        case 3: return " http/1.1"
        default: return " HTTP/1.\(int(0...1))"
        }
    }

    mutating func startLine() -> String {
        if chance(3) {
            let status =
                chance(5) ? pick(["99999999999", "2147483648", "0", "", "200OK", "-1"]) : String(int(100...599))
            let versionText =
                chance(8) ? pick(["HTTP/1", "HTTP/1.1", "HTTP/x.1", "HTTP/1.", "HTTPS/1.1"]) : "HTTP/1.\(int(0...1))"
            let space = chance(8) ? pick(["", "  ", "\t"]) : " "
            let reason =
                chance(6)
                ? pick(["", " ", "OK ", "Not Found\t"]) : pick([" OK", " Not Found", " Moved Permanently", ""])
            return "\(versionText)\(space)\(status)\(reason)"
        }
        let method = chance(4) ? token(int(1...8)) : pick(Self.methods)
        let space = chance(8) ? pick(["\t", "  ", ""]) : " "
        return "\(method)\(space)\(pick(Self.uris))\(version())"
    }

    mutating func headerLine() -> String {
        var name: String
        switch int(0...9) {
        case 0: name = token(int(0...12))
        case 1: name = String(repeating: pick(["a", "B", "-"]), count: pick([49, 50, 51, 60]))
        case 2:
            name = pick([
                "x-foo-BAR", "--a-b", "a--b", "X_Y", "1abc", "Content-Length2", "Set-Cookie2", "www-AUTHENTICATE",
            ])
        default: name = randomCase(pick(Self.knownFields))
        }
        let colon = chance(10) ? pick([" :", "", ";", "\t:"]) : ":"
        let space = pick(["", " ", "  ", "\t", " \t"])
        var value =
            chance(5) ? "" : pick(["5", "text/html; charset=utf-8", "a b ", "value\t", "x=1; y=2", token(int(1...20))])
        if chance(6) { value += pick(["\r\n continued", "\r\n\tmore", "\n folded", "\r\n  two\r\n three"]) }
        return "\(name)\(colon)\(space)\(value)"
    }

    /// Raw bytes: mostly text, sometimes a control or high byte.
    mutating func mangle(_ text: String) -> [UInt8] {
        var bytes = Array(text.utf8)
        if !bytes.isEmpty && chance(8) {
            bytes[int(0...(bytes.count - 1))] = pick([0, 9, 13, 10, 32, 58, 127, 128, 200, 255])
        }
        return bytes
    }

    /// A `conform packet` line for an HTTP type.
    mutating func httpPacketLine(_ type: String) -> String {
        let headerType = type.hasPrefix("httph")
        var text: String
        switch int(0...11) {
        case 0: text = pick(["", "\r\n", "\n", "\r\n\r\n", "\r", " \r\n", "\r\n "])
        case 1: text = startLine() + pick(Self.lineEnds)
        case 2: text = headerLine() + pick(Self.lineEnds) + pick(["", "X", " ", "\t", "\r\n"])
        default:
            text = (headerType == !chance(6) ? headerLine() : startLine()) + pick(Self.lineEnds)
            text += pick(["", "Host: x\r\n", " folded\r\n", "\r\n", "X"])
        }
        var bytes = mangle(text)
        if chance(6) { bytes = Array(bytes.prefix(int(0...bytes.count))) }
        var options: [String] = []
        if chance(5) {
            options.append(
                "packet_size=\(pick([0, 1, 5, 8, 16, 20, 40, bytes.count, bytes.count + 1, max(bytes.count - 1, 0)]))")
        }
        if chance(6) { options.append("line_length=\(pick([0, 1, 5, 10, 30, bytes.count]))") }
        if chance(40) { options.append("line_delimiter=10") }
        return
            "\(type) \(options.isEmpty ? "-" : options.joined(separator: ",")) \(bytes.isEmpty ? "-" : Hex.encode(bytes))"
    }

    /// A `conform stream` line for an HTTP type: whole messages, sometimes broken ones.
    mutating func httpStreamLine(_ type: String) -> String {
        var text = ""
        for _ in 0..<int(1...3) {
            if chance(8) { text += pick(["\r\n", "garbage\r\n"]) }
            if !type.hasPrefix("httph") || chance(6) { text += startLine() + pick(["\r\n", "\n"]) }
            for _ in 0..<int(0...5) { text += headerLine() + pick(["\r\n", "\r\n", "\n"]) }
            text += pick(["\r\n", "\r\n", "\n", ""])
        }
        var bytes = mangle(text)
        if chance(5) { bytes = Array(bytes.prefix(int(0...bytes.count))) }
        let options = chance(5) ? "packet_size=\(pick([1, 10, 20, 30, 100, 1000]))" : "-"
        return "\(type) \(options) \(bytes.isEmpty ? "-" : Hex.encode(bytes))"
    }
}
