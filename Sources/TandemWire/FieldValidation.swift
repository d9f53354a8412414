/// The protocol's rules for individual request fields, shared by the server (to refuse) and clients (to check early).
public enum FieldValidation {
    public static let minimumPasswordLength = 8
    public static let saltSeedLength = 64

    /// A bare address like `joe@example.com`: no display name, no angle brackets, no white space around or inside.
    public static func isBareEmail(_ email: String) -> Bool {
        guard email.utf8.count <= 254 else { return false }
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, let local = parts.first, let domain = parts.last, !local.isEmpty, !domain.isEmpty else {
            return false
        }
        let forbidden: Set<Character> = ["<", ">", "(", ")", "[", "]", ",", ";", ":", "\\", "\""]
        guard !email.contains(where: { $0.isWhitespace || forbidden.contains($0) || $0.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F } }) else {
            return false
        }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        let localAtoms = local.split(separator: ".", omittingEmptySubsequences: false)
        return !labels.contains(where: \.isEmpty) && !localAtoms.contains(where: \.isEmpty)
    }

    /// Exactly 64 hexadecimal characters (32 bytes).
    public static func isSaltSeed(_ seed: String) -> Bool {
        seed.utf8.count == saltSeedLength && seed.utf8.allSatisfy(\.isHexDigit)
    }

    public static func isAcceptablePassword(_ password: String) -> Bool {
        password.count >= minimumPasswordLength
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
