import Foundation
import TandemCrypto
import TandemWire

/// Runs a device's sync: performs `SyncMachine`'s effects through `WalletRemote`, `UpdateFeed` and `SyncStateStore`,
/// and publishes a `SyncSnapshot` after every change. UIs only read snapshots and call intents.
///
/// The profile's store is the only source of truth: every change is one store transaction that reads what is on
/// disk and writes the result, so other processes using the same profile (a CLI next to the UI) never lose an edit.
/// `state` is only the last copy read, for snapshots and for deciding what to ask the server.
public actor SyncEngine {
    public struct Configuration: Sendable {
        /// `.standard` for real use; tests lower it through `KeyDerivation.Cost.reducedForTesting(log2N:)`.
        public var keyDerivationCost = KeyDerivation.Cost.standard
        public var activityLimit = 200
        public var now: @Sendable () -> Date = { Date() }
        /// How often a watching engine checks the profile for other processes' changes.
        public var pollInterval = Duration.milliseconds(250)
        /// With auto-sync on, how long after the last edit the engine pushes.
        public var autoSyncDelay = Duration.seconds(1)
        /// How long a round waits for another process of the profile to finish talking to the server.
        public var serverLockWait = Duration.seconds(5)
        public init() {}
    }

    let store: any SyncStateStore
    let makeRemote: @Sendable (String) -> any WalletRemote
    let makeFeed: (@Sendable (String) -> any UpdateFeed)?
    let configuration: Configuration

    /// The profile as last read from or written to the store.
    var state: DeviceState
    var revision: UInt64
    var localChanges: [LocalChange] = []
    var pendingMerge: [PendingConflict] = []
    var machine: SyncMachine.State
    var latestRemoteSequence: UInt32?
    var lastSync: Date?
    var connection = ConnectionStatus.unknown
    var feedStatus = FeedStatus.off
    var lastNotice: (sequence: UInt32, at: Date)?
    var derivation: DerivationStatus?
    var activity: [ActivityEntry] = []
    var feedTask: Task<Void, Never>?
    var pollTask: Task<Void, Never>?
    /// Bumped by every edit; a scheduled auto-push only runs if no edit came after it.
    var autoPushGeneration = 0
    /// Whether the owner asked for live notifications; they resume after a new login.
    var wantsFeed = false
    /// Held while a round talks to the server, so one process per profile does.
    var lease: ServerLease?
    /// Callers of requests queued behind the running round, and of the round after it.
    var roundWaiters: [CheckedContinuation<RoundEnd, Never>] = []
    var queuedWaiters: [CheckedContinuation<RoundEnd, Never>] = []
    /// The keys of a password change while its round runs.
    var passwordChange: PasswordChangeKeys?
    /// Why the server ended this device's session, once the engine found out (cleared by the next log-in).
    var serverSignOut: ServerSignOut?
    /// What the feed's close code said, for the refused token that follows.
    var feedSignOutHint: ServerSignOut?
    private var subscribers: [UUID: AsyncStream<SyncSnapshot>.Continuation] = [:]

    /// Loads the device state from `store`.
    public init(store: any SyncStateStore, makeRemote: @escaping @Sendable (String) -> any WalletRemote,
                makeFeed: (@Sendable (String) -> any UpdateFeed)? = nil, configuration: Configuration = Configuration()) async throws {
        self.store = store
        self.makeRemote = makeRemote
        self.makeFeed = makeFeed
        self.configuration = configuration
        let stored = try await store.load()
        state = stored.state
        revision = stored.revision
        machine = SyncMachine.State(SyncPhase.resting(signedIn: stored.state.account != nil,
                                                      hasToken: stored.state.account?.token != nil,
                                                      hasPendingMerge: stored.state.pending != nil))
        (localChanges, pendingMerge) = Self.derived(from: stored.state)
    }

    // MARK: Snapshots

    /// The device as a UI shows it.
    public var snapshot: SyncSnapshot {
        var snapshot = SyncSnapshot()
        snapshot.phase = machine.phase
        snapshot.deviceID = state.deviceID
        snapshot.server = state.server
        snapshot.email = state.account?.email
        snapshot.syncedSequence = state.base?.sequence
        snapshot.latestRemoteSequence = latestRemoteSequence
        snapshot.preferences = state.preferences
        snapshot.localChanges = localChanges
        snapshot.pendingMerge = pendingMerge
        snapshot.autoSync = state.autoSync
        snapshot.lastSync = lastSync
        snapshot.connection = connection
        snapshot.feed = feedStatus
        snapshot.lastNotice = lastNotice
        snapshot.derivation = derivation
        snapshot.activity = activity
        snapshot.serverSignOut = state.account?.token == nil ? serverSignOut : nil
        return snapshot
    }

    /// The current snapshot at once, then one after every change (only the newest if the reader falls behind).
    public func snapshots() -> AsyncStream<SyncSnapshot> {
        let (stream, continuation) = AsyncStream.makeStream(of: SyncSnapshot.self, bufferingPolicy: .bufferingNewest(1))
        let id = UUID()
        subscribers[id] = continuation
        continuation.yield(snapshot)
        continuation.onTermination = { [weak self] _ in Task { await self?.unsubscribe(id) } }
        return stream
    }

    private func unsubscribe(_ id: UUID) { subscribers[id] = nil }

    func publish() {
        guard !subscribers.isEmpty else { return }
        let current = snapshot
        for continuation in subscribers.values { continuation.yield(current) }
    }

    func log(_ message: String, _ level: ActivityEntry.Level = .info) {
        activity.append(ActivityEntry(date: configuration.now(), level: level, message: message))
        if activity.count > configuration.activityLimit { activity.removeFirst(activity.count - configuration.activityLimit) }
        publish()
    }

    // MARK: The profile

    /// One store transaction: `change` sees the state as stored and its result is written; then it is adopted here.
    /// With `origin`, every preference the change gives another value is journaled in the same transaction.
    func write<Result: Sendable>(journaling origin: JournalOrigin? = nil,
                                 _ change: @escaping @Sendable (inout DeviceState) throws -> Result) async throws(EngineError)
        -> Result {
        let date = configuration.now()
        let journaled: @Sendable (inout DeviceState) throws -> Result = { state in
            guard let origin else { return try change(&state) }
            let before = state.preferences
            let result = try change(&state)
            state.journalAppend += Journal.changes(from: before, to: state.preferences, at: date, origin: origin)
            return result
        }
        do {
            let (result, stored) = try await store.update(journaled)
            adopt(stored)
            return result
        } catch let error as EngineError {
            throw error
        } catch {
            log("Could not save: \(error)", .error)
            throw .storage("\(error)")
        }
    }

    /// Takes `stored` as the engine's copy (if newer), settles the phase when no round runs, and publishes.
    func adopt(_ stored: StoredState) {
        // A revision names one stored state, so an unchanged revision needs no comparison of 10,000 preferences.
        guard stored.revision != revision else { return }
        let previous = state
        state = stored.state
        revision = stored.revision
        (localChanges, pendingMerge) = Self.derived(from: state)
        settle(tokenChanged: state.account?.token != previous.account?.token)
        publish()
    }

    /// Puts a machine at rest into the phase the profile calls for (another process may have logged in or out,
    /// found or resolved a merge). A refused token stays refused until a log-in stores a new one.
    func settle(tokenChanged: Bool) {
        guard !machine.phase.isRound else { return }
        if machine.phase == .needsPassword, state.account != nil, !tokenChanged { return }
        machine = SyncMachine.State(SyncPhase.resting(signedIn: state.account != nil, hasToken: state.account?.token != nil,
                                                      hasPendingMerge: state.pending != nil))
    }

    /// Reads the profile again if another process changed it since.
    func refresh() async {
        guard let current = try? await store.revision(), current != revision,
              let stored = try? await store.load() else { return }
        adopt(stored)
    }

    private static func derived(from state: DeviceState) -> ([LocalChange], [PendingConflict]) {
        let pending = state.pending.map { pending in
            pending.merge.conflicts.map { PendingConflict(conflict: $0, choice: pending.merge.resolutions[$0.key]) }
        } ?? []
        return (state.localChanges, pending)
    }

    // MARK: Local edits

    /// Sets a preference; committed to disk before this returns. Allowed while a merge waits: editing a
    /// conflicting key is that key's decision (``Resolution/edited(_:)``) until the user chooses otherwise.
    public func setPreference(_ key: String, to value: String) async throws(EngineError) {
        try await edit(ExactText(key), ExactText(value))
    }

    /// Removes a preference (a local change until pushed); committed to disk before this returns.
    public func removePreference(_ key: String) async throws(EngineError) {
        try await edit(ExactText(key), nil)
    }

    private func edit(_ key: ExactText, _ value: ExactText?) async throws(EngineError) {
        guard !key.isEmpty else { throw .invalidKey }
        let changed = try await write(journaling: .local) { state in
            guard state.preferences[key] != value else { return false }
            state.preferences[key] = value
            if var pending = state.pending {
                pending.merge.recordEdit(key, to: value)
                state.pending = pending
            }
            return true
        }
        if changed { scheduleAutoPush() }
    }

    /// Turns auto-sync on or off for this profile (remembered on disk).
    public func setAutoSync(_ on: Bool) async throws(EngineError) {
        try await write { $0.autoSync = on }
        if on { scheduleAutoPush() }
    }
}
