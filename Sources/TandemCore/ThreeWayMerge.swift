/// Merges two edited copies of the preferences against their common base, key by key.
///
/// For base B, local L and remote R of a key (absent counts as a value): L = R takes it,
/// L = B takes R, R = B takes L, anything else is a ``Conflict``. Nothing is decided by time. Values compare by
/// their bytes (``ExactText``), so two spellings of the same accented text are two different values.
public enum ThreeWayMerge {
    /// Merges `local` and `remote`, both derived from `base`, deciding every key the rule allows.
    ///
    /// Runs in time linear in the number of keys: each key of `local` and `remote` is looked at once.
    /// Keys present only in `base` were deleted on both sides (L = R = absent), so they need no visit.
    public static func merge(
        base: Preferences, local: Preferences, remote: Preferences
    ) -> MergeResult {
        var merged: Preferences = [:]
        merged.reserveCapacity(max(local.count, remote.count))
        var conflicts: [Conflict] = []

        func decide(_ key: ExactText, _ localValue: ExactText?, _ remoteValue: ExactText?) {
            if localValue == remoteValue {
                if let localValue { merged[key] = localValue }
                return
            }
            let baseValue = base[key]
            if localValue == baseValue {
                if let remoteValue { merged[key] = remoteValue }
            } else if remoteValue == baseValue {
                if let localValue { merged[key] = localValue }
            } else {
                conflicts.append(Conflict(key: key, base: baseValue, local: localValue, remote: remoteValue))
            }
        }

        for (key, localValue) in local {
            decide(key, localValue, remote[key])
        }
        for (key, remoteValue) in remote where local[key] == nil {
            decide(key, nil, remoteValue)
        }
        conflicts.sort { $0.key < $1.key }
        return MergeResult(merged: merged, conflicts: conflicts)
    }
}
