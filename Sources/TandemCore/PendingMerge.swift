/// A merge waiting for the user, saved so it survives a restart.
///
/// It stores the three snapshots rather than the merge result, so the result is always recomputed
/// by the same rule and cannot drift from its inputs. Nothing is pushed until ``completed()`` is non-nil.
public struct PendingMerge: Sendable, Equatable, Codable {
    /// The last wallet this device downloaded or uploaded.
    public var base: [String: String]
    /// This device's working preferences.
    public var local: [String: String]
    /// The server's preferences that collided with `local`.
    public var remote: [String: String]
    /// The sequence of the remote wallet; the merged wallet is uploaded as `remoteSequence + 1`.
    public var remoteSequence: UInt32
    /// The user's decisions so far, by key.
    public var resolutions: [String: Resolution]

    /// A pending merge of the given snapshots with the decisions made so far.
    public init(
        base: [String: String],
        local: [String: String],
        remote: [String: String],
        remoteSequence: UInt32,
        resolutions: [String: Resolution] = [:]
    ) {
        self.base = base
        self.local = local
        self.remote = remote
        self.remoteSequence = remoteSequence
        self.resolutions = resolutions
    }

    /// The merge of the snapshots with the decisions applied.
    public var result: MergeResult {
        ThreeWayMerge.merge(base: base, local: local, remote: remote).resolving(resolutions)
    }

    /// The conflicts the user has not decided yet, sorted by key.
    public var unresolved: [Conflict] { result.conflicts }

    /// The merged preferences once every conflict is resolved, otherwise nil.
    public func completed() -> [String: String]? {
        let result = result
        return result.isClean ? result.merged : nil
    }

    /// Records the decision for one key; a decision for a key that is not in conflict has no effect.
    public mutating func resolve(_ key: String, with resolution: Resolution) {
        resolutions[key] = resolution
    }

    /// Decides every still-unresolved conflict by taking the same side.
    public mutating func resolveAll(_ side: MergeResult.Side) {
        for conflict in unresolved {
            resolutions[conflict.key] = side.resolution
        }
    }
}
