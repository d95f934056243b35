import PacketConform
import PacketFraming
import Testing

@Suite struct ErlangTermTests {
    @Test func formatsBinariesTuplesAndAtomsAsTildeW() {
        let term = ErlangTerm.tagged("ok", .binary([1, 2, 255]), .binary([]))
        #expect(term.formatted == "{ok,<<1,2,255>>,<<>>}")
        #expect(ErlangTerm.atom("GET").formatted == "'GET'")
        #expect(ErlangTerm.atom("http_eoh").formatted == "http_eoh")
        #expect(ErlangTerm.atom("end").formatted == "'end'")
        #expect(ErlangTerm.string("ab".utf8).formatted == "[97,98]")
    }
}
