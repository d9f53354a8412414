import TandemWire

/// The plaintext inside a Tandem wallet envelope: `{"version": 1, "preferences": {...}}`.
///
/// Top-level fields this client does not know are kept (numbers with their literal spelling) and written back,
/// so a newer client's additions survive a rewrite by an older one.
public struct WalletDocument: Sendable, Equatable {
    /// The only format version this client reads and writes.
    public static let currentVersion = 1

    /// The format version; ``decode(_:)`` only accepts ``currentVersion``.
    public var version: Int
    /// The user's preferences; keys are non-empty, and the empty string is a value distinct from an absent key.
    public var preferences: Preferences
    /// Top-level fields other than `version` and `preferences`, as they were decoded (names byte-exact).
    public internal(set) var unknownFields: [ExactText: JSONValue]

    /// A current-version document holding `preferences`.
    public init(preferences: Preferences = [:]) {
        self.version = Self.currentVersion
        self.preferences = preferences
        self.unknownFields = [:]
    }

    /// Decodes a document with the strict JSON rules of the wire (a syntax error anywhere wins over a shape error).
    public static func decode(_ bytes: [UInt8]) throws(WalletDocumentError) -> WalletDocument {
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            throw .malformedJSON(error.description)
        }
        guard case .object(let members) = value else { throw .notAnObject }
        // The parser rejects byte-identical duplicate names, so the names are unique as ExactText.
        var fields = Dictionary(uniqueKeysWithValues: members.map { (ExactText($0.0), $0.1) })
        guard let versionValue = fields.removeValue(forKey: "version") else { throw .missingVersion }
        let version = try decodeVersion(versionValue)
        guard version == currentVersion else { throw .unsupportedVersion(version) }
        guard let preferencesValue = fields.removeValue(forKey: "preferences") else { throw .missingPreferences }
        var document = WalletDocument(preferences: try decodePreferences(preferencesValue))
        document.version = version
        document.unknownFields = fields
        return document
    }

    /// Compact UTF-8 JSON with keys sorted by their UTF-8 bytes, so equal documents encode to equal bytes.
    public func encoded() -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(64 + preferences.count * 32)
        output.append(UInt8(ascii: "{"))
        let fields = (Array(unknownFields.keys) + ["preferences", "version"]).sorted()
        for (position, field) in fields.enumerated() {
            if position > 0 { output.append(UInt8(ascii: ",")) }
            JSONWriter.appendString(field.string, to: &output)
            output.append(UInt8(ascii: ":"))
            switch field {
            case "version": output.append(contentsOf: String(version).utf8)
            case "preferences": appendPreferences(to: &output)
            default: JSONWriter.append(unknownFields[field]!, to: &output)
            }
        }
        output.append(UInt8(ascii: "}"))
        return output
    }

    private func appendPreferences(to output: inout [UInt8]) {
        output.append(UInt8(ascii: "{"))
        for (position, entry) in preferences.sorted(by: { $0.key < $1.key }).enumerated() {
            if position > 0 { output.append(UInt8(ascii: ",")) }
            JSONWriter.appendString(entry.key.string, to: &output)
            output.append(UInt8(ascii: ":"))
            JSONWriter.appendString(entry.value.string, to: &output)
        }
        output.append(UInt8(ascii: "}"))
    }

    /// Accepts only an integer literal (`1`, not `1.0`, `1e0` or `"1"`) that fits in an `Int`.
    private static func decodeVersion(_ value: JSONValue) throws(WalletDocumentError) -> Int {
        guard case .number(let literal) = value,
              literal.utf8.allSatisfy({ $0 == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
              let version = Int(literal) else {
            throw .versionNotAnInteger(value.jsonText)
        }
        return version
    }

    private static func decodePreferences(_ value: JSONValue) throws(WalletDocumentError) -> Preferences {
        guard case .object(let members) = value else { throw .preferencesNotAnObject }
        var preferences: Preferences = [:]
        preferences.reserveCapacity(members.count)
        for (key, value) in members {
            guard !key.isEmpty else { throw .emptyPreferenceKey }
            guard case .string(let string) = value else { throw .preferenceNotAString(key: key) }
            preferences[ExactText(key)] = ExactText(string)
        }
        return preferences
    }
}
