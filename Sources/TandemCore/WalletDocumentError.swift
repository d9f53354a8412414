/// Why a decrypted wallet could not be read as a ``WalletDocument``.
public enum WalletDocumentError: Error, Equatable, CustomStringConvertible {
    /// The bytes are not valid UTF-8 JSON (duplicate names included); the detail says what and where.
    case malformedJSON(String)
    /// The JSON is valid but its top level is not an object.
    case notAnObject
    /// The top-level `version` field is absent.
    case missingVersion
    /// `version` is not a whole number that fits in an `Int`; carries its JSON text.
    case versionNotAnInteger(String)
    /// `version` is a whole number this client does not understand.
    case unsupportedVersion(Int)
    /// The top-level `preferences` field is absent.
    case missingPreferences
    /// `preferences` is not a JSON object.
    case preferencesNotAnObject
    /// The preference with this key has a value that is not a string.
    case preferenceNotAString(key: String)
    /// A preference key is the empty string.
    case emptyPreferenceKey

    public var description: String {
        switch self {
        case .malformedJSON(let detail):
            "The wallet is not valid JSON: \(detail)."
        case .notAnObject:
            "The wallet is valid JSON but not an object."
        case .missingVersion:
            "The wallet has no \"version\" field."
        case .versionNotAnInteger(let json):
            "The wallet's \"version\" must be a whole number, but it is \(Self.shortened(json))."
        case .unsupportedVersion(let version):
            "The wallet has version \(version), but this client only understands version \(WalletDocument.currentVersion); a newer client wrote it."
        case .missingPreferences:
            "The wallet has no \"preferences\" field."
        case .preferencesNotAnObject:
            "The wallet's \"preferences\" must be an object of string values."
        case .preferenceNotAString(let key):
            "The preference \(Self.quoted(key)) must have a string value."
        case .emptyPreferenceKey:
            "The wallet has a preference with an empty key."
        }
    }

    private static func quoted(_ text: String) -> String {
        "\"\(shortened(text))\""
    }

    /// Keeps messages readable when the offending text is long.
    private static func shortened(_ text: String) -> String {
        text.count > 40 ? String(text.prefix(40)) + "…" : text
    }
}
