import PacketFraming
import Testing

@testable import packetcat

@Suite struct PreviewTests {
    @Test func shortPacketIsOneRowWithTextAligned() {
        let text = Preview.text(PacketBuffer("hello"))
        #expect(text == "    0000  68 65 6c 6c 6f                                    hello\n")
        // The text column starts at 60 whatever the row's length.
        #expect(text.utf8.count == 60 + 5 + 1)
    }

    @Test func fullRowsHaveAGapAfterTheEighthByteAndDotsForUnprintables() {
        let bytes: [UInt8] = Array(0x41...0x50) + [0x00, 0x0A, 0x7F, 0x80, 0x20, 0x7E]
        let text = Preview.text(PacketBuffer(bytes))
        #expect(
            text == """
                    0000  41 42 43 44 45 46 47 48  49 4a 4b 4c 4d 4e 4f 50  ABCDEFGHIJKLMNOP
                    0010  00 0a 7f 80 20 7e                                 .... ~

                """
        )
    }

    @Test func longPacketsStopAfterFourRowsAndSayHowManyBytesWereLeft() {
        let text = Preview.text(PacketBuffer([UInt8](repeating: 0x61, count: 1064)))
        let lines = text.split(separator: "\n")
        #expect(lines.count == 5)
        #expect(lines[3].hasPrefix("    0030  61 61"))
        #expect(lines[4] == "    ... 1000 more bytes")
        #expect(Preview.text(PacketBuffer([UInt8](repeating: 0, count: 65))).hasSuffix("    ... 1 more byte\n"))
        #expect(Preview.text(PacketBuffer([UInt8](repeating: 0, count: 64))).split(separator: "\n").count == 4)
    }

    @Test func emptyPacketsSaySo() {
        #expect(Preview.text(PacketBuffer(), indent: 2) == "  (empty)\n")
    }

    @Test func rowsAndIndentCanBeChosen() {
        let text = Preview.text(PacketBuffer([UInt8](repeating: 0x7A, count: 40)), indent: 6, maxRows: 2)
        #expect(
            text == """
                      0000  7a 7a 7a 7a 7a 7a 7a 7a  7a 7a 7a 7a 7a 7a 7a 7a  zzzzzzzzzzzzzzzz
                      0010  7a 7a 7a 7a 7a 7a 7a 7a  7a 7a 7a 7a 7a 7a 7a 7a  zzzzzzzzzzzzzzzz
                      ... 8 more bytes

                """
        )
    }
}
