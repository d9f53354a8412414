extension SyncEngine {
    /// Records the user's choice for one conflicting key (saved at once; nothing is pushed yet).
    public func resolve(_ key: String, with resolution: Resolution) async throws(EngineError) {
        let key = ExactText(key)
        try await write { state in
            guard var pending = state.pending else { throw EngineError.noPendingMerge }
            guard pending.merge.conflicts.contains(where: { $0.key == key }) else { throw EngineError.unknownConflict(key.string) }
            pending.merge.resolve(key, with: resolution)
            state.pending = pending
        }
    }

    /// Chooses one side for every conflict not decided yet.
    public func resolveAll(_ side: MergeResult.Side) async throws(EngineError) {
        try await write { state in
            guard var pending = state.pending else { throw EngineError.noPendingMerge }
            pending.merge.resolveAll(side)
            state.pending = pending
        }
    }

    /// Once every conflict has a decision: the merge, with the edits made since on top, becomes the working copy over
    /// the remote wallet as base, and is pushed. Returns `.conflictsWaiting` while keys are undecided.
    public func applyResolutions() async throws(EngineError) -> SyncOutcome {
        await refresh()
        guard !machine.phase.isRound else { return .anotherProcessIsSyncing }
        let sequence = state.pending?.remote.sequence ?? 0
        let keys = pendingMerge.map(\.key)
        let applied = try await write(journaling: .resolved(sequence: sequence)) { state -> (resolved: Int, unresolved: Int, sequence: UInt32) in
            guard let pending = state.pending else { throw EngineError.noPendingMerge }
            guard let merged = pending.merge.completed(working: state.preferences) else {
                return (0, pending.merge.unresolved.count, pending.remote.sequence)
            }
            state.base = pending.remote
            state.preferences = merged
            state.pending = nil
            return (pending.merge.resolutions.count, 0, pending.remote.sequence)
        }
        guard applied.unresolved == 0 else { return .conflictsWaiting(count: applied.unresolved) }
        log(keys.isEmpty ? "Resolved \(applied.resolved) conflict\(applied.resolved == 1 ? "" : "s")."
            : "Resolved the conflict\(keys.count == 1 ? "" : "s") on \(ActivityWords.keys(keys)).")
        // The machine rests in .idle now (no pending merge on disk); it takes the resolution as from the conflict phase.
        machine = SyncMachine.State(.awaitingResolution)
        let end = await request(.conflictsResolved(sequence: applied.sequence, hasLocalChanges: !localChanges.isEmpty))
        if case .sync(let outcome) = end { return outcome }
        return .upToDate(sequence: state.base?.sequence)
    }
}
