import Foundation
import Synchronization

/// A profile kept in memory, for tests and the demo; engines sharing one instance behave like processes sharing
/// one profile file.
public final class MemorySyncStateStore: SyncStateStore {
    private let stored: Mutex<StoredState>
    /// The journal, oldest first, and the next entry's id (guarded together with `stored`: see `update`).
    private let journalEntries = Mutex<(entries: [JournalEntry], nextID: Int64)>(([], 1))
    private let serverLocked = Mutex(false)

    /// A new profile with a random device id, or `state` as given.
    public init(state: DeviceState = DeviceState(deviceID: UUID().uuidString.lowercased())) {
        stored = Mutex(StoredState(state: state, revision: 1))
    }

    public func load() async throws -> StoredState {
        stored.withLock { $0 }
    }

    public func update<Result: Sendable>(_ change: @escaping @Sendable (inout DeviceState) throws -> Result) async throws
        -> (Result, StoredState) {
        try stored.withLock { current in
            var state = current.state
            let result = try change(&state)
            if !state.journalAppend.isEmpty {
                let added = state.journalAppend
                state.journalAppend = []
                // Taken inside `stored`'s lock, so the journal and the state change together.
                journalEntries.withLock { journal in
                    for var entry in added {
                        entry.id = journal.nextID
                        journal.nextID += 1
                        journal.entries.append(entry)
                    }
                    if journal.entries.count > Journal.limit { journal.entries.removeFirst(journal.entries.count - Journal.limit) }
                }
                current = StoredState(state: state, revision: current.revision + 1)
            } else if state != current.state {
                current = StoredState(state: state, revision: current.revision + 1)
            }
            return (result, current)
        }
    }

    public func revision() async throws -> UInt64 {
        stored.withLock { $0.revision }
    }

    public func journal(key: ExactText?, limit: Int) async throws -> [JournalEntry] {
        journalEntries.withLock { journal in
            Array((key.map { key in journal.entries.filter { $0.key == key } } ?? journal.entries).suffix(limit))
        }
    }

    public func tryLockServer() throws -> ServerLease? {
        let acquired = serverLocked.withLock { locked in
            defer { locked = true }
            return !locked
        }
        guard acquired else { return nil }
        return ServerLease { self.serverLocked.withLock { $0 = false } }
    }
}
