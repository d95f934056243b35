import NIOCore
import NIOEmbedded
import NIOExtras
import NIOHTTP1
import PacketBench
import PacketFraming
import PacketFramingNIO
import Workloads

/// What a Swift programmer would pick instead of this package: SwiftNIO's decoders through their
/// pipeline (`ByteToMessageHandler` in an `EmbeddedChannel`), and hand-written loops on NIO's
/// `ByteBuffer`, the best one writes by hand.
public enum NIOPeers {
    /// The stream as `ByteBuffer` chunks of `size` bytes, slices of one buffer (built before
    /// measuring, as a socket would hand them over).
    public static func chunks(_ stream: Stream, size: Int) -> [ByteBuffer] {
        let whole = ByteBuffer(bytes: stream.bytes)
        return stride(from: 0, to: stream.bytes.count, by: size).map {
            whole.getSlice(at: $0, length: Swift.min(size, stream.bytes.count - $0))!
        }
    }

    // MARK: - Decoders through the pipeline

    /// nio-extras' `LengthFieldBasedFrameDecoder` (1, 2 or 4 bytes, big-endian).
    @inline(never)
    public static func lengthFieldDecoder(_ chunks: [ByteBuffer], header: Int) -> Tally {
        let length: NIOLengthFieldBitLength =
            switch header {
            case 1: .oneByte
            case 2: .twoBytes
            default: .fourBytes
            }
        let channel = EmbeddedChannel(
            handler: ByteToMessageHandler(LengthFieldBasedFrameDecoder(lengthFieldBitLength: length)))
        return drainFrames(channel, chunks)
    }

    /// nio-extras' `LineBasedFrameDecoder` (`\n` or `\r\n`, stripped from the frame).
    @inline(never)
    public static func lineDecoder(_ chunks: [ByteBuffer]) -> Tally {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(LineBasedFrameDecoder()))
        return drainFrames(channel, chunks)
    }

    /// This package's `PacketFrameDecoder` through the same handler: the same state machine as
    /// the framer, over NIO's cumulation buffer in place.
    @inline(never)
    public static func ourDecoder(_ chunks: [ByteBuffer], _ stream: Stream) -> Tally {
        let channel = EmbeddedChannel(
            handler: ByteToMessageHandler(PacketFrameDecoder(stream.type, options: stream.options)))
        return drainFrames(channel, chunks)
    }

    /// This package's `HTTPPacketDecoder` through the same handler: typed packets (method, URI,
    /// version, known field or name, value slices); a message ends at the end of its headers.
    @inline(never)
    public static func ourHTTPDecoder(_ chunks: [ByteBuffer], _ stream: Stream) -> Tally {
        let channel = EmbeddedChannel(
            handler: ByteToMessageHandler(HTTPPacketDecoder(stream.type, options: stream.options)))
        var tally = Tally()
        for chunk in chunks {
            try! channel.writeInbound(chunk)
            while let part = try! channel.readInbound(as: HTTPPacketDecoder.Part.self) {
                switch part {
                case .packet(let packet):
                    tally.bytes &+= FramingLoops.touch(packet)
                    if case .endOfHeaders = packet { tally.units += 1 }
                case .body(let body):
                    tally.bytes &+= body.readableBytes
                }
            }
        }
        _ = try! channel.finish()
        return tally
    }

    /// This package's `HTTPHeadDecoder` through the same handler: the same typed packets as
    /// `ourHTTPDecoder`, a message head passed on as one value (`HTTPMessageHead`).
    @inline(never)
    public static func ourHTTPHeadDecoder(_ chunks: [ByteBuffer], _ stream: Stream) -> Tally {
        let channel = EmbeddedChannel(
            handler: ByteToMessageHandler(HTTPHeadDecoder(stream.type, options: stream.options)))
        var tally = Tally()
        for chunk in chunks {
            try! channel.writeInbound(chunk)
            while let part = try! channel.readInbound(as: HTTPHeadDecoder.Part.self) {
                switch part {
                case .head(let head):
                    for packet in head.packets { tally.bytes &+= FramingLoops.touch(packet) }
                    tally.units += 1
                case .body(let body):
                    tally.bytes &+= body.readableBytes
                }
            }
        }
        _ = try! channel.finish()
        return tally
    }

    static func drainFrames(_ channel: EmbeddedChannel, _ chunks: [ByteBuffer]) -> Tally {
        var tally = Tally()
        for chunk in chunks {
            try! channel.writeInbound(chunk)
            while let frame = try! channel.readInbound(as: ByteBuffer.self) {
                tally.units += 1
                tally.bytes &+= frame.readableBytes
            }
        }
        _ = try! channel.finish()
        return tally
    }

    /// NIOHTTP1's `HTTPRequestDecoder`: a request head with method, URI, version and headers
    /// (Strings), then `.end`.
    @inline(never)
    public static func httpRequestDecoder(_ chunks: [ByteBuffer]) -> Tally {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(HTTPRequestDecoder()))
        var tally = Tally()
        for chunk in chunks {
            try! channel.writeInbound(chunk)
            while let part = try! channel.readInbound(as: HTTPServerRequestPart.self) {
                switch part {
                case .head(let head):
                    tally.bytes &+= head.uri.utf8.count &+ head.headers.count &+ head.version.minor
                case .body(let body):
                    tally.bytes &+= body.readableBytes
                case .end:
                    tally.units += 1
                }
            }
        }
        _ = try! channel.finish()
        return tally
    }

    // MARK: - Hand loops on ByteBuffer

    /// Reads `chunk` bytes at a time into one `ByteBuffer`, then `getInteger` + `readSlice` per
    /// frame; read bytes are discarded after each chunk.
    @inline(never)
    public static func lengthLoop(_ stream: Stream, chunk: Int) -> Tally {
        switch stream.type.lengthHeaderSize {
        case 1: lengthLoop(stream, chunk: chunk, as: UInt8.self)
        case 2: lengthLoop(stream, chunk: chunk, as: UInt16.self)
        default: lengthLoop(stream, chunk: chunk, as: UInt32.self)
        }
    }

    @inline(__always)
    static func lengthLoop<Header: FixedWidthInteger>(_ stream: Stream, chunk: Int, as: Header.Type) -> Tally {
        var tally = Tally()
        var buffer = ByteBufferAllocator().buffer(capacity: 0)
        let header = MemoryLayout<Header>.size
        stream.forEachChunk(of: chunk) { piece in
            buffer.writeBytes(piece)
            while let length = buffer.getInteger(at: buffer.readerIndex, as: Header.self),
                buffer.readableBytes >= header + Int(length)
            {
                buffer.moveReaderIndex(forwardBy: header)
                let frame = buffer.readSlice(length: Int(length))!
                tally.units += 1
                tally.bytes &+= frame.readableBytes
            }
            buffer.discardReadBytes()
        }
        return tally
    }

    /// Reads `chunk` bytes at a time into one `ByteBuffer`, then
    /// `readableBytesView.firstIndex(of:)` + `readSlice` per line (delimiter kept).
    @inline(never)
    public static func lineLoop(_ stream: Stream, chunk: Int) -> Tally {
        var tally = Tally()
        var buffer = ByteBufferAllocator().buffer(capacity: 0)
        stream.forEachChunk(of: chunk) { piece in
            buffer.writeBytes(piece)
            while let newline = buffer.readableBytesView.firstIndex(of: 0x0A) {
                let line = buffer.readSlice(length: newline - buffer.readerIndex + 1)!
                tally.units += 1
                tally.bytes &+= line.readableBytes
            }
            buffer.discardReadBytes()
        }
        return tally
    }

    // MARK: - Encoding

    /// nio-extras' `LengthFieldPrepender` through the pipeline: each payload written out comes
    /// back as a header buffer and the payload.
    @inline(never)
    public static func prepender(header: Int, payload: ByteBuffer, count: Int) -> Tally {
        let length: LengthFieldPrepender.ByteLength =
            switch header {
            case 1: .one
            case 2: .two
            default: .four
            }
        let channel = EmbeddedChannel(handler: LengthFieldPrepender(lengthFieldLength: length))
        var tally = Tally()
        for _ in 0..<count {
            try! channel.writeOutbound(payload)
            while let out = try! channel.readOutbound(as: ByteBuffer.self) { tally.bytes &+= out.readableBytes }
            tally.units += 1
        }
        _ = try! channel.finish()
        return tally
    }

    /// `writeInteger` + `writeBytes` per payload into one `ByteBuffer` allocated once.
    @inline(never)
    public static func encodeLoop(header: Int, payload: [UInt8], count: Int) -> Tally {
        var out = ByteBufferAllocator().buffer(capacity: (header + payload.count) * count)
        payload.withUnsafeBytes { bytes in
            for _ in 0..<count {
                switch header {
                case 1: out.writeInteger(UInt8(bytes.count))
                case 2: out.writeInteger(UInt16(bytes.count))
                default: out.writeInteger(UInt32(bytes.count))
                }
                out.writeBytes(bytes)
            }
        }
        return Tally(units: count, bytes: out.readableBytes)
    }
}
