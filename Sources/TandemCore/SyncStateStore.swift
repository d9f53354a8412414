/// The device's durable state (one per profile). Every method commits before it returns.
public protocol SyncStateStore: Sendable {
    func load() async throws -> DeviceState
    func saveAccount(_ account: DeviceAccount?, server: String?) async throws
    /// One local edit; nil removes the key.
    func setPreference(_ key: String, to value: String?) async throws
    /// The result of a pull, push or merge (base, working copy, pending merge) in one transaction.
    func saveSync(base: SyncedWallet?, preferences: [String: String], pending: PendingSync?) async throws
    /// Resolutions chosen so far, so a half-resolved merge survives a restart.
    func savePending(_ pending: PendingSync?) async throws
}
