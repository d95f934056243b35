import PacketFraming
import Testing

@Suite struct HTTPMessageHeadTests {
    static func header(_ field: HTTPField?, _ name: String, _ value: String) -> HTTPPacket {
        .header(HTTPHeader(field: field, name: PacketBuffer(name), value: PacketBuffer(value)))
    }

    static let get = HTTPPacket.request(
        HTTPRequestLine(method: .get, uri: .absPath(PacketBuffer("/")), version: .http11))

    @Test func headersSkipLinesThatAreNoHeaders() {
        let head = HTTPMessageHead(
            packets: [
                Self.get, .error(line: PacketBuffer("junk\r\n")), Self.header(.host, "Host", "a"),
                .error(line: PacketBuffer("more junk\r\n")), Self.header(nil, "X-Y", "z"), .endOfHeaders,
            ],
            hasStartLine: true)
        #expect(head.headers.count == 2)
        #expect(head.headers.map(\.name.string) == ["Host", "X-Y"])
        #expect(Array(head.headers.indices) == [2, 4])
        #expect(head.first(.host)?.valueString == "a")
        #expect(head.startLine == Self.get)
        #expect(head.isComplete)
    }

    @Test func headWithoutHeadersHasAnEmptyHeaderView() {
        let head = HTTPMessageHead(packets: [Self.get, .endOfHeaders], hasStartLine: true)
        #expect(head.headers.isEmpty)
        #expect(head.headers.startIndex == head.headers.endIndex)
        #expect(head.contentLength == nil)
    }

    @Test func startLineThatIsAnErrorIsACompleteHead() {
        let head = HTTPMessageHead(packets: [.error(line: PacketBuffer("junk\n"))], hasStartLine: true)
        #expect(head.isComplete)
        #expect(head.request == nil && head.response == nil)
        #expect(head.startLine == .error(line: PacketBuffer("junk\n")))
    }

    @Test func headerOnlyHeadHasNoStartLineAndIsCompleteOnlyAtTheEndOfHeaders() {
        let unfinished = HTTPMessageHead(packets: [.error(line: PacketBuffer("junk\n"))], hasStartLine: false)
        #expect(unfinished.startLine == nil)
        #expect(!unfinished.isComplete)
        let finished = HTTPMessageHead(packets: [Self.header(.host, "Host", "a"), .endOfHeaders], hasStartLine: false)
        #expect(finished.isComplete)
        #expect(finished.headers.count == 1)
        #expect(!HTTPMessageHead(packets: [], hasStartLine: true).isComplete)
        #expect(HTTPMessageHead(packets: [], hasStartLine: true).startLine == nil)
    }

    @Test func contentLengthIsTheLastOnesValue() {
        let head = HTTPMessageHead(
            packets: [
                Self.get, Self.header(.contentLength, "Content-Length", "7"),
                Self.header(.contentLength, "content-length", " 42 "), .endOfHeaders,
            ],
            hasStartLine: true)
        #expect(head.contentLength == 42)
        #expect(head.first(.contentLength)?.valueString == "7")
    }
}
