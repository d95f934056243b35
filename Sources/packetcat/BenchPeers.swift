import ArgumentParser
import Glibc
import PacketBench
import PacketFraming

/// `--against` of `packetcat bench`: a peer timed on the same bytes in the same run.
enum BenchPeer: String, ExpressibleByArgument, CaseIterable, Sendable {
    case erlang
    case memchr
    case memchrCopy = "memchr-copy"
    case walk
    case walkCopy = "walk-copy"

    /// What runs, for the text output.
    var what: String {
        switch self {
        case .erlang: "erlang:decode_packet/3 (escript), the same chunks appended to a binary, decoded until {more, _}"
        case .memchr: "Glibc memchr over the whole stream in place, one call a line (no copy, no framer)"
        case .memchrCopy:
            "each chunk copied into one reused buffer (the unfinished line moved to its front), then Glibc memchr a line (C's line framer)"
        case .walk: "a plain header walk over the whole stream in place (no copy, no framer; Swift, raw pointers)"
        case .walkCopy:
            "each chunk copied into one reused buffer (the unfinished frame moved to its front), then a header walk over its whole frames (C's length-prefixed framer)"
        }
    }

    /// Why this peer cannot run on `type`, or `nil`.
    func unavailable(for type: PacketType) -> String? {
        switch self {
        case .erlang: type == .raw ? "no comparison for raw (every chunk is a packet)" : nil
        case .memchr, .memchrCopy: type == .line ? nil : "splits lines: only with --type line"
        case .walk, .walkCopy:
            type.lengthHeaderSize == nil ? "walks 1, 2 and 4-byte headers: only with --type 1, 2 or 4" : nil
        }
    }

    /// Whether the peer runs in this process: its rounds then take turns with the framer's.
    var inProcess: Bool { self != .erlang }

    /// One round of an in-process peer over `stream`, fed `chunk` bytes at a time where the peer
    /// takes chunks; `nil` for erlang (``ErlangPeer/Prepared/measure(chunk:rounds:)`` times its own).
    func round(_ stream: BenchStream, chunk: Int) -> Tally? {
        switch self {
        case .erlang:
            return nil
        case .memchr:
            return CPeerLoops.memchrLines(stream.bytes, delimiter: stream.stream.options.effectiveLineDelimiter)
        case .memchrCopy:
            return CPeerLoops.copyingMemchrLines(
                stream.bytes, chunk: chunk, delimiter: stream.stream.options.effectiveLineDelimiter)
        case .walk:
            return CPeerLoops.headerWalk(stream.bytes, header: stream.type.lengthHeaderSize ?? 4)
        case .walkCopy:
            return CPeerLoops.copyingHeaderWalk(stream.bytes, chunk: chunk, header: stream.type.lengthHeaderSize ?? 4)
        }
    }
}

/// A peer's best round.
struct PeerRun: Equatable {
    let peer: BenchPeer
    /// Packets (HTTP: messages) found in one round.
    let units: Int
    let seconds: Double
}

/// The plain loops of Benchmarks' C peers (`CPeers.c`), over raw pointers: what C does on the
/// same bytes without a framer.
enum CPeerLoops {
    /// Lines split with Glibc's `memchr`, one call a line, as `cpeers_memchr_lines`.
    @inline(never)
    static func memchrLines(_ bytes: [UInt8], delimiter: UInt8) -> Tally {
        bytes.withUnsafeBytes { all in
            var tally = Tally()
            guard var p = all.baseAddress else { return tally }
            let end = p + all.count
            while p < end, let found = memchr(p, Int32(delimiter), end - p) {
                let next = UnsafeRawPointer(found) + 1
                tally.units += 1
                tally.bytes &+= next - p
                p = next
            }
            return tally
        }
    }

    /// Lines split as a C reader that copies what it reads does it, as `cpeers_line_framer`:
    /// each `chunk` bytes copied into one buffer (`chunk` + 64 KiB; when the chunk does not fit
    /// behind the buffered bytes, the unfinished line is moved to the front first, and the buffer
    /// doubles only for a line longer than that), then Glibc's `memchr` from where the last
    /// search stopped, one call a line (a plain loop over 8 new bytes or fewer: drip-feeding).
    @inline(never)
    static func copyingMemchrLines(_ bytes: [UInt8], chunk: Int, delimiter: UInt8) -> Tally {
        bytes.withUnsafeBytes { all in
            var tally = Tally()
            guard let source = all.baseAddress, chunk > 0 else { return tally }
            let count = all.count
            var capacity = chunk &+ 65536
            guard var buffer = malloc(capacity) else { return tally }
            defer { free(buffer) }
            var start = 0
            var end = 0
            var scanned = 0
            var offset = 0
            while offset < count {
                let n = Swift.min(chunk, count &- offset)
                guard
                    copyIn(
                        source, at: offset, count: n, into: &buffer, capacity: &capacity, start: &start, end: &end,
                        shifting: &scanned)
                else { return tally }
                offset &+= n
                while true {
                    var found = -1
                    if end &- scanned <= 8 {
                        var i = scanned
                        while i < end {
                            if buffer.load(fromByteOffset: i, as: UInt8.self) == delimiter {
                                found = i
                                break
                            }
                            i &+= 1
                        }
                    } else if let at = memchr(buffer + scanned, Int32(delimiter), end &- scanned) {
                        found = buffer.distance(to: at)
                    }
                    if found < 0 {
                        scanned = end
                        break
                    }
                    let length = found &- start &+ 1
                    tally.units &+= 1
                    tally.bytes &+= length
                    start &+= length
                    scanned = start
                }
            }
            return tally
        }
    }

    /// The copying of C's copying readers (``copyingMemchrLines(_:chunk:delimiter:)``,
    /// ``copyingHeaderWalk(_:chunk:header:)``): the `n` bytes at `offset` of `source` copied
    /// behind the buffered bytes `buffer[start..<end]` (memcpy; a plain loop for 8 bytes or
    /// fewer). When they do not fit in `capacity`, the buffered bytes (the unfinished packet) are
    /// first moved (memmove) to the front, `index` (an offset into them) with them, and only if
    /// they still do not fit (a packet longer than the buffer) the buffer grows (realloc) to
    /// twice what is needed. `false` when `realloc` fails (`buffer` is then still the block to
    /// free).
    ///
    /// `@_transparent`, inlined before the optimizer runs, so that each loop compiles to the
    /// instructions of the copying written out in it: with `@inline(__always)` the line split
    /// came out with other registers, 13 % more instructions a pass in 64 KiB chunks (callgrind,
    /// `--type line --payload 64`: 574,224 against 508,690) and 3.4 % more drip-fed.
    @_transparent
    static func copyIn(
        _ source: UnsafeRawPointer, at offset: Int, count n: Int, into buffer: inout UnsafeMutableRawPointer,
        capacity: inout Int, start: inout Int, end: inout Int, shifting index: inout Int
    ) -> Bool {
        if end &+ n > capacity {
            memmove(buffer, buffer + start, end &- start)
            end &-= start
            index &-= start
            start = 0
            if end &+ n > capacity {
                capacity = 2 &* (end &+ n)
                guard let grown = realloc(buffer, capacity) else { return false }
                buffer = grown
            }
        }
        if n <= 8 {
            for i in 0..<n {
                buffer.storeBytes(
                    of: source.load(fromByteOffset: offset &+ i, as: UInt8.self), toByteOffset: end &+ i,
                    as: UInt8.self)
            }
        } else {
            memcpy(buffer + end, source + offset, n)
        }
        end &+= n
        return true
    }

    /// 1/2/4-byte big-endian length headers walked over, as `cpeers_length_scan`.
    @inline(never)
    static func headerWalk(_ bytes: [UInt8], header: Int) -> Tally {
        bytes.withUnsafeBytes { all in
            var tally = Tally()
            guard let base = all.baseAddress else { return tally }
            _ = walkFrames(base, from: 0, to: all.count, header: header, into: &tally)
            return tally
        }
    }

    /// Length-prefixed frames read as a C reader that copies what it reads does it: each
    /// `chunk` bytes copied (memcpy; a plain loop for 8 bytes or fewer) into one reused buffer
    /// of `chunk` + 64 KiB, the unfinished frame first moved to its front when the chunk does not
    /// fit behind it, the buffer doubled only for a frame longer than that (the copying of
    /// ``copyingMemchrLines(_:chunk:delimiter:)``); after each chunk, the whole frames now in the
    /// buffer walked over (1, 2 or 4-byte big-endian header) and counted as
    /// ``headerWalk(_:header:)`` counts them: frames, and their payload bytes. `CPeers.c` has no
    /// such loop: this is `cpeers_line_framer`'s copying with `cpeers_length_scan`'s walk.
    @inline(never)
    static func copyingHeaderWalk(_ bytes: [UInt8], chunk: Int, header: Int) -> Tally {
        bytes.withUnsafeBytes { all in
            var tally = Tally()
            guard let source = all.baseAddress, chunk > 0 else { return tally }
            let count = all.count
            var capacity = chunk &+ 65536
            guard var buffer = malloc(capacity) else { return tally }
            defer { free(buffer) }
            var start = 0
            var end = 0
            var none = 0  // no offset into the unfinished frame to keep
            var offset = 0
            while offset < count {
                let n = Swift.min(chunk, count &- offset)
                guard
                    copyIn(
                        source, at: offset, count: n, into: &buffer, capacity: &capacity, start: &start, end: &end,
                        shifting: &none)
                else { return tally }
                offset &+= n
                start = walkFrames(buffer, from: start, to: end, header: header, into: &tally)
            }
            return tally
        }
    }

    /// Walks the whole frames of `base[offset..<end]` (1, 2 or 4-byte big-endian length header,
    /// then that many payload bytes), counting each frame and its payload bytes into `tally`;
    /// where the first frame not wholly there starts.
    @inline(__always)
    static func walkFrames(
        _ base: UnsafeRawPointer, from offset: Int, to end: Int, header: Int, into tally: inout Tally
    ) -> Int {
        var offset = offset
        while end &- offset >= header {
            let p = base + offset
            let length =
                header == 4
                ? Int(UInt32(bigEndian: p.loadUnaligned(as: UInt32.self)))
                : header == 2
                    ? Int(UInt16(bigEndian: p.loadUnaligned(as: UInt16.self))) : Int(p.load(as: UInt8.self))
            if end &- offset &- header < length { break }
            offset &+= header &+ length
            tally.bytes &+= length
            tally.units &+= 1
        }
        return offset
    }
}

/// `--against erlang`: `erlang:decode_packet/3` in an escript on the same bytes (written to a
/// temporary file), fed the same chunks.
enum ErlangPeer {
    /// The escript: `bench.escript TYPE CHUNK ROUNDS FILE` prints `ok UNITS SECONDS`, the best of
    /// ROUNDS rounds (as `Benchmarks/erlang/bench.escript` times its `erlang 64K` and `drip`).
    static let script = """
        #!/usr/bin/env escript
        %% packetcat bench --against erlang: erlang:decode_packet/3 over the bytes of FILE arriving
        %% CHUNK bytes at a time (each chunk appended to the buffered binary, then decode_packet
        %% until {more, _}), best of ROUNDS rounds. HTTP as Erlang loops: http_bin (http) for the
        %% start line, then httph_bin (httph) until http_eoh. Prints: ok UNITS SECONDS, where UNITS
        %% are packets, or HTTP messages.
        -mode(compile).

        main([TypeName, ChunkText, RoundsText, File]) ->
            Type = type(TypeName),
            Chunk = list_to_integer(ChunkText),
            Rounds = list_to_integer(RoundsText),
            {ok, Stream} = file:read_file(File),
            Fun = fun() -> chunk_loop(Type, Stream, Chunk, <<>>, initial(Type), 0) end,
            Units = Fun(),
            Seconds = best(Fun, Rounds, infinity),
            io:format("ok ~b ~.9f~n", [Units, Seconds]),
            halt(0);
        main(_) ->
            io:format("usage: bench.escript TYPE CHUNK ROUNDS FILE~n"),
            halt(64).

        type("1") -> 1;
        type("2") -> 2;
        type("4") -> 4;
        type(Name) -> list_to_atom(Name).

        best(_Fun, 0, Best) -> Best;
        best(Fun, N, Best) ->
            garbage_collect(),
            T0 = erlang:monotonic_time(nanosecond),
            _ = Fun(),
            T1 = erlang:monotonic_time(nanosecond),
            best(Fun, N - 1, min(Best, (T1 - T0) / 1.0e9)).

        initial(httph) -> headers;
        initial(httph_bin) -> headers;
        initial(_) -> start.

        header_type(http) -> httph;
        header_type(http_bin) -> httph_bin;
        header_type(Type) -> Type.

        is_http(Type) -> lists:member(Type, [http, http_bin, httph, httph_bin]).

        chunk_loop(_Type, <<>>, _Chunk, _Buffer, _State, N) -> N;
        chunk_loop(Type, Stream, Chunk, Buffer, State, N) ->
            {Piece, More} =
                case Stream of
                    <<P:Chunk/binary, M/binary>> -> {P, M};
                    _ -> {Stream, <<>>}
                end,
            {Buffer1, State1, N1} = drain(Type, is_http(Type), <<Buffer/binary, Piece/binary>>, State, N),
            chunk_loop(Type, More, Chunk, Buffer1, State1, N1).

        drain(Type, true, Buffer, State, N) ->
            case http_step(Type, Buffer, State, N) of
                {{ok, Rest}, State1, N1} -> drain(Type, true, Rest, State1, N1);
                {more, State1, N1} -> {Buffer, State1, N1}
            end;
        drain(Type, false, Buffer, State, N) ->
            case erlang:decode_packet(Type, Buffer, []) of
                {ok, _Packet, Rest} -> drain(Type, false, Rest, State, N + 1);
                {more, _} -> {Buffer, State, N};
                Other -> error({unexpected, Type, Other})
            end.

        http_step(Type, Bin, State, N) ->
            Decode = case State of start -> Type; headers -> header_type(Type) end,
            case erlang:decode_packet(Decode, Bin, []) of
                {ok, {http_request, _, _, _}, Rest} -> {{ok, Rest}, headers, N};
                {ok, {http_response, _, _, _}, Rest} -> {{ok, Rest}, headers, N};
                {ok, http_eoh, Rest} -> {{ok, Rest}, initial(Type), N + 1};
                {ok, _Header, Rest} -> {{ok, Rest}, State, N};
                {more, _} -> {more, State, N};
                Other -> error({unexpected, Other})
            end.

        """

    /// `escript` on the PATH, or `nil`.
    static func escript() -> String? {
        guard let path = getenv("PATH") else { return nil }
        for directory in String(cString: path).split(separator: ":") where !directory.isEmpty {
            let candidate = "\(directory)/escript"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }

    /// The escript and the stream written once to a temporary folder, for as many blocks of
    /// rounds as the caller runs; ``remove()`` deletes them.
    struct Prepared {
        let escript: String
        let type: PacketType
        let folder: String

        var scriptPath: String { "\(folder)/bench.escript" }
        var streamPath: String { "\(folder)/stream.bin" }

        /// The best of `rounds` rounds of `erlang:decode_packet/3` over the stream in `chunk`s.
        func measure(chunk: Int, rounds: Int) throws(CLIError) -> PeerRun {
            let command = [escript, scriptPath, type.erlangName, String(chunk), String(rounds), streamPath]
                .map(ErlangPeer.quoted).joined(separator: " ")
            let output = try ErlangPeer.run(command + " 2>&1")
            let words = output.split(whereSeparator: { $0 == " " || $0 == "\n" })
            guard words.count == 3, words[0] == "ok", let units = Int(words[1]), let seconds = Double(words[2])
            else {
                throw .failure("--against erlang: the escript said: \(output)")
            }
            return PeerRun(peer: .erlang, units: units, seconds: max(seconds, 1e-9))
        }

        func remove() {
            unlink(scriptPath)
            unlink(streamPath)
            rmdir(folder)
        }
    }

    /// Writes the escript and `stream` to a new temporary folder.
    static func prepare(_ stream: BenchStream, escript: String) throws(CLIError) -> Prepared {
        let base = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
        var template = Array("\(base)/packetcat-bench-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else {
            throw .failure("--against erlang: cannot make a temporary folder in \(base)")
        }
        let prepared = Prepared(escript: escript, type: stream.type, folder: String(cString: made))
        do {
            try write(Array(script.utf8), to: prepared.scriptPath)
            try write(stream.bytes, to: prepared.streamPath)
        } catch {
            prepared.remove()
            throw error
        }
        return prepared
    }

    static func quoted(_ word: String) -> String {
        "'" + word.replacingAll("'", with: "'\\''") + "'"
    }

    static func write(_ bytes: [UInt8], to path: String) throws(CLIError) {
        guard let file = fopen(path, "wb") else { throw .failure("--against erlang: cannot write \(path)") }
        let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        if fclose(file) != 0 || written != bytes.count { throw .failure("--against erlang: cannot write \(path)") }
    }

    /// Runs `command` with the shell; its standard output.
    static func run(_ command: String) throws(CLIError) -> String {
        guard let pipe = popen(command, "r") else { throw .failure("--against erlang: cannot run escript") }
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, pipe) }
            if n == 0 { break }
            output += buffer[0..<n]
        }
        let status = pclose(pipe)
        let text = String(decoding: output, as: UTF8.self)
        if status != 0 { throw .failure("--against erlang: escript failed: \(text)") }
        return text
    }
}

extension String {
    /// `self` with every `target` replaced (no Foundation).
    fileprivate func replacingAll(_ target: Character, with replacement: String) -> String {
        var result = ""
        for character in self {
            if character == target { result += replacement } else { result.append(character) }
        }
        return result
    }
}
