/// One key that both sides changed differently since the merge base; only the user may decide it.
public struct Conflict: Sendable, Hashable, Codable {
    /// How the two sides disagree.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// Both sides changed an existing value, to different values.
        case bothEdited
        /// This device changed the value; the other side deleted the key.
        case editedLocallyDeletedRemotely
        /// This device deleted the key; the other side changed the value.
        case deletedLocallyEditedRemotely
        /// Both sides added the key (absent in the base) with different values.
        case bothAdded
    }

    /// The preference key.
    public let key: ExactText
    /// The value in the merge base, or nil if the key was absent.
    public let base: ExactText?
    /// This device's value, or nil if deleted here.
    public let local: ExactText?
    /// The server's value, or nil if deleted there.
    public let remote: ExactText?

    /// A conflict on `key` with the three sides' values (nil means absent).
    public init(key: ExactText, base: ExactText?, local: ExactText?, remote: ExactText?) {
        self.key = key
        self.base = base
        self.local = local
        self.remote = remote
    }

    /// How the two sides disagree, derived from which values are absent.
    ///
    /// A real conflict never has both sides absent, and never has one side absent while the base is
    /// absent too (that side would equal the base), so these four cases cover every conflict.
    public var kind: Kind {
        switch (base, local, remote) {
        case (nil, _, _): .bothAdded
        case (_, nil, _): .deletedLocallyEditedRemotely
        case (_, _, nil): .editedLocallyDeletedRemotely
        default: .bothEdited
        }
    }

    /// The value `resolution` picks for this key, or nil when it picks an absent side (the key is deleted).
    public func value(for resolution: Resolution) -> ExactText? {
        switch resolution {
        case .keepLocal: local
        case .takeRemote: remote
        case .use(let value): value
        case .edited(let value): value
        }
    }
}
