/// The plaintext inside a Tandem wallet envelope: `{"version": 1, "preferences": {...}}`.
///
/// Top-level fields this client does not know are kept byte for byte and written back,
/// so a newer client's additions survive a rewrite by an older one.
public struct WalletDocument: Sendable, Equatable {
    /// The only format version this client reads and writes.
    public static let currentVersion = 1

    /// The format version; ``decode(_:)`` only accepts ``currentVersion``.
    public var version: Int
    /// The user's preferences; keys are non-empty, and the empty string is a value distinct from an absent key.
    public var preferences: [String: String]
    /// Top-level fields other than `version` and `preferences`, exactly as they were decoded.
    public private(set) var unknownFields: [String: JSONFragment]

    /// A current-version document holding `preferences`.
    public init(preferences: [String: String] = [:]) {
        self.version = Self.currentVersion
        self.preferences = preferences
        self.unknownFields = [:]
    }

    /// Reads a document from UTF-8 JSON, validating its shape.
    public static func decode(_ bytes: [UInt8]) throws(WalletDocumentError) -> WalletDocument {
        guard JSONScanner.isValidUTF8(bytes) else { throw .malformedJSON("the bytes are not valid UTF-8") }

        // First validate the whole text, so a syntax error anywhere wins over a shape error.
        var scanner = JSONScanner(bytes)
        scanner.skipWhitespace()
        let isObject = scanner.current == UInt8(ascii: "{")
        var fields: [String: Range<Int>] = [:]
        if isObject {
            try scanner.forEachMember { (member: inout JSONScanner, key) throws(WalletDocumentError) in
                let range = try member.skipValue()
                if fields.updateValue(range, forKey: key) != nil { throw .duplicateField(key) }
            }
        } else {
            _ = try scanner.skipValue()
        }
        scanner.skipWhitespace()
        guard scanner.isAtEnd else {
            throw .malformedJSON("unexpected text after the top-level value at byte \(scanner.index)")
        }
        guard isObject else { throw .notAnObject }

        guard let versionRange = fields.removeValue(forKey: "version") else { throw .missingVersion }
        let version = try decodeVersion(bytes[versionRange])
        guard version == currentVersion else { throw .unsupportedVersion(version) }

        guard let preferencesRange = fields.removeValue(forKey: "preferences") else { throw .missingPreferences }
        var document = WalletDocument(preferences: try decodePreferences(bytes, range: preferencesRange))
        document.version = version
        document.unknownFields = fields.mapValues { JSONFragment(uncheckedBytes: Array(bytes[$0])) }
        return document
    }

    /// The document as compact UTF-8 JSON with keys sorted, so equal documents encode to equal bytes.
    public func encoded() -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(64 + preferences.count * 32)
        let known: Set<String> = ["version", "preferences"]
        var keys = JSONWriter.sortedKeys(unknownFields.filter { !known.contains($0.key) })
        keys.append(contentsOf: known)
        keys.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }

        output.append(UInt8(ascii: "{"))
        for (position, key) in keys.enumerated() {
            if position > 0 { output.append(UInt8(ascii: ",")) }
            JSONWriter.appendString(key, to: &output)
            output.append(UInt8(ascii: ":"))
            switch key {
            case "version": output.append(contentsOf: String(version).utf8)
            case "preferences": appendPreferences(to: &output)
            default: output.append(contentsOf: unknownFields[key]!.bytes)
            }
        }
        output.append(UInt8(ascii: "}"))
        return output
    }

    private func appendPreferences(to output: inout [UInt8]) {
        output.append(UInt8(ascii: "{"))
        for (position, key) in JSONWriter.sortedKeys(preferences).enumerated() {
            if position > 0 { output.append(UInt8(ascii: ",")) }
            JSONWriter.appendString(key, to: &output)
            output.append(UInt8(ascii: ":"))
            JSONWriter.appendString(preferences[key]!, to: &output)
        }
        output.append(UInt8(ascii: "}"))
    }

    /// Accepts only an integer literal (`1`, not `1.0`, `1e0` or `"1"`) that fits in an `Int`.
    private static func decodeVersion(_ literal: ArraySlice<UInt8>) throws(WalletDocumentError) -> Int {
        let text = String(decoding: literal, as: UTF8.self)
        let isIntegerLiteral = literal.allSatisfy { $0 == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
        guard isIntegerLiteral, let version = Int(text) else { throw .versionNotAnInteger(text) }
        return version
    }

    private static func decodePreferences(
        _ bytes: [UInt8], range: Range<Int>
    ) throws(WalletDocumentError) -> [String: String] {
        guard bytes[range.lowerBound] == UInt8(ascii: "{") else { throw .preferencesNotAnObject }
        var preferences: [String: String] = [:]
        var scanner = JSONScanner(bytes, range: range)
        try scanner.forEachMember { (member: inout JSONScanner, key) throws(WalletDocumentError) in
            guard !key.isEmpty else { throw .emptyPreferenceKey }
            guard member.current == UInt8(ascii: "\"") else { throw .preferenceNotAString(key: key) }
            let value = try member.scanString()
            if preferences.updateValue(value, forKey: key) != nil { throw .duplicatePreference(key) }
        }
        return preferences
    }
}
