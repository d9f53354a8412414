/// A merge waiting for the user, saved so it survives a restart.
///
/// It stores the three snapshots rather than the merge result, so the result is always recomputed
/// by the same rule and cannot drift from its inputs. Nothing is pushed until ``completed(working:)`` is non-nil.
public struct PendingMerge: Sendable, Equatable, Codable {
    /// The last wallet this device downloaded or uploaded.
    public var base: Preferences
    /// This device's working preferences when the conflict was found.
    public var local: Preferences
    /// The server's preferences that collided with `local`.
    public var remote: Preferences
    /// The sequence of the remote wallet; the merged wallet is uploaded as `remoteSequence + 1`.
    public var remoteSequence: UInt32
    /// The user's decisions so far, by key.
    public var resolutions: [ExactText: Resolution]

    /// A pending merge of the given snapshots with the decisions made so far.
    public init(
        base: Preferences,
        local: Preferences,
        remote: Preferences,
        remoteSequence: UInt32,
        resolutions: [ExactText: Resolution] = [:]
    ) {
        self.base = base
        self.local = local
        self.remote = remote
        self.remoteSequence = remoteSequence
        self.resolutions = resolutions
    }

    /// Every conflicting key of the merge, decided or not, sorted by key.
    public var conflicts: [Conflict] { ThreeWayMerge.merge(base: base, local: local, remote: remote).conflicts }

    /// The merge of the snapshots with the decisions applied.
    public var result: MergeResult {
        ThreeWayMerge.merge(base: base, local: local, remote: remote).resolving(resolutions)
    }

    /// The conflicts the user has not decided yet, sorted by key.
    public var unresolved: [Conflict] { result.conflicts }

    /// The merged preferences once every conflict is resolved, otherwise nil (ignores edits made since).
    public func completed() -> Preferences? {
        let result = result
        return result.isClean ? result.merged : nil
    }

    /// The merged preferences with the edits made since the conflict was found (`working` against `local`) on top,
    /// once every conflict is resolved; otherwise nil.
    ///
    /// A conflicting key takes its resolution even if it was edited since: editing it recorded `.edited` as its
    /// resolution, and a later explicit choice replaced that on purpose.
    public func completed(working: Preferences) -> Preferences? {
        let raw = ThreeWayMerge.merge(base: base, local: local, remote: remote)
        let result = raw.resolving(resolutions)
        guard result.isClean else { return nil }
        let conflictKeys = Set(raw.conflicts.map(\.key))
        var merged = result.merged
        for change in LocalChange.between(base: local, current: working) where !conflictKeys.contains(change.key) {
            merged[change.key] = working[change.key]
        }
        return merged
    }

    /// Records the decision for one key; a decision for a key that is not in conflict has no effect.
    public mutating func resolve(_ key: ExactText, with resolution: Resolution) {
        resolutions[key] = resolution
    }

    /// Records an edit of `key` made on this device while the merge waits: for a conflicting key it is the decision.
    public mutating func recordEdit(_ key: ExactText, to value: ExactText?) {
        guard conflicts.contains(where: { $0.key == key }) else { return }
        resolutions[key] = .edited(value)
    }

    /// Decides every still-unresolved conflict by taking the same side.
    public mutating func resolveAll(_ side: MergeResult.Side) {
        for conflict in unresolved {
            resolutions[conflict.key] = side.resolution
        }
    }
}
