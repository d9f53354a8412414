import TandemCore

/// One key of a pending merge as the conflicts view shows it: the three sides and the choice so far.
public struct ConflictRow: Hashable, Sendable {
    public var conflict: Conflict
    public var choice: Resolution?

    public init(conflict: Conflict, choice: Resolution?) {
        self.conflict = conflict
        self.choice = choice
    }

    public var key: ExactText { conflict.key }
}
