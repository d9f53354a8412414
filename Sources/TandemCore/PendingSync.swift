/// A merge with conflicts and the remote wallet it merges, which becomes the base once the user has decided.
public struct PendingSync: Sendable, Equatable {
    public var merge: PendingMerge
    public var remote: SyncedWallet

    /// The pending `merge` of `remote`.
    public init(merge: PendingMerge, remote: SyncedWallet) {
        self.merge = merge
        self.remote = remote
    }
}
