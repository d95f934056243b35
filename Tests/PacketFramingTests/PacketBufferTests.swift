import Testing

@testable import PacketFraming

@Suite struct PacketBufferTests {
    @Test func appendsAndReadsBytes() {
        var buffer = PacketBuffer()
        #expect(buffer.isEmpty)
        buffer.append(contentsOf: [1, 2, 3] as [UInt8])
        buffer.append(4)
        buffer.append(contentsOf: "ab")
        #expect(buffer.bytes == [1, 2, 3, 4, 97, 98])
        #expect(buffer.count == 6)
        #expect(buffer[3] == 4)
        #expect(buffer.byteIfPresent(at: 6) == nil)
    }

    @Test func sliceSharesStorageWithoutCopying() {
        let buffer = PacketBuffer(Array(0..<100) as [UInt8])
        let slice = buffer.slice(10..<20)
        #expect(slice.sharesStorage(with: buffer))
        #expect(slice.bytes == Array(10..<20))
        #expect(slice[0] == 10)
        #expect(buffer.slice(95...).bytes == [95, 96, 97, 98, 99])
        #expect(buffer.slice(..<2).bytes == [0, 1])
    }

    @Test func appendingAfterSlicingLeavesTheSliceUntouched() {
        var buffer = PacketBuffer(capacity: 8)
        buffer.append(contentsOf: [1, 2, 3, 4] as [UInt8])
        let packet = buffer.readSlice(2)
        let before = packet.storage
        // The storage is shared with `packet`: the append must not write into it.
        buffer.append(contentsOf: [5, 6, 7, 8, 9, 10] as [UInt8])
        #expect(packet.bytes == [1, 2])
        #expect(packet.storage === before)
        #expect(!buffer.sharesStorage(with: packet))
        #expect(buffer.bytes == [3, 4, 5, 6, 7, 8, 9, 10])
    }

    @Test func copiesOnlyTheLiveWindowWhenStorageIsShared() {
        var buffer = PacketBuffer(capacity: 1024)
        buffer.append(contentsOf: [UInt8](repeating: 7, count: 1000))
        let held = buffer.readSlice(990)
        buffer.append(contentsOf: [UInt8](repeating: 8, count: 100))
        // Only the 10 unread bytes moved (plus the new 100); the held bytes stayed where they were.
        #expect(buffer.count == 110)
        #expect(buffer.bytes == [UInt8](repeating: 7, count: 10) + [UInt8](repeating: 8, count: 100))
        #expect(!buffer.sharesStorage(with: held))
        #expect(held.count == 990 && held.bytes.allSatisfy { $0 == 7 })
        #expect(buffer.storage.capacity <= 2048)
    }

    @Test func keptSlicesCostOneCopyOfTheUnreadBytesPerAppendNotMore() {
        // Storage shared with a kept slice is never written again, so the first append after a
        // delivery moves the unread bytes (here none) to a new block: one allocation per
        // delivery, and the blocks stay small because delivered bytes are not carried along.
        var buffer = PacketBuffer()
        var kept: [PacketBuffer] = []
        var reallocations = 0
        var last = ObjectIdentifier(buffer.storage)
        var largest = 0
        for i in 0..<100_000 {
            buffer.append(UInt8(truncatingIfNeeded: i))
            if buffer.count == 40 { kept.append(buffer.readSlice(40)) }
            let now = ObjectIdentifier(buffer.storage)
            if now != last {
                reallocations += 1
                last = now
            }
            largest = Swift.max(largest, buffer.storage.capacity)
        }
        #expect(reallocations <= kept.count + 20)
        #expect(largest <= 64 * 1024)
        #expect(kept.count == 2_500)
        #expect(kept[1].bytes == (40..<80).map { UInt8($0) })
    }

    @Test func dripFedBufferWhosePacketsAreDroppedReallocatesLogarithmically() {
        var buffer = PacketBuffer()
        var reallocations = 0
        var last = ObjectIdentifier(buffer.storage)
        for i in 0..<100_000 {
            buffer.append(UInt8(truncatingIfNeeded: i))
            // A 90-byte packet consumed when complete, with 50 bytes of the next one behind it.
            if buffer.count == 140 { buffer.removeFirst(90) }
            let now = ObjectIdentifier(buffer.storage)
            if now != last {
                reallocations += 1
                last = now
            }
        }
        #expect(reallocations <= 4)
    }

    @Test func compactsInPlaceWhenUniquelyReferenced() {
        var buffer = PacketBuffer(capacity: 64)
        buffer.append(contentsOf: [UInt8](repeating: 1, count: 60))
        buffer.removeFirst(50)
        // An identifier, not a reference: holding the storage would make it shared.
        let storage = ObjectIdentifier(buffer.storage)
        buffer.append(contentsOf: [UInt8](repeating: 2, count: 30))
        #expect(ObjectIdentifier(buffer.storage) == storage)
        #expect(buffer.lower == 0)
        #expect(buffer.bytes == [UInt8](repeating: 1, count: 10) + [UInt8](repeating: 2, count: 30))
    }

    @Test func copyOnWriteKeepsCopiesIndependent() {
        var a = PacketBuffer([1, 2, 3] as [UInt8])
        var b = a
        b.append(4)
        a.append(9)
        #expect(a.bytes == [1, 2, 3, 9])
        #expect(b.bytes == [1, 2, 3, 4])
    }

    @Test func convertsToAndFromArraysSlicesAndStrings() {
        let array: [UInt8] = [104, 105]
        #expect(PacketBuffer(array).string == "hi")
        #expect(PacketBuffer(array[1...]).bytes == [105])
        #expect(PacketBuffer("héllo").bytes == Array("héllo".utf8))
        #expect(String(PacketBuffer("abc")) == "abc")
        #expect([UInt8](PacketBuffer("ab")) == [97, 98])
        #expect(ArraySlice<UInt8>(PacketBuffer("ab")) == [97, 98])
    }

    @Test func equalityIsByContent() {
        let a = PacketBuffer("xyz")
        let b = PacketBuffer("wxyz").slice(1...)
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(a != PacketBuffer("xy"))
    }

    @Test func spansSeeTheWindow() {
        let buffer = PacketBuffer("hello world").slice(6...)
        #expect(buffer.withBytes { $0.byteCount } == 5)
        #expect(buffer.withSpan { $0[0] } == UInt8(ascii: "w"))
        #expect(buffer.withUnsafeBytes { Array($0) } == Array("world".utf8))
    }

    @Test func growsGeometrically() {
        var buffer = PacketBuffer()
        var reallocations = 0
        var last: ObjectIdentifier? = nil
        for i in 0..<100_000 {
            buffer.append(UInt8(truncatingIfNeeded: i))
            if ObjectIdentifier(buffer.storage) != last {
                reallocations += 1
                last = ObjectIdentifier(buffer.storage)
            }
        }
        #expect(reallocations <= 20)
        #expect(buffer.count == 100_000)
    }

    @Test func describesItselfInHex() {
        #expect(PacketBuffer([0, 255] as [UInt8]).description == "PacketBuffer(2 bytes: 00 ff)")
        #expect(PacketBuffer().debugDescription == "PacketBuffer(0 bytes)")
    }

    @Test func hexRoundTrips() {
        #expect(Hex.encode([0, 1, 0xab] as [UInt8]) == "0001ab")
        #expect(Hex.decode("0001AB") == [0, 1, 0xab])
        #expect(Hex.decode("abc") == nil)
        #expect(Hex.decode("zz") == nil)
    }
}
