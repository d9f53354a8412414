/// A profile's durable state: the only source of truth for every process using the profile.
///
/// Every change is one ``update(_:)`` transaction that reads the state as stored, lets the caller change it and
/// writes only what changed, so two processes (a UI and a CLI command, say) never write stale copies over each
/// other. The revision goes up with every transaction that changed something, so each process can notice the
/// others' changes cheaply.
public protocol SyncStateStore: Sendable {
    /// The stored state and its revision (a new profile gets a device id and is stored at once).
    func load() async throws -> StoredState
    /// Reads the stored state, applies `change` and writes the difference, all in one transaction; nothing is
    /// written when `change` throws. Returns `change`'s result and the state as stored afterwards.
    func update<Result: Sendable>(_ change: @escaping @Sendable (inout DeviceState) throws -> Result) async throws
        -> (Result, StoredState)
    /// The current revision; cheap enough to poll several times a second.
    func revision() async throws -> UInt64
    /// Tries once, without waiting, to become the only process that talks to the server for this profile;
    /// nil while another process (or another engine of this process) holds it.
    func tryLockServer() throws -> ServerLease?
    /// The newest `limit` journal entries, oldest first; only those of `key` when one is given. Entries are added
    /// through `DeviceState.journalAppend` in the `update` that makes the change, and the journal keeps the newest
    /// ``Journal/limit``.
    func journal(key: ExactText?, limit: Int) async throws -> [JournalEntry]
}

/// A profile's state as stored, with the revision it was read at.
public struct StoredState: Sendable, Equatable {
    public var state: DeviceState
    public var revision: UInt64

    /// `state` as stored at `revision`.
    public init(state: DeviceState, revision: UInt64) {
        self.state = state
        self.revision = revision
    }
}
