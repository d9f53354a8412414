/// The protocol's rules for individual request fields, shared by the server (to refuse) and clients (to check early).
public enum FieldValidation {
    public static let minimumPasswordLength = 8
    public static let saltSeedLength = 64

    /// A bare address like `joe@example.com`: no display name, no angle brackets, no white space around or inside.
    ///
    /// Checked on Unicode scalars, as JSON Schema (and so `openapi.yaml`) counts and matches them: on `Character`s an
    /// `@` or `.` followed by a combining mark would not be found, and a length would be counted otherwise.
    public static func isBareEmail(_ email: String) -> Bool {
        let scalars = email.unicodeScalars
        guard scalars.count <= 254 else { return false }
        let parts = scalars.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, let local = parts.first, let domain = parts.last else { return false }
        let forbidden: Set<Unicode.Scalar> = ["<", ">", "(", ")", "[", "]", ",", ";", ":", "\\", "\""]
        guard !scalars.contains(where: { $0.properties.isWhitespace || forbidden.contains($0) || $0.value < 0x20 || $0.value == 0x7F }) else {
            return false
        }
        let atoms = local.split(separator: ".", omittingEmptySubsequences: false) + domain.split(separator: ".", omittingEmptySubsequences: false)
        return !atoms.contains(where: \.isEmpty)
    }

    /// Exactly 64 hexadecimal characters (32 bytes).
    public static func isSaltSeed(_ seed: String) -> Bool {
        seed.utf8.count == saltSeedLength && seed.utf8.allSatisfy(\.isHexDigit)
    }

    /// At least `minimumPasswordLength` Unicode scalars (JSON Schema's `minLength` unit).
    public static func isAcceptablePassword(_ password: String) -> Bool {
        password.unicodeScalars.count >= minimumPasswordLength
    }

    /// The key under which accounts are unique: the address lower-cased.
    public static func emailKey(_ email: String) -> String { email.lowercased() }

    public static func checkEmail(_ email: String, field: String = "email") throws(RequestProblem) {
        guard isBareEmail(email) else { throw RequestProblem("Invalid '\(field)': expected a bare address like joe@example.com") }
    }

    public static func checkPassword(_ password: String, field: String = "password") throws(RequestProblem) {
        guard isAcceptablePassword(password) else {
            throw RequestProblem("Invalid '\(field)': must be at least \(minimumPasswordLength) characters")
        }
    }

    public static func checkSaltSeed(_ seed: String, field: String = "clientSaltSeed") throws(RequestProblem) {
        guard isSaltSeed(seed) else { throw RequestProblem("Invalid '\(field)': expected 64 hexadecimal characters") }
    }

    public static func checkNonEmpty(_ value: String, field: String) throws(RequestProblem) {
        guard !value.isEmpty else { throw RequestProblem("Invalid '\(field)': must not be empty") }
    }
}

extension UInt8 {
    var isHexDigit: Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self)
            || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(self)
            || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(self)
    }
}
