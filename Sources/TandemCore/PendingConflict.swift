/// One conflicting key of a pending merge as a UI shows it: the three sides and the choice made so far.
public struct PendingConflict: Sendable, Equatable {
    /// The key with its base, local and remote values.
    public var conflict: Conflict
    /// The decision so far (`.edited` when the user edited the key meanwhile), nil while undecided.
    public var choice: Resolution?

    /// A conflict with the decision made so far.
    public init(conflict: Conflict, choice: Resolution?) {
        self.conflict = conflict
        self.choice = choice
    }

    /// The conflicting key.
    public var key: ExactText { conflict.key }
}
