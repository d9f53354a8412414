extension MergeResult {
    /// Applies the user's decisions to the named conflicts, leaving the others unresolved.
    ///
    /// A resolved key moves into `merged`, or is left out of it when the chosen value is absent
    /// (a deletion). Resolutions naming keys that are not in conflict are ignored.
    public func resolving(_ resolutions: [ExactText: Resolution]) -> MergeResult {
        guard !resolutions.isEmpty else { return self }
        var result = MergeResult(merged: merged, conflicts: [])
        for conflict in conflicts {
            guard let resolution = resolutions[conflict.key] else {
                result.conflicts.append(conflict)
                continue
            }
            result.merged[conflict.key] = conflict.value(for: resolution)
        }
        return result
    }

    /// Resolves every conflict by taking the same side.
    public func resolvingAll(_ side: Side) -> MergeResult {
        var result = MergeResult(merged: merged, conflicts: [])
        for conflict in conflicts {
            result.merged[conflict.key] = conflict.value(for: side.resolution)
        }
        return result
    }
}
