import Foundation

extension SyncEngine {
    /// The profile's journal, oldest first: every change of `key` (or of every key), with its time and origin.
    public func history(of key: String? = nil, limit: Int = Journal.limit) async throws(EngineError) -> [JournalEntry] {
        do {
            return try await store.journal(key: key.map { ExactText($0) }, limit: limit)
        } catch {
            throw .storage("\(error)")
        }
    }

    /// Takes back the newest local change not undone yet (again to go further back): its key gets the value it had
    /// before, as a new local edit that is journaled as the undo. Returns that entry, or nil with nothing to undo.
    public func undo() async throws(EngineError) -> JournalEntry? {
        try await step(redo: false)
    }

    /// Takes back the newest undo not redone yet (none once a new edit came after it).
    public func redo() async throws(EngineError) -> JournalEntry? {
        try await step(redo: true)
    }

    private func step(redo: Bool) async throws(EngineError) -> JournalEntry? {
        let entries = try await history(limit: Journal.limit)
        guard let target = redo ? Journal.nextRedo(in: entries) : Journal.nextUndo(in: entries) else { return nil }
        // The undo puts back the value before the change; a redo puts back what the undo replaced.
        let value = target.old
        let key = target.key
        let origin: JournalOrigin = redo ? .redo(of: target.id) : .undo(of: target.id)
        let date = configuration.now()
        let entry = try await write { state -> JournalEntry? in
            let current = state.preferences[key]
            let change = JournalEntry(date: date, key: key, old: current, new: value, origin: origin)
            // Already that value (another process or a pull put it back): journaled all the same, so the next undo
            // goes further back instead of finding this one again.
            state.preferences[key] = value
            if var pending = state.pending, current != value {
                pending.merge.recordEdit(key, to: value)
                state.pending = pending
            }
            state.journalAppend.append(change)
            return change
        }
        if entry?.old != entry?.new { scheduleAutoPush() }
        return entry
    }
}
