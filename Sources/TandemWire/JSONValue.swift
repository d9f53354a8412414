/// A parsed JSON value that keeps number literals as written, so validation can tell `1` from `1.0` or `"1"`.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// The number exactly as it appeared in the text (e.g. `"1"`, `"1.0"`, `"-3e2"`).
    case number(String)
    case string(String)
    case array([JSONValue])
    /// Members in document order; duplicate names are rejected by the parser.
    case object([(String, JSONValue)])

    /// Strings and names compare by their UTF-8 bytes, never by Unicode canonical equivalence.
    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case let (.bool(a), .bool(b)): a == b
        case let (.number(a), .number(b)): a == b
        case let (.string(a), .string(b)): a.utf8.elementsEqual(b.utf8)
        case let (.array(a), .array(b)): a == b
        case let (.object(a), .object(b)): a.count == b.count && zip(a, b).allSatisfy { $0.0.utf8.elementsEqual($1.0.utf8) && $0.1 == $1.1 }
        default: false
        }
    }

    /// A short English name of the value's type, for error messages.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}
