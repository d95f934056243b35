import PacketSystem

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - Folders and files

extension CorpusArchive {
    /// The archive of the inputs in `directory`: every regular file directly in it (not in
    /// subfolders; names starting with `.` are skipped), whatever its name.
    ///
    /// - Throws: ``CorpusError/Code/fileSystem`` when the folder or a file cannot be read,
    ///   ``CorpusError/Code/tooLarge`` when a file or the whole would break `limits`.
    public init(directory: String, limits: CorpusLimits = .default) throws(CorpusError) {
        var entries: [[UInt8]] = []
        var total = 0
        for name in try FileIO.fileNames(in: directory) {
            let entry = try FileIO.read(FileIO.join(directory, name), limit: limits.maximumEntrySize)
            total += entry.count
            if total > limits.maximumTotalSize {
                throw CorpusError(
                    code: .tooLarge,
                    reason: "the files in \(directory) add up to more than the \(limits.maximumTotalSize)-byte limit"
                )
            }
            entries.append(entry)
        }
        self.init(entries: entries)
        if self.entries.count > limits.maximumEntryCount {
            throw CorpusError(
                code: .tooLarge,
                reason:
                    "\(directory) holds \(self.entries.count) inputs, more than the limit of \(limits.maximumEntryCount)"
            )
        }
    }

    /// The archive in the file at `path`.
    ///
    /// - Throws: ``CorpusError/Code/fileSystem`` when the file cannot be read, else what
    ///   ``init(compressed:limits:)-(UnsafeRawBufferPointer,_)`` throws.
    public init(contentsOf path: String, limits: CorpusLimits = .default) throws(CorpusError) {
        let bytes = try FileIO.read(path, limit: limits.maximumArchiveSize)
        do {
            try self.init(compressed: bytes, limits: limits)
        } catch {
            throw CorpusError(code: error.code, reason: "\(path): \(error.reason)")
        }
    }

    /// Writes the archive to `path`, replacing the file atomically (a new file renamed over it).
    public func write(to path: String, limits: CorpusLimits = .default) throws(CorpusError) {
        let bytes = try compressed(limits: limits)
        let temporary = path + ".tmp-\(getpid())"
        try FileIO.write(bytes, to: temporary)
        guard rename(temporary, path) == 0 else {
            let error = FileIO.error("cannot rename \(temporary) to \(path)")
            unlink(temporary)
            throw error
        }
    }

    /// Writes every entry to `directory` (created if missing) as a file named ``name(of:)``;
    /// files already there stay. Returns the number of files written.
    @discardableResult
    public func unpack(into directory: String) throws(CorpusError) -> Int {
        try FileIO.makeDirectory(directory)
        for entry in entries {
            try FileIO.write(entry, to: FileIO.join(directory, Self.name(of: entry)))
        }
        return entries.count
    }
}

/// The few POSIX file operations the archive needs, each failing with a ``CorpusError`` that
/// names the path and the system's reason.
internal enum FileIO {
    static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    static func error(_ what: String) -> CorpusError {
        error(what, SystemError(code: errno))
    }

    /// The error for `what` that failed with `failure`.
    static func error(_ what: String, _ failure: SystemError) -> CorpusError {
        CorpusError(code: .fileSystem, reason: "\(what): \(POSIX.describe(failure.code))")
    }

    /// The names of the regular files directly in `directory`, sorted, without dot files.
    static func fileNames(in directory: String) throws(CorpusError) -> [String] {
        guard let dir = opendir(directory) else { throw error("cannot open folder \(directory)") }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            // The name in place: a dirent is only as long as its name (d_reclen), so copying the
            // whole 256-byte d_name field reads past the end of the last one in the buffer.
            let offset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!
            let name = String(cString: (UnsafeRawPointer(entry) + offset).assumingMemoryBound(to: CChar.self))
            if name.hasPrefix(".") { continue }
            var info = stat()
            guard stat(join(directory, name), &info) == 0 else { throw error("cannot stat \(join(directory, name))") }
            if info.st_mode & S_IFMT == S_IFREG { names.append(name) }
        }
        return names.sorted()
    }

    /// The bytes of the file at `path`, refused past `limit` bytes.
    static func read(_ path: String, limit: Int) throws(CorpusError) -> [UInt8] {
        let fd: Int32
        do { fd = try POSIX.open(path, O_RDONLY) } catch { throw self.error("cannot open \(path)", error) }
        defer { POSIX.close(fd) }
        var bytes: [UInt8] = []
        let chunk = 64 * 1024
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk, alignment: 1)
        defer { buffer.deallocate() }
        while true {
            let n: Int
            do { n = try POSIX.read(fd, into: buffer) } catch { throw self.error("cannot read \(path)", error) }
            if n == 0 { return bytes }
            if n > limit - bytes.count {
                throw CorpusError(code: .tooLarge, reason: "\(path) is larger than the \(limit)-byte limit")
            }
            bytes += buffer[0..<n]
        }
    }

    /// Writes `bytes` to `path`, replacing what was there.
    static func write(_ bytes: [UInt8], to path: String) throws(CorpusError) {
        let fd: Int32
        do {
            fd = try POSIX.open(path, O_WRONLY | O_CREAT | O_TRUNC, mode: 0o644)
        } catch {
            throw self.error("cannot create \(path)", error)
        }
        defer { POSIX.close(fd) }
        let written = bytes.withUnsafeBytes { raw in Result { () throws(SystemError) in try POSIX.writeAll(fd, raw) } }
        if case .failure(let failure) = written { throw error("cannot write \(path)", failure) }
    }

    /// Creates `directory` and its parents if missing.
    static func makeDirectory(_ directory: String) throws(CorpusError) {
        var path = directory.hasPrefix("/") ? "/" : ""
        for part in directory.split(separator: "/") {
            path += (path.isEmpty || path.hasSuffix("/") ? "" : "/") + part
            if mkdir(path, 0o755) != 0 && errno != EEXIST { throw error("cannot create folder \(path)") }
        }
        var info = stat()
        guard stat(directory, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
            throw CorpusError(code: .fileSystem, reason: "\(directory) is not a folder")
        }
    }
}
