import TandemCore

/// One key of a pending merge as the conflicts view shows it: the three sides (when known) and the choice so far.
public struct ConflictRow: Hashable, Sendable {
    public var key: String
    /// The disagreement; nil for a key decided before this run of the UI (the engine keeps only the choice).
    public var conflict: Conflict?
    public var choice: Resolution?

    public init(key: String, conflict: Conflict?, choice: Resolution?) {
        self.key = key
        self.conflict = conflict
        self.choice = choice
    }
}
