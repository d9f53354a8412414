/// The user's decision for one conflicted key.
///
/// Choosing a side that is absent deletes the key: `.keepLocal` on a key deleted on this device keeps it deleted.
public enum Resolution: Sendable, Hashable, Codable {
    /// Keep this device's value (or its deletion).
    case keepLocal
    /// Take the server's value (or its deletion).
    case takeRemote
    /// Use a new value typed by the user.
    case use(ExactText)
    /// The user edited (nil: deleted) the key on this device while the merge waited; that edit is the decision.
    case edited(ExactText?)
}
