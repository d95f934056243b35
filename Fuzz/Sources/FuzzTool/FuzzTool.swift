import FuzzSupport
import Glibc
import PacketCorpus

/// `FuzzTool`: the corpus chores of Fuzz/run, so that the script needs nothing but this package.
///
/// It is built with the fuzzers (every executable of a `--sanitize=fuzzer` build gets libFuzzer's
/// `main`), so it does its work in `LLVMFuzzerInitialize`, which libFuzzer calls first, and exits
/// before libFuzzer reads its own arguments.
///
/// ```
/// FuzzTool seeds TARGET DIR   write TARGET's seed inputs into DIR (libFuzzer names)
/// FuzzTool pack DIR FILE      pack the inputs in DIR into the archive FILE (deterministic)
/// FuzzTool unpack FILE DIR    write the inputs of the archive FILE into DIR
/// FuzzTool list FILE          print each input's name and size, then the totals
/// FuzzTool targets            print the target names
/// ```
@_cdecl("LLVMFuzzerInitialize")
public func fuzzToolMain(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>
) -> CInt {
    let arguments = (1..<Int(argc.pointee)).map { String(cString: argv.pointee![$0]!) }
    FuzzTool.run(arguments)
    exit(0)
}

/// Never called: libFuzzer wants the symbol.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzToolTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt { 0 }

enum FuzzTool {
    static func run(_ arguments: [String]) {
        do {
            switch (arguments.first, arguments.count) {
            case ("seeds", 3):
                guard let seeds = Seeds.seeds(for: arguments[1]) else { fail("unknown target \(arguments[1])") }
                let written = try CorpusArchive(entries: seeds).unpack(into: arguments[2])
                print("\(arguments[1]): \(written) seeds in \(arguments[2])")
            case ("pack", 3):
                let archive = try CorpusArchive(directory: arguments[1])
                try archive.write(to: arguments[2])
                print("\(arguments[2]): \(archive.entries.count) inputs, \(archive.totalSize) bytes")
            case ("unpack", 3):
                let archive = try CorpusArchive(contentsOf: arguments[1])
                let written = try archive.unpack(into: arguments[2])
                print("\(arguments[1]): \(written) inputs written to \(arguments[2])")
            case ("list", 2):
                let archive = try CorpusArchive(contentsOf: arguments[1])
                for entry in archive.entries { print("\(CorpusArchive.name(of: entry)) \(entry.count)") }
                print("\(archive.entries.count) inputs, \(archive.totalSize) bytes")
            case ("targets", 1):
                for name in Seeds.targets { print(name) }
            default:
                fail("usage: FuzzTool seeds TARGET DIR | pack DIR FILE | unpack FILE DIR | list FILE | targets")
            }
        } catch {
            fail(error.description)
        }
    }

    static func fail(_ message: String) -> Never {
        let line = "FuzzTool: \(message)\n"
        _ = line.withCString { write(2, $0, strlen($0)) }
        exit(1)
    }
}
