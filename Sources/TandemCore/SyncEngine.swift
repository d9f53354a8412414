import Foundation
import TandemCrypto
import TandemWire

/// Runs a device's sync: holds its state, performs `SyncMachine`'s effects through `WalletRemote`, `UpdateFeed` and
/// `SyncStateStore`, and publishes a `SyncSnapshot` after every change. UIs only read snapshots and call intents.
public actor SyncEngine {
    public struct Configuration: Sendable {
        /// `.standard` for real use; tests lower it through `KeyDerivation.Cost.reducedForTesting(log2N:)`.
        public var keyDerivationCost = KeyDerivation.Cost.standard
        public var activityLimit = 200
        public var now: @Sendable () -> Date = { Date() }
        public init() {}
    }

    let store: any SyncStateStore
    let makeRemote: @Sendable (String) -> any WalletRemote
    let makeFeed: (@Sendable (String) -> any UpdateFeed)?
    let configuration: Configuration

    var state: DeviceState
    var phase: SyncPhase
    var latestRemoteSequence: UInt32?
    var lastSync: Date?
    var connection = ConnectionStatus.unknown
    var feedStatus = FeedStatus.off
    var lastNotice: (sequence: UInt32, at: Date)?
    var derivation: DerivationStatus?
    var activity: [ActivityEntry] = []
    var feedTask: Task<Void, Never>?
    /// Whether the owner asked for live notifications; they resume after a new login.
    var wantsFeed = false
    /// A sync asked for while a round was running; run once that round ends (true: with push).
    var queuedRound: Bool?
    private var subscribers: [UUID: AsyncStream<SyncSnapshot>.Continuation] = [:]

    /// Loads the device state from `store`.
    public init(store: any SyncStateStore, makeRemote: @escaping @Sendable (String) -> any WalletRemote,
                makeFeed: (@Sendable (String) -> any UpdateFeed)? = nil, configuration: Configuration = Configuration()) async throws {
        self.store = store
        self.makeRemote = makeRemote
        self.makeFeed = makeFeed
        self.configuration = configuration
        let state = try await store.load()
        self.state = state
        phase = switch (state.account, state.pending) {
        case (nil, _): .signedOut
        case (.some(let account), _) where account.token == nil: .needsPassword
        case (_, .some): .awaitingResolution
        default: .idle
        }
    }

    // MARK: Snapshots

    public var snapshot: SyncSnapshot {
        var snapshot = SyncSnapshot()
        snapshot.phase = phase
        snapshot.deviceID = state.deviceID
        snapshot.server = state.server
        snapshot.email = state.account?.email
        snapshot.syncedSequence = state.base?.sequence
        snapshot.latestRemoteSequence = latestRemoteSequence
        snapshot.preferences = state.preferences
        snapshot.localChanges = state.localChanges
        snapshot.conflicts = state.pending?.merge.unresolved ?? []
        snapshot.pendingResolutions = state.pending?.merge.resolutions ?? [:]
        snapshot.lastSync = lastSync
        snapshot.connection = connection
        snapshot.feed = feedStatus
        snapshot.lastNotice = lastNotice
        snapshot.derivation = derivation
        snapshot.activity = activity
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

    // MARK: Local edits

    /// Sets a preference; committed to disk before this returns.
    public func setPreference(_ key: String, to value: String) async throws(EngineError) {
        try await edit(key, value)
    }

    public func removePreference(_ key: String) async throws(EngineError) {
        try await edit(key, nil)
    }

    private func edit(_ key: String, _ value: String?) async throws(EngineError) {
        guard !key.isEmpty else { throw .invalidKey }
        guard state.preferences[key] != value else { return }
        try await persist { try await store.setPreference(key, to: value) }
        state.preferences[key] = value
        publish()
    }

    func persist(_ write: () async throws -> Void) async throws(EngineError) {
        do {
            try await write()
        } catch {
            log("Could not save: \(error)", .error)
            throw .storage("\(error)")
        }
    }

    // MARK: Sync rounds

    /// Fetches and merges the server's wallet, then uploads local changes when `push` is set.
    public func sync(push: Bool = true) async {
        await run(.syncRequested(push: push))
    }

    /// Fetches and merges without uploading.
    public func pull() async {
        await run(.syncRequested(push: false))
    }

    /// Uploads local changes; on 409 fetches, merges and retries (bounded).
    public func push() async {
        await run(.pushRequested(hasLocalChanges: !state.localChanges.isEmpty))
    }

    /// Feeds `event` to the machine and runs effects until the round settles.
    func run(_ event: SyncMachine.Event) async {
        if case .pulling = phase, case .syncRequested(let push) = event { queuedRound = (queuedRound ?? false) || push; return }
        if case .pushing = phase, case .syncRequested(let push) = event { queuedRound = (queuedRound ?? false) || push; return }
        var events = [event]
        while !events.isEmpty {
            let (next, effects) = SyncMachine.next(phase, events.removeFirst())
            phase = next
            publish()
            for effect in effects {
                switch effect {
                case .fetchWallet: events.append(await fetchAndMerge())
                case .uploadWallet: events.append(await upload())
                case .report(let problem): report(problem)
                case .askForPassword:
                    stopWatching(status: .closedByServer("password changed"))
                    log("The server no longer accepts this device's token: the password was probably changed on another device. Enter the new password to continue.", .warning)
                }
            }
        }
        if phase == .idle, let push = queuedRound {
            queuedRound = nil
            await run(.syncRequested(push: push))
        }
    }

    private func report(_ problem: SyncProblem) {
        switch problem {
        case let .rollback(remote, synced):
            log("The server offered sequence \(remote), older than the synced \(synced); ignored it (possible rollback).", .error)
        case .unreadable(let reason): log("Could not open the server's wallet: \(reason).", .error)
        case .gaveUp(let attempts): log("Gave up pushing after \(attempts) attempts: other devices keep writing. Try again.", .warning)
        case .failed(let reason): log("Sync failed: \(reason).", .error)
        }
    }
}
