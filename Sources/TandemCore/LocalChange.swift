/// One key that differs from the merge base.
public struct LocalChange: Sendable, Hashable {
    /// How the key differs from the base.
    public enum Kind: String, Sendable, Hashable { case added, changed, deleted }
    public var key: ExactText
    public var kind: Kind

    /// A change of `kind` on `key`.
    public init(key: ExactText, kind: Kind) {
        self.key = key
        self.kind = kind
    }

    /// The changes from `base` to `current`, sorted by key bytes.
    public static func between(base: Preferences, current: Preferences) -> [LocalChange] {
        var changes: [LocalChange] = []
        for (key, value) in current where base[key] != value {
            changes.append(LocalChange(key: key, kind: base[key] == nil ? .added : .changed))
        }
        for key in base.keys where current[key] == nil {
            changes.append(LocalChange(key: key, kind: .deleted))
        }
        return changes.sorted { $0.key < $1.key }
    }
}
