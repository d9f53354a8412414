import Foundation

/// Who may sign up and when an account counts as verified (`ACCOUNT_VERIFICATION_MODE`).
public enum VerificationMode: Sendable, Equatable {
    /// Everyone, verified at once. For development.
    case allowAll
    /// Only the listed addresses (compared lower-cased), verified at once. The default.
    case whitelist(Set<String>)
    /// Everyone, verified by following a link sent by mail.
    case emailVerify

    public var name: String {
        switch self {
        case .allowAll: "AllowAll"
        case .whitelist: "Whitelist"
        case .emailVerify: "EmailVerify"
        }
    }

    /// Parses the mode name and, for `Whitelist`, the comma-separated `ACCOUNT_WHITELIST`.
    public init(name: String, whitelist: String?) throws(ConfigurationProblem) {
        switch name.lowercased() {
        case "allowall": self = .allowAll
        case "emailverify": self = .emailVerify
        case "whitelist":
            let addresses = (whitelist ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            self = .whitelist(Set(addresses.filter { !$0.isEmpty }))
        default:
            throw ConfigurationProblem("unknown account verification mode '\(name)' (expected AllowAll, Whitelist or EmailVerify)")
        }
    }
}

/// A configuration the server refuses to start with; the message is one line for the operator.
public struct ConfigurationProblem: Error, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
