import PacketFraming

extension Targets {
    /// Every type but `raw` (whose packets are whatever a read returns, so depend on the chunks).
    public static let streamTypes = PacketType.allCases.filter { $0 != .raw }

    /// `framer_diff`: the framer fed the stream in fuzzer-chosen chunks must deliver exactly the
    /// packets and the error of the stateless codec loop (for `http`/`http_bin`, the loop keeps
    /// the http state as a socket does), also across a `setType` switch; a mismatch traps.
    ///
    /// ```
    /// byte 0        the type: streamTypes[byte % 13]
    /// byte 1...     the option byte and its values (FuzzOptions): bits 0-1 pick the framer's
    ///               HTTP limit (default, none, 64, 7), bit 7 asks for a type switch
    /// [switch]      low nibble: switch after that many packets; high nibble: the new type
    /// chunk spec    k = (byte & 7) + 1, then one byte of append modes (2 bits per chunk), then
    ///               k chunk sizes (1...255 bytes; 0 = everything left), cycled
    /// rest          the stream
    /// ```
    public static func framerDiff(_ data: UnsafeRawBufferPointer) {
        var input = FuzzInput(data)
        let type = streamTypes[Int(input.byte()) % streamTypes.count]
        let settings = FuzzOptions(&input)
        var plan = StreamPlan(
            type: type, options: settings.options, maximumHTTPPacketSize: httpLimits[settings.typeIndex])
        if settings.alsoFrame {
            let spec = input.byte()
            plan.switchAfter = Int(spec & 0x0F)
            plan.switchType = streamTypes[Int(spec >> 4) % streamTypes.count]
        }
        let count = Int(input.byte() & 7) + 1
        let appendModes = input.byte()
        let chunks = (0..<count).map { _ in
            let size = Int(input.byte())
            return size == 0 ? Int.max : size
        }
        let stream = input.rest
        StreamReference.compare(stream, plan, chunks: chunks, appendModes: appendModes)
        StreamReference.compare(stream, plan, chunks: [1], appendModes: appendModes)
    }

    /// The bytes that make `framerDiff` frame `stream` with these settings.
    public static func framerDiffInput(
        _ plan: StreamPlan,
        chunks: [Int],
        appendModes: UInt8 = 0,
        stream: [UInt8]
    ) -> [UInt8] {
        var bytes = [UInt8(streamTypes.firstIndex(of: plan.type)!)]
        let limitIndex = httpLimits.firstIndex(of: plan.maximumHTTPPacketSize) ?? 0
        bytes += FuzzOptions.encode(typeIndex: limitIndex, options: plan.options, alsoFrame: plan.switchAfter != nil)
        if let after = plan.switchAfter {
            bytes.append(UInt8(after & 0x0F) | UInt8(streamTypes.firstIndex(of: plan.switchType)!) << 4)
        }
        let sizes = chunks.isEmpty ? [0] : Array(chunks.prefix(8))
        bytes.append(UInt8(sizes.count - 1))
        bytes.append(appendModes)
        bytes += sizes.map { $0 >= 256 ? 0 : UInt8($0) }
        return bytes + stream
    }
}
