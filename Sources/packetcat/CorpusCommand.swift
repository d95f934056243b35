import ArgumentParser
import PacketCorpus

/// `packetcat corpus`: the fuzz corpus archives of `corpus/` (one zlib-compressed, deterministic
/// archive per fuzz target; the format is documented on `CorpusArchive` and in Fuzz/README.md).
struct CorpusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "corpus",
        abstract: "Pack, unpack and list fuzz corpus archives (zlib-compressed, deterministic).",
        discussion: """
            An archive holds a folder of fuzz inputs, deduplicated and sorted by their bytes, then \
            compressed with zlib: the same inputs always give the same archive, whatever the file \
            names. Unpacking names each input by the SHA-1 of its bytes, as libFuzzer does. Reading \
            is bounded: a corrupt, truncated or oversized archive (a decompression bomb included) \
            is refused with a reason, at most 64 MiB uncompressed, 100,000 inputs, 1 MiB each.

            Examples:
              packetcat corpus pack corpus-dir corpus/http.corpus
              packetcat corpus unpack corpus/http.corpus /tmp/http-corpus
              packetcat corpus list corpus/http.corpus
            """,
        subcommands: [CorpusPack.self, CorpusUnpack.self, CorpusList.self]
    )
}

/// Turns an archive error into packetcat's one-sentence failure.
func corpusFailure(_ error: CorpusError) -> CLIError {
    .failure(error.reason)
}

/// `packetcat corpus pack DIR FILE`.
struct CorpusPack: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pack",
        abstract: "Pack the files in DIR into the archive FILE (replaced atomically).",
        discussion: """
            Takes every regular file directly in DIR (not in subfolders; names starting with '.' \
            are skipped). Prints the number of inputs and their bytes, and the archive's size.
            """
    )

    @Argument(help: "The folder of inputs.")
    var directory: String

    @Argument(help: "The archive to write.")
    var file: String

    func run() throws {
        do throws(CorpusError) {
            let archive = try CorpusArchive(directory: directory)
            try archive.write(to: file)
            let size = try archive.compressed().count
            print(
                "\(file): \(counted(archive.entries.count, "input")), \(counted(archive.totalSize, "byte")), compressed to \(counted(size, "byte"))"
            )
        } catch {
            throw corpusFailure(error)
        }
    }
}

/// `packetcat corpus unpack FILE DIR`.
struct CorpusUnpack: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unpack",
        abstract: "Write the inputs of the archive FILE into DIR, each named by its SHA-1.",
        discussion: "Creates DIR if missing; files already there stay."
    )

    @Argument(help: "The archive to read.")
    var file: String

    @Argument(help: "The folder to write the inputs into.")
    var directory: String

    func run() throws {
        do throws(CorpusError) {
            let archive = try CorpusArchive(contentsOf: file)
            let written = try archive.unpack(into: directory)
            print("\(directory): \(counted(written, "input")) written, \(counted(archive.totalSize, "byte"))")
        } catch {
            throw corpusFailure(error)
        }
    }
}

/// `packetcat corpus list FILE`.
struct CorpusList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the inputs of the archive FILE: SHA-1 name and size, then the totals."
    )

    @Argument(help: "The archive to read.")
    var file: String

    func run() throws {
        do throws(CorpusError) {
            let archive = try CorpusArchive(contentsOf: file)
            for entry in archive.entries {
                print("\(CorpusArchive.name(of: entry))  \(entry.count)")
            }
            print("\(counted(archive.entries.count, "input")), \(counted(archive.totalSize, "byte"))")
        } catch {
            throw corpusFailure(error)
        }
    }
}
