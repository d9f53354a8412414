import Foundation

/// Standard base64 (RFC 4648 §4), padded or, for PHC strings, unpadded.
enum Base64 {
    /// Encodes with the standard alphabet and `=` padding.
    static func encode<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        Data(bytes).base64EncodedString()
    }

    /// Decodes padded standard base64, rejecting whitespace and any other character.
    static func decode(_ text: String) -> [UInt8]? {
        Data(base64Encoded: text).map { Array($0) }
    }

    /// Encodes without trailing `=`, as the PHC string format does.
    static func encodeUnpadded(_ bytes: [UInt8]) -> String {
        var text = encode(bytes)
        while text.hasSuffix("=") { text.removeLast() }
        return text
    }

    /// Decodes unpadded standard base64; padded input is rejected so each value has one spelling.
    static func decodeUnpadded(_ text: String) -> [UInt8]? {
        guard !text.contains("="), text.utf8.count % 4 != 1 else { return nil }
        let padding = String(repeating: "=", count: (4 - text.utf8.count % 4) % 4)
        return decode(text + padding)
    }
}
