/// The outcome of a ``ThreeWayMerge``: the keys decided so far and the conflicts left to the user.
public struct MergeResult: Sendable, Equatable {
    /// Every key decided so far; conflicted keys are absent until resolved.
    public var merged: Preferences
    /// The undecided keys, sorted by key.
    public var conflicts: [Conflict]

    /// Whether every key is decided, so `merged` is the whole result.
    public var isClean: Bool { conflicts.isEmpty }

    /// A result with the given decided keys and conflicts (which should be sorted by key).
    public init(merged: Preferences, conflicts: [Conflict]) {
        self.merged = merged
        self.conflicts = conflicts
    }
}
