/// Text that compares, hashes and sorts by its UTF-8 bytes, never by Unicode canonical equivalence.
///
/// Swift's `String ==` treats `é` (U+00E9) and `e` + U+0301 as equal, so a dictionary keyed by `String` would merge
/// two distinct preference keys and a merge would call two distinct values "unchanged". A sync tool must give back
/// exactly what it was given, so every key and value in TandemCore is an `ExactText`.
public struct ExactText: Sendable, Hashable, Comparable, ExpressibleByStringLiteral, CustomStringConvertible,
    CustomDebugStringConvertible {
    /// The text; its scalars are kept exactly as given.
    public let string: String

    /// Wraps `string` without normalising it.
    public init(_ string: String) { self.string = string }

    /// A literal in code (tests, fixed keys).
    public init(stringLiteral value: String) { self.string = value }

    /// The UTF-8 bytes.
    public var utf8: [UInt8] { Array(string.utf8) }

    /// Whether the text is empty (no bytes).
    public var isEmpty: Bool { string.utf8.isEmpty }

    public var description: String { string }
    public var debugDescription: String { string.debugDescription }

    public static func == (lhs: ExactText, rhs: ExactText) -> Bool {
        lhs.withUTF8 { left in rhs.withUTF8 { right in left.count == right.count && left.elementsEqual(right) } }
    }

    public func hash(into hasher: inout Hasher) {
        withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        // A terminator so that concatenated hashes of ("ab", "c") and ("a", "bc") differ.
        hasher.combine(0xFF as UInt8)
    }

    /// Lexicographic order of the UTF-8 bytes (which is also code point order), independent of Unicode tables.
    public static func < (lhs: ExactText, rhs: ExactText) -> Bool {
        lhs.withUTF8 { left in rhs.withUTF8 { right in left.lexicographicallyPrecedes(right) } }
    }

    /// Calls `body` with the contiguous UTF-8 bytes (native strings have them; others are copied once).
    public func withUTF8<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        if let result = try string.utf8.withContiguousStorageIfAvailable(body) { return result }
        return try Array(string.utf8).withUnsafeBufferPointer(body)
    }
}

/// A device's preferences: keys and values compared by their exact bytes.
public typealias Preferences = [ExactText: ExactText]
