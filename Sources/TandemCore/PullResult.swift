/// What the engine found when it pulled; it applies the wallet to the device state before reporting.
public enum PullResult: Sendable, Equatable {
    case noRemoteWallet
    /// The device already had the server's sequence.
    case upToDate(sequence: UInt32)
    /// The remote was ahead and merged without conflicts.
    case merged(sequence: UInt32)
    /// The remote was ahead and the merge has conflicts (saved as the pending merge).
    case conflicts
    /// The server offered a wallet older than the one this device synced last.
    case rollback(remote: UInt32, synced: UInt32)
    /// The wallet could not be opened (HMAC, foreign wallet, undecryptable).
    case unreadable(String)
}
