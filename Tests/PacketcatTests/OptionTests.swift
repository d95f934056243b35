import PacketFraming
import Testing

@testable import packetcat

@Suite struct OptionTests {
    func options(_ arguments: [String]) throws -> PacketOptions {
        try FramingOptions.parse(["--type", "line"] + arguments).packetOptions()
    }

    func refusal(_ arguments: [String]) -> CLIError? {
        do {
            _ = try options(arguments)
            return nil
        } catch let error as CLIError {
            return error
        } catch {
            return CLIError.failure("unexpected \(error)")
        }
    }

    @Test func optionsAreSetAsErlangSetsThem() throws {
        let set = try options(["--packet-size", "100", "--line-length", "0", "--line-delimiter", "59"])
        #expect(set.packetSize == 100)
        #expect(set.lineLength == 0)
        #expect(set.lineDelimiter == 59)
        #expect(try options([]) == PacketOptions())
        #expect(try options(["--packet-size", "4294967295"]).packetSize == UInt32.max)
    }

    @Test func badValuesAreOneSentenceNamingTheOptionAndValue() {
        #expect(
            refusal(["--packet-size", "-1"])
                == .usage("invalid option packet_size=-1: must be an integer from 0 to 4294967295")
        )
        #expect(
            refusal(["--line-length", "4294967296"])
                == .usage("invalid option line_length=4294967296: must be an integer from 0 to 4294967295")
        )
        #expect(
            refusal(["--line-delimiter", "300"])
                == .usage("invalid option line_delimiter=300: must be a byte from 0 to 255"))
        #expect(
            refusal(["--line-delimiter", ";"]) == .usage("invalid option line_delimiter=;: must be a decimal integer"))
        // Beyond Int: the message names the value as typed, not a clamped one.
        #expect(
            refusal(["--packet-size", "123456789012345678901234567890"])
                == .usage(
                    "invalid option packet_size=123456789012345678901234567890: must be an integer from 0 to 4294967295"
                )
        )
        #expect(
            refusal(["--packet-size", "-99999999999999999999"])?.message.contains("=-99999999999999999999:") == true)
    }

    @Test func typesGoByTheirErlangNames() throws {
        #expect(try PacketTypeArgument.parse("0") == .raw)
        #expect(try PacketTypeArgument.parse("4") == .length4)
        #expect(try PacketTypeArgument.parse("tpkt") == .tpkt)
        for type in PacketType.allCases {
            #expect(try PacketTypeArgument.parse(type.erlangName) == type)
            #expect(PacketTypeArgument.swiftName(type).hasPrefix("PacketType."))
        }
        #expect(try PacketTypeArgument.parse("http") == .http)
        #expect(try PacketTypeArgument.parse("http_bin") == .httpBin)
        #expect(try PacketTypeArgument.parse("httph") == .httph)
        #expect(try PacketTypeArgument.parse("httph_bin") == .httphBin)
        #expect(PacketTypeArgument.swiftName(.httpBin) == "PacketType.httpBin")
        #expect(PacketTypeArgument.swiftName(.httphBin) == "PacketType.httphBin")
        // Every type has its own entry in the table (not the fallback built from the Erlang name).
        for type in PacketType.allCases {
            #expect(PacketTypeArgument.summary(type) != "Erlang's {packet, \(type.erlangName)}", "\(type)")
        }
        #expect(
            throws: CLIError.usage(
                "unknown packet type 'https' for --type; the types are raw, 0, 1, 2, 4, asn1, cdr, sunrm, fcgi, tpkt, "
                    + "line, http, http_bin, httph, httph_bin"
            )
        ) { try PacketTypeArgument.parse("https") }
        #expect(throws: CLIError.self) { try PacketTypeArgument.parse("HTTP") }
    }

    @Test func argumentParserErrorsBecomeOneSentenceWithTheRightHelp() {
        #expect(Packetcat.helpCommand(for: ["decode", "--bogus"]) == "packetcat decode --help")
        #expect(Packetcat.helpCommand(for: ["conform", "stream", "x"]) == "packetcat conform stream --help")
        #expect(Packetcat.helpCommand(for: ["--bogus"]) == "packetcat --help")
        #expect(
            Packetcat.sentence("Missing value\nfor '--type <type>'.", helpCommand: "packetcat --help")
                == "missing value for '--type <type>' (see 'packetcat --help')"
        )
        #expect(
            Packetcat.sentence("The value 'x' is invalid. Please provide one of 'a'.", helpCommand: "h")
                == "the value 'x' is invalid; please provide one of 'a' (see 'h')"
        )
    }
}
