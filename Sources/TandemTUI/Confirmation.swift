import TandemCore

/// A yes/no question.
public enum Confirmation: Hashable, Sendable {
    case delete(key: ExactText, device: Int)
    /// `a` named a key that exists: replacing its value `old` with `value` needs a yes.
    case overwrite(key: ExactText, value: ExactText, old: ExactText, device: Int)
    /// Logging the device out of `email`.
    case logOut(email: String, device: Int)
    /// Moving a signed-in device from `from` to `server`, which signs it out of `email` there.
    case changeServer(server: String, from: String, email: String, device: Int)
    /// Quitting while `conflicts` keys wait for a decision (the pending merge is kept either way).
    case quit(conflicts: Int)
    /// Revoking device `id` (`name` to show; this device's own revocation is a log-out).
    case revokeDevice(id: String, name: String, thisDevice: Bool, device: Int)
}
