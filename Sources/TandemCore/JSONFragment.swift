/// One JSON value kept exactly as it was written, so fields this client does not understand survive a rewrite.
public struct JSONFragment: Sendable, Hashable, CustomStringConvertible {
    /// The value's UTF-8 bytes, byte for byte as they appeared in the decoded document.
    public let bytes: [UInt8]

    /// Wraps bytes that are already known to hold exactly one valid JSON value.
    init(uncheckedBytes bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Validates `json` as exactly one JSON value (surrounding whitespace is dropped).
    public init(json: String) throws(WalletDocumentError) {
        let bytes = Array(json.utf8)
        var scanner = JSONScanner(bytes)
        let range = try scanner.skipValue()
        scanner.skipWhitespace()
        guard scanner.isAtEnd else { throw .malformedJSON("unexpected text after the value at byte \(scanner.index)") }
        self.bytes = Array(bytes[range])
    }

    /// The value's JSON text.
    public var json: String { String(decoding: bytes, as: UTF8.self) }

    /// The value's JSON text.
    public var description: String { json }
}
