import NIOCore
import PacketFraming

// What both HTTP decoders do with their framer.
extension PacketFramer {
    /// Copies the bytes NIO read into the framer and marks them read.
    @inlinable
    internal mutating func take(_ buffer: inout ByteBuffer) {
        guard buffer.readableBytes > 0 else { return }
        buffer.withUnsafeReadableBytes { append(contentsOf: $0) }
        buffer.moveReaderIndex(to: buffer.writerIndex)
    }

    /// The next piece of a body of which `remaining` bytes are still to come (counted down), or
    /// `nil` until more bytes arrive.
    @inlinable
    internal mutating func bodyPiece(remaining: inout Int) -> ByteBuffer? {
        guard let piece = read(upTo: remaining) else { return nil }
        remaining &-= piece.count
        return piece.withUnsafeBytes { ByteBuffer(bytes: $0) }
    }
}
