/// Reads the fields of a request object with the protocol's strictness: unknown fields, missing fields and
/// wrong types are each refused with a message naming the field.
public struct JSONObjectReader {
    private let members: [String: JSONValue]

    /// Parses `body` and checks that it is an object whose fields are all in `allowedFields`.
    public init(body: some Sequence<UInt8>, allowedFields: Set<String>) throws(RequestProblem) {
        let value: JSONValue
        do {
            value = try JSONParser.parse(body)
        } catch {
            throw .malformedJSON
        }
        try self.init(value: value, allowedFields: allowedFields)
    }

    public init(value: JSONValue, allowedFields: Set<String>) throws(RequestProblem) {
        guard case .object(let pairs) = value else {
            throw RequestProblem("Request body must be a JSON object, not \(value.typeName)")
        }
        if let unknown = pairs.first(where: { !allowedFields.contains($0.0) }) {
            throw RequestProblem("Unknown field '\(unknown.0)'")
        }
        members = Dictionary(uniqueKeysWithValues: pairs)
    }

    public func contains(_ name: String) -> Bool { members[name] != nil }

    /// A required string field.
    public func string(_ name: String) throws(RequestProblem) -> String {
        guard let value = try optionalString(name) else { throw RequestProblem("Missing field '\(name)'") }
        return value
    }

    /// A string field that may be absent (but not null or another type).
    public func optionalString(_ name: String) throws(RequestProblem) -> String? {
        guard let value = members[name] else { return nil }
        guard case .string(let string) = value else { throw RequestProblem("Field '\(name)' must be a string, not \(value.typeName)") }
        return string
    }

    /// A required wallet sequence: a JSON integer literal (no fraction, exponent or quotes) from 1 to 2^32−1.
    public func sequence(_ name: String) throws(RequestProblem) -> UInt32 {
        guard let value = try optionalSequence(name) else { throw RequestProblem("Missing field '\(name)'") }
        return value
    }

    public func optionalSequence(_ name: String) throws(RequestProblem) -> UInt32? {
        guard let value = members[name] else { return nil }
        guard case .number(let literal) = value,
              literal.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: "-") })
        else { throw RequestProblem("Field '\(name)' must be an integer") }
        guard let sequence = UInt32(literal), sequence >= 1 else {
            throw RequestProblem("Field '\(name)' must be between 1 and \(UInt32.max)")
        }
        return sequence
    }
}
