import Foundation
import PacketInet
import PacketSocket
import TestSupport
import Testing

/// `{netns, Path}`: a socket opened inside a network namespace this test makes (with
/// `ip netns add`, which needs root and iproute2; CI has both).
@Suite struct NetnsTests {
    static func ip(_ arguments: [String]) -> Bool {
        guard let ip = ErlangOracle.executable("ip") else { return false }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ip)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    @Test func aSocketInANamespaceIsReachableOnlyFromThere() async throws {
        let name = "pf-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        guard Self.ip(["netns", "add", name]) else {
            #expect(!ErlangOracle.required, "CI must be able to make a network namespace (root, iproute2)")
            return
        }
        defer { _ = Self.ip(["netns", "delete", name]) }
        #expect(Self.ip(["-n", name, "link", "set", "lo", "up"]))
        let path = "/var/run/netns/\(name)"
        let loopback = IPAddress.v4(IPv4Address(value: 0x7F00_0001))
        let listener = try await TCPListener.listen(
            port: 0, address: loopback, options: [.netns(path), .active(.passive), .packet(.line)])
        defer { listener.close() }
        let port = try listener.port()
        #expect(try listener.options([.netns]) == [.netns(path)])

        // From this process's own namespace, nothing listens there.
        await #expect(throws: InetError(.econnrefused)) {
            _ = try await TCPSocket.connect(
                to: loopback, port: port, options: [.active(.passive)], timeout: .seconds(5))
        }
        // From inside the namespace, the listener answers.
        async let accepted = listener.accept(timeout: .seconds(5))
        let client = try await TCPSocket.connect(
            to: loopback, port: port, options: [.netns(path), .active(.passive)], timeout: .seconds(5))
        try await client.send(Array("inside\n".utf8))
        let server = try await accepted
        let line = try await server.recv(timeout: .seconds(5))
        #expect(line.description == "inside\n")
        await client.close()
        await server.close()
    }

    @Test func aMissingNamespaceIsENOENT() async throws {
        await #expect(throws: InetError(.enoent)) {
            _ = try await TCPListener.listen(port: 0, options: [.netns("/nonexistent/netns")])
        }
    }
}
