/// The lexical rules every `packetcat conform` format shares (packet, stream and inet), in one
/// place so that one malformed line gets one answer whatever the format: `badarg`.
///
/// - A line ends at `\n`; trailing `\r` and `\n` bytes are not part of it. After the last `\n`,
///   a rest that is empty once stripped is not a line.
/// - Fields are separated by exactly one space (two spaces make an empty field, which no rule
///   accepts).
/// - HEX is lowercase hex with an even number of digits (at least two), or `-` for no bytes.
/// - An integer is `-?[0-9]+`: no `+`, no spaces, any magnitude.
/// - A list is `-` (empty) or items separated by `,` (an empty item is malformed).
/// - An option is `NAME=INTEGER`, split at the first `=`.
///
/// `Tests/Oracle/conform.escript` applies the same rules on the Erlang side.
package enum ConformLexer {
    /// `line` without its trailing `\r` and `\n` bytes.
    package static func stripped(_ line: Substring) -> Substring {
        var line = line
        while let last = line.utf8.last, last == 0x0D || last == 0x0A { line = line.dropLast() }
        return line
    }

    /// The lines of a whole batch, stripped, without a final rest that is empty once stripped.
    package static func lines(_ input: String) -> [Substring] {
        var lines = input.split(separator: "\n", omittingEmptySubsequences: false).map(stripped)
        if let last = lines.last, last.isEmpty { lines.removeLast() }
        return lines
    }

    /// The `count` fields of `line`, separated by single spaces, or `nil` for another count.
    package static func fields(_ line: Substring, count: Int) -> [Substring]? {
        let fields = line.split(separator: " ", omittingEmptySubsequences: false)
        return fields.count == count ? fields : nil
    }

    /// The bytes of a HEX field: lowercase hex pairs, or `-` for none; `nil` if malformed.
    package static func hex(_ field: Substring) -> [UInt8]? {
        if field == "-" { return [] }
        let utf8 = field.utf8
        guard !utf8.isEmpty, utf8.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count / 2)
        var high: UInt8? = nil
        for c in utf8 {
            let digit: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = c - UInt8(ascii: "a") + 10
            default: return nil
            }
            if let h = high {
                bytes.append(h << 4 | digit)
                high = nil
            } else {
                high = digit
            }
        }
        return bytes
    }

    /// The sign and the digits of an integer field (`-?[0-9]+`), or `nil`.
    package static func integer(_ field: Substring) -> (negative: Bool, digits: Substring.UTF8View)? {
        let negative = field.utf8.first == UInt8(ascii: "-")
        let digits = (negative ? field.dropFirst() : field).utf8
        guard !digits.isEmpty, digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            return nil
        }
        return (negative, digits)
    }

    /// An integer field as an `Int`, clamped to `Int.min`/`Int.max` beyond their range; `nil`
    /// if malformed.
    package static func clampedInteger(_ field: Substring) -> Int? {
        guard let (negative, digits) = integer(field) else { return nil }
        var value = 0
        for c in digits {
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(Int(c - UInt8(ascii: "0")))
            if o1 || o2 { return negative ? Int.min : Int.max }
            value = a
        }
        return negative ? -value : value
    }

    /// An integer field reduced modulo `modulus` (a negative one to its residue in
    /// `0..<modulus`); `nil` if malformed.
    package static func integer(_ field: Substring, modulo modulus: Int) -> Int? {
        guard let (negative, digits) = integer(field) else { return nil }
        var value = 0
        for c in digits { value = (value * 10 + Int(c - UInt8(ascii: "0"))) % modulus }
        return negative ? (modulus - value) % modulus : value
    }

    /// The items of a list field: `-` is the empty list, else the `,`-separated items (each
    /// non-empty); `nil` if an item is empty.
    package static func list(_ field: Substring) -> [Substring]? {
        if field == "-" { return [] }
        let items = field.split(separator: ",", omittingEmptySubsequences: false)
        return items.contains(where: \.isEmpty) ? nil : items
    }

    /// An option item `NAME=VALUE`, split at the first `=`; `nil` without one.
    package static func option(_ item: Substring) -> (name: Substring, value: Substring)? {
        guard let equals = item.firstIndex(of: "=") else { return nil }
        return (item[..<equals], item[item.index(after: equals)...])
    }
}
