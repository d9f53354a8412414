/// Appends compact JSON text to a byte buffer; the counterpart of ``JSONParser``.
public enum JSONWriter {
    /// Appends `string` as a JSON string literal, escaping only what RFC 8259 requires.
    ///
    /// Non-ASCII text is written as raw UTF-8 so it comes back byte for byte.
    public static func appendString(_ string: String, to output: inout [UInt8]) {
        var string = string
        string.withUTF8 { appendString(utf8: $0, to: &output) }
    }

    // Not generic on purpose: a public generic is not specialised across modules, and an unspecialised loop over
    // bytes made encoding a 10,000-key wallet ten times slower.
    private static func appendString(utf8: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "\""): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0A: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x08: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
            case 0x0C: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
            case ..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                output.append(contentsOf: Array("\\u00".utf8))
                output.append(hex[Int(byte >> 4)])
                output.append(hex[Int(byte & 0x0F)])
            default:
                output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }

    /// Keys sorted by their UTF-8 bytes, an order that does not depend on Unicode tables.
    ///
    /// Not generic, and comparing byte arrays rather than `String.UTF8View`s, because this sorts 10,000-key wallets.
    public static func sortedKeys(_ keys: [String]) -> [String] {
        keys.map { (bytes: Array($0.utf8), key: $0) }
            .sorted { $0.bytes.lexicographicallyPrecedes($1.bytes) }
            .map(\.key)
    }

    /// Appends `value` as compact JSON; numbers keep the literal they were parsed from.
    public static func append(_ value: JSONValue, to output: inout [UInt8]) {
        switch value {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let literal): output.append(contentsOf: literal.utf8)
        case .string(let string): appendString(string, to: &output)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for (position, element) in elements.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                append(element, to: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            output.append(UInt8(ascii: "{"))
            for (position, member) in members.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                appendString(member.0, to: &output)
                output.append(UInt8(ascii: ":"))
                append(member.1, to: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }
}

extension JSONValue {
    /// The value as compact JSON text.
    public var jsonText: String {
        var output: [UInt8] = []
        JSONWriter.append(self, to: &output)
        return String(decoding: output, as: UTF8.self)
    }
}
