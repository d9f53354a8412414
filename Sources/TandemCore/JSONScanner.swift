/// A strict RFC 8259 scanner over UTF-8 bytes that validates values and reports where they lie.
///
/// It exists so unknown wallet fields can be kept exactly as written (their byte range), which
/// neither `JSONSerialization` nor `JSONDecoder` can do: both normalise numbers and whitespace.
struct JSONScanner {
    /// Values nested deeper than this are rejected, so hostile input cannot exhaust the stack.
    static let maximumDepth = 256

    let bytes: [UInt8]
    private(set) var index: Int
    private let end: Int
    private var depth = 0

    /// Scans `bytes[range]`; the whole input must already be known to be valid UTF-8.
    init(_ bytes: [UInt8], range: Range<Int>? = nil) {
        self.bytes = bytes
        self.index = range?.lowerBound ?? 0
        self.end = range?.upperBound ?? bytes.count
    }

    /// The byte at the cursor, or nil at the end of the scanned range.
    var current: UInt8? { index < end ? bytes[index] : nil }

    var isAtEnd: Bool { index >= end }

    mutating func skipWhitespace() {
        while index < end {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    /// Consumes `byte` (after optional whitespace) or fails naming what was expected.
    mutating func expect(_ byte: UInt8) throws(WalletDocumentError) {
        skipWhitespace()
        guard current == byte else { throw unexpected(expecting: "'\(Character(Unicode.Scalar(byte)))'") }
        index += 1
    }

    /// Consumes `byte` (after optional whitespace) if it is next.
    mutating func consume(_ byte: UInt8) -> Bool {
        skipWhitespace()
        guard current == byte else { return false }
        index += 1
        return true
    }

    /// Validates one value (after optional whitespace) and returns the byte range it occupies.
    mutating func skipValue() throws(WalletDocumentError) -> Range<Int> {
        skipWhitespace()
        let start = index
        guard let byte = current else { throw unexpected(expecting: "a value") }
        switch byte {
        case UInt8(ascii: "{"): try skipObject()
        case UInt8(ascii: "["): try skipArray()
        case UInt8(ascii: "\""): _ = try scanString()
        case UInt8(ascii: "t"): try skipLiteral("true")
        case UInt8(ascii: "f"): try skipLiteral("false")
        case UInt8(ascii: "n"): try skipLiteral("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try skipNumber()
        default: throw unexpected(expecting: "a value")
        }
        return start..<index
    }

    /// Calls `body` for each member of the object at the cursor, positioned at the member's value.
    ///
    /// `body` must consume exactly one value.
    mutating func forEachMember(
        _ body: (inout JSONScanner, String) throws(WalletDocumentError) -> Void
    ) throws(WalletDocumentError) {
        try expect(UInt8(ascii: "{"))
        try enterNesting()
        defer { depth -= 1 }
        if consume(UInt8(ascii: "}")) { return }
        repeat {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else { throw unexpected(expecting: "a member name in quotes") }
            let key = try scanString()
            try expect(UInt8(ascii: ":"))
            skipWhitespace()
            try body(&self, key)
        } while consume(UInt8(ascii: ","))
        try expect(UInt8(ascii: "}"))
    }

    /// Decodes the string literal at the cursor.
    mutating func scanString() throws(WalletDocumentError) -> String {
        skipWhitespace()
        guard current == UInt8(ascii: "\"") else { throw unexpected(expecting: "a string") }
        index += 1
        let start = index
        // Fast path: no escapes, so the literal's bytes are the string's bytes.
        while index < end {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return String(decoding: bytes[start..<(index - 1)], as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw malformed("control character inside a string at byte \(index)") }
            index += 1
        }
        var buffer = Array(bytes[start..<index])
        while index < end {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return String(decoding: buffer, as: UTF8.self)
            case UInt8(ascii: "\\"):
                index += 1
                try scanEscape(into: &buffer)
            case ..<0x20:
                throw malformed("control character inside a string at byte \(index)")
            default:
                buffer.append(byte)
                index += 1
            }
        }
        throw malformed("unterminated string starting at byte \(start - 1)")
    }

    private mutating func scanEscape(into buffer: inout [UInt8]) throws(WalletDocumentError) {
        guard let byte = current else { throw malformed("unterminated escape at byte \(index)") }
        index += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): buffer.append(byte)
        case UInt8(ascii: "b"): buffer.append(0x08)
        case UInt8(ascii: "f"): buffer.append(0x0C)
        case UInt8(ascii: "n"): buffer.append(0x0A)
        case UInt8(ascii: "r"): buffer.append(0x0D)
        case UInt8(ascii: "t"): buffer.append(0x09)
        case UInt8(ascii: "u"):
            var value = try scanHex4()
            if (0xD800...0xDBFF).contains(value) {
                // A high surrogate must be followed by an escaped low surrogate.
                guard index + 1 < end, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                    throw malformed("unpaired surrogate escape before byte \(index)")
                }
                index += 2
                let low = try scanHex4()
                guard (0xDC00...0xDFFF).contains(low) else {
                    throw malformed("unpaired surrogate escape before byte \(index)")
                }
                value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(value) {
                throw malformed("unpaired surrogate escape before byte \(index)")
            }
            buffer.append(contentsOf: UTF8.encode(Unicode.Scalar(value)!)!)
        default:
            throw malformed("invalid escape at byte \(index - 1)")
        }
    }

    private mutating func scanHex4() throws(WalletDocumentError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = current else { throw malformed("unterminated \\u escape at byte \(index)") }
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw malformed("invalid \\u escape at byte \(index)")
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    private mutating func skipObject() throws(WalletDocumentError) {
        try forEachMember { (scanner: inout JSONScanner, _) throws(WalletDocumentError) in
            _ = try scanner.skipValue()
        }
    }

    private mutating func skipArray() throws(WalletDocumentError) {
        try expect(UInt8(ascii: "["))
        try enterNesting()
        defer { depth -= 1 }
        if consume(UInt8(ascii: "]")) { return }
        repeat { _ = try skipValue() } while consume(UInt8(ascii: ","))
        try expect(UInt8(ascii: "]"))
    }

    private mutating func skipLiteral(_ literal: StaticString) throws(WalletDocumentError) {
        let count = literal.utf8CodeUnitCount
        let matches = index + count <= end && literal.withUTF8Buffer { expected in
            expected.elementsEqual(bytes[index..<(index + count)])
        }
        guard matches else { throw unexpected(expecting: "a value") }
        index += count
    }

    /// Skips a number: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    private mutating func skipNumber() throws(WalletDocumentError) {
        _ = consumeByte(UInt8(ascii: "-"))
        if consumeByte(UInt8(ascii: "0")) {
            // A leading zero stands alone.
        } else if skipDigits() == 0 {
            throw unexpected(expecting: "a digit")
        }
        if consumeByte(UInt8(ascii: ".")), skipDigits() == 0 {
            throw unexpected(expecting: "a digit after the decimal point")
        }
        if consumeByte(UInt8(ascii: "e")) || consumeByte(UInt8(ascii: "E")) {
            if !consumeByte(UInt8(ascii: "+")) { _ = consumeByte(UInt8(ascii: "-")) }
            if skipDigits() == 0 { throw unexpected(expecting: "a digit in the exponent") }
        }
    }

    private mutating func consumeByte(_ byte: UInt8) -> Bool {
        guard current == byte else { return false }
        index += 1
        return true
    }

    private mutating func skipDigits() -> Int {
        let start = index
        while let byte = current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { index += 1 }
        return index - start
    }

    private mutating func enterNesting() throws(WalletDocumentError) {
        depth += 1
        guard depth <= Self.maximumDepth else {
            throw malformed("values nested deeper than \(Self.maximumDepth) levels at byte \(index)")
        }
    }

    private func unexpected(expecting expected: String) -> WalletDocumentError {
        guard let byte = current else { return malformed("unexpected end of input, expected \(expected)") }
        let found = (0x21...0x7E).contains(byte) ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16))"
        return malformed("unexpected \(found) at byte \(index), expected \(expected)")
    }

    private func malformed(_ detail: String) -> WalletDocumentError {
        .malformedJSON(detail)
    }

    /// Whether `bytes` is well-formed UTF-8 (no overlongs, surrogates or truncated sequences).
    static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
    }
}
