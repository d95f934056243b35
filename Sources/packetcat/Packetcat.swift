import ArgumentParser
import PacketSystem

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `packetcat`: Erlang's packet framing on files and pipes.
@main
struct Packetcat: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "packetcat",
        abstract: "Frame byte streams the way Erlang/OTP's {packet, Type} sockets and decode_packet/3 do.",
        discussion: """
            Packet types go by their Erlang names: \(PacketTypeArgument.validNames).
            With no subcommand, packetcat runs 'sample': a tour of every packet type.

            Exit status: 0 on success, 1 when the input cannot be read or a stream holds a packet \
            that can never be framed, 64 for bad usage (unknown options, invalid option values).
            """,
        subcommands: commands,
        defaultSubcommand: Sample.self
    )

    /// The subcommands (connect and listen need the SwiftNIO trait).
    static var commands: [any ParsableCommand.Type] {
        var commands: [any ParsableCommand.Type] = [
            Sample.self, Decode.self, Split.self, ConformCommand.self, InetCommand.self, BenchCommand.self,
            CorpusCommand.self,
        ]
        #if SwiftNIO
        commands += [Connect.self, Listen.self]
        #endif
        return commands
    }

    /// Parses the command line and runs the command, printing every error as one
    /// `packetcat: ...` sentence on standard error.
    static func main() {
        POSIX.exit(execute(Array(CommandLine.arguments.dropFirst())))
    }

    /// Runs `packetcat ARGUMENTS` and returns the exit status (help requests print and exit).
    static func execute(_ arguments: [String]) -> Int32 {
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            return 0
        } catch let error as CLIError {
            if !error.message.isEmpty { Terminal.error(error.message) }
            return error.status
        } catch {
            let code = exitCode(for: error)
            if code == .success { exit(withError: error) }  // --help, --version: prints, exits 0
            Terminal.error(sentence(message(for: error), helpCommand: helpCommand(for: arguments)))
            return code.rawValue
        }
    }

    /// ArgumentParser's message as one sentence, lowercase first, with where to find help.
    static func sentence(_ message: String, helpCommand: String) -> String {
        var text = message.split(separator: "\n").joined(separator: " ")
        text = text.replacing(". Please ", with: "; please ")
        while text.hasSuffix(".") { text.removeLast() }
        guard let first = text.first else { return "invalid arguments (see '\(helpCommand)')" }
        return first.lowercased() + text.dropFirst() + " (see '\(helpCommand)')"
    }

    /// `packetcat SUBCOMMAND --help` for the subcommand named at the start of `arguments`.
    static func helpCommand(for arguments: [String]) -> String {
        var path = ["packetcat"]
        var level: [any ParsableCommand.Type] = configuration.subcommands
        for argument in arguments {
            guard let command = level.first(where: { $0._commandName == argument }) else { break }
            path.append(argument)
            level = command.configuration.subcommands
        }
        return (path + ["--help"]).joined(separator: " ")
    }
}

/// An error the commands report as one sentence, with the exit status to use.
struct CLIError: Error, CustomStringConvertible, Equatable {
    /// One sentence, without the `packetcat: ` prefix (empty: print nothing).
    var message: String
    /// The exit status.
    var status: Int32

    var description: String { message }

    /// Bad usage: an option value packetcat or Erlang refuses (exit status 64, as ArgumentParser's).
    static func usage(_ message: String) -> CLIError { CLIError(message: message, status: 64) }

    /// A failure while running: unreadable input, a stream that cannot be framed (exit status 1).
    static func failure(_ message: String) -> CLIError { CLIError(message: message, status: 1) }
}
