import PacketFraming
import Testing

@testable import packetcat

@Suite struct SampleTests {
    /// The packet sizes `erlang:decode_packet/3` found, packet after packet, in each sample stream
    /// (OTP 25, decoding the streams' hex): the samples are well-formed for Erlang too.
    static let erlangPacketSizes: [PacketType: [Int]] = [
        .length1: [4, 4],
        .length2: [12, 13],
        .length4: [14, 7],
        .asn1: [28, 7],
        .cdr: [55, 12],
        .sunrm: [44, 60],
        .fcgi: [16, 50, 8],
        .tpkt: [43, 12],
        .line: [16, 16, 2],
    ]

    @Test func everyTypeHasASampleOfWholePackets() throws {
        #expect(Set(SampleStreams.all.map(\.type)) == Set(PacketType.allCases))
        for sample in SampleStreams.all {
            var framer = PacketFramer(sample.type)
            framer.append(contentsOf: sample.bytes)
            var sizes: [Int] = []
            while let packet = try framer.next() { sizes.append(packet.count) }
            #expect(framer.finish().isEmpty, "\(sample.type) leaves bytes over")
            #expect(sizes.count == sample.labels.count, "\(sample.type): a label per packet")
            if sample.type == .raw {
                #expect(sizes == [sample.bytes.count])
            } else {
                #expect(sizes == Self.erlangPacketSizes[sample.type], "\(sample.type)")
            }
        }
    }

    @Test func theTourNamesEveryTypeBothWaysAndFitsAScreenOrTwo() {
        let text = SampleStreams.text()
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count >= 40 && lines.count <= 85)
        #expect(lines.allSatisfy { $0.count <= 100 })
        for type in PacketType.allCases {
            #expect(text.contains("{packet, \(type.erlangName)}"))
            #expect(text.contains(PacketTypeArgument.swiftName(type)))
            #expect(text.contains(PacketTypeArgument.summary(type)))
        }
        #expect(text.contains("  #1  4  14 bytes  term_to_binary({ok,hello})\n"))
        #expect(text.contains("      0000  83 68 02 77 02 6f 6b 77  05 68 65 6c 6c 6f        .h.w.okw.hello\n"))
        #expect(text.contains("packetcat --help"))
    }

    @Test func theTourCanShowOneType() {
        let fcgi = SampleStreams.text(SampleStreams.all.filter { $0.type == .fcgi })
        #expect(fcgi.contains("PARAMS (padding dropped)"))
        #expect(!fcgi.contains("{packet, tpkt}"))
    }
}
