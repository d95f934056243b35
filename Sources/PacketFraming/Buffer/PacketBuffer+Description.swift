// MARK: - Descriptions

extension PacketBuffer: CustomStringConvertible, CustomDebugStringConvertible {
    /// The bytes as text when they are text (valid UTF-8 without control characters other than
    /// tab, CR and LF): `print(header.value)` prints `text/html`. Other bytes are shown as
    /// ``debugDescription`` shows them; an empty buffer is the empty string.
    public var description: String {
        withUnsafeBytes { raw in
            guard let text = PacketBuffer.readableText(raw) else { return debugDescription }
            return text
        }
    }

    /// The size and up to 64 bytes in hex: `PacketBuffer(5 bytes: 68 65 6c 6c 6f)`, then ` ...`
    /// when there are more.
    public var debugDescription: String {
        let shown = slice(..<Swift.min(count, 64))
        var text = "PacketBuffer(\(count) byte\(count == 1 ? "" : "s")"
        if !isEmpty { text += ":" }
        for byte in shown {
            text += " "
            text += Hex.byte(byte)
        }
        if count > shown.count { text += " ..." }
        return text + ")"
    }

    /// `raw` as a string if it is valid UTF-8 whose only control characters are tab, CR and LF.
    static func readableText(_ raw: UnsafeRawBufferPointer) -> String? {
        for byte in raw where byte < 0x20 || byte == 0x7F {
            guard byte == 0x09 || byte == 0x0A || byte == 0x0D else { return nil }
        }
        guard let text = String(validating: raw, as: UTF8.self) else { return nil }
        for scalar in text.unicodeScalars where scalar.properties.generalCategory == .control {
            guard scalar.value == 0x09 || scalar.value == 0x0A || scalar.value == 0x0D else { return nil }
        }
        return text
    }
}
