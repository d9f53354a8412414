import TandemCore

/// A yes/no question.
public enum Confirmation: Hashable, Sendable {
    case delete(key: ExactText, device: Int)
    /// Logging the device out of `email`.
    case logOut(email: String, device: Int)
    /// Quitting while `conflicts` keys wait for a decision (the pending merge is kept either way).
    case quit(conflicts: Int)
}
