/// Everything a device keeps between runs (one profile). Never the root password.
///
/// The profile's store is the only source of truth: the engine changes this value only inside
/// ``SyncStateStore/update(_:)``, which reads it from disk and writes the result in one transaction.
public struct DeviceState: Sendable, Equatable {
    /// This device's id, made once per profile; the server keys tokens by it.
    public var deviceID: String
    /// The server's base URL.
    public var server: String?
    /// The signed-in account, nil when signed out.
    public var account: DeviceAccount?
    /// The merge base: the last wallet this device downloaded or uploaded.
    public var base: SyncedWallet?
    /// The working copy the user edits.
    public var preferences: Preferences
    /// A merge waiting for the user to resolve its conflicts.
    public var pending: PendingSync?
    /// Whether the engine pushes edits by itself shortly after they are made (and when the server is back).
    public var autoSync: Bool
    /// Journal entries this transaction adds (the store appends them to the profile's journal and clears this;
    /// the journal itself is read with ``SyncStateStore/journal(key:limit:)``, never loaded with the state).
    public var journalAppend: [JournalEntry] = []
    /// Device names set here and not pushed yet (device id → name); they apply on top of the wallet's `devices`.
    public var deviceRenames: [String: String] = [:]

    /// A state with the given parts; a new profile has only a device id, with auto-sync on.
    public init(deviceID: String, server: String? = nil, account: DeviceAccount? = nil, base: SyncedWallet? = nil,
                preferences: Preferences = [:], pending: PendingSync? = nil, autoSync: Bool = true) {
        self.deviceID = deviceID
        self.server = server
        self.account = account
        self.base = base
        self.preferences = preferences
        self.pending = pending
        self.autoSync = autoSync
    }

    /// Edits not yet on the server, relative to the merge base.
    public var localChanges: [LocalChange] { LocalChange.between(base: base?.document.preferences ?? [:], current: preferences) }
}
