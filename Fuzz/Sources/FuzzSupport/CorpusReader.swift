import PacketCorpus

extension Targets {
    /// Small caps, so that a decompression bomb is caught fast (8 KiB of input inflates to at
    /// most about 8 MiB; the reader must stop at 1 MiB).
    public static let corpusLimits = CorpusLimits(
        maximumArchiveSize: 1 << 20,
        maximumTotalSize: 1 << 20,
        maximumEntryCount: 4096,
        maximumEntrySize: 64 << 10
    )

    /// `corpus_reader`: the archive reader on arbitrary bytes never traps, and what it accepts
    /// packs back to the same archive.
    ///
    /// ```
    /// byte 0   mode = byte % 3
    /// mode 0   rest = an archive file (zlib): read it
    /// mode 1   rest = an uncompressed container: read it (past the zlib layer random bytes
    ///          rarely reach)
    /// mode 2   rest = separator byte, then entries separated by it: pack in this order and
    ///          reversed (the same bytes), then read back
    /// ```
    public static func corpusReader(_ data: UnsafeRawBufferPointer) {
        var input = FuzzInput(data)
        let mode = input.byte() % 3
        let rest = input.rest
        switch mode {
        case 0:
            do {
                let archive = try CorpusArchive(compressed: rest, limits: corpusLimits)
                let again = try CorpusArchive(
                    compressed: archive.compressed(limits: corpusLimits), limits: corpusLimits)
                invariant(again == archive, "an accepted archive does not survive packing")
                invariant(archive.totalSize <= corpusLimits.maximumTotalSize, "the archive is over the limit")
            } catch {
                invariant(!error.reason.isEmpty, "an error without a reason")
            }
        case 1:
            do {
                let archive = try CorpusArchive(container: rest, limits: corpusLimits)
                // A container is canonical: the one accepted is exactly the one written.
                invariant(archive.container() == rest, "an accepted container is not canonical")
                invariant(archive.entries.count <= corpusLimits.maximumEntryCount, "too many entries accepted")
            } catch {
                invariant(error.code != .fileSystem && error.code != .corrupt, "a container failed with \(error.code)")
            }
        default:
            guard let separator = rest.first else { return }
            let entries = rest.dropFirst().split(separator: separator, omittingEmptySubsequences: false).map(Array.init)
            let archive = CorpusArchive(entries: entries)
            do {
                let bytes = try archive.compressed(limits: corpusLimits)
                let reversed = try CorpusArchive(entries: entries.reversed()).compressed(limits: corpusLimits)
                invariant(reversed == bytes, "packing depends on the order of the inputs")
                let back = try CorpusArchive(compressed: bytes, limits: corpusLimits)
                invariant(back == archive, "a packed archive reads back different")
                invariant(Set(archive.entries) == Set(entries), "packing lost or invented entries")
            } catch {
                invariant(
                    error.code == .tooLarge && archive.entries.count > corpusLimits.maximumEntryCount,
                    "packing \(archive.entries.count) small entries failed: \(error)"
                )
            }
        }
    }
}
