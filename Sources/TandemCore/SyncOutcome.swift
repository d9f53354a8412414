/// What a sync intent (`sync()`, `pull()`, `push()`, `applyResolutions()`) did; front ends word it for people.
public enum SyncOutcome: Sendable, Equatable {
    /// The device and the server agree at this sequence after pulling and/or pushing something.
    case synced(sequence: UInt32)
    /// Nothing new on the server and nothing was uploaded; nil when the account has no wallet yet.
    case upToDate(sequence: UInt32?)
    /// A push found no local changes to upload.
    case nothingToPush
    /// A merge waits for the user on this many keys; nothing is pushed until every one is decided.
    case conflictsWaiting(count: Int)
    /// The device has no account.
    case notSignedIn
    /// The server no longer accepts this device's token (the password changed elsewhere, or it expired).
    case needsPassword
    /// The server ended this device's session: revoked on another device (a log-in with the same password
    /// continues) or the account deleted (signed out here); the device keeps its preferences.
    case signedOutByServer(ServerSignOut)
    /// The server could not be reached or did not answer properly; trying again later may help.
    case serverUnreachable(String)
    /// The server refused the request for a reason retrying will not fix.
    case refused(String)
    /// The server offered a wallet older than the one this device synced last; it was ignored.
    case rollbackRefused(remote: UInt32, synced: UInt32)
    /// The server's wallet could not be opened (another password, tampered with, or written by another client).
    case unreadableWallet(String)
    /// Other devices kept writing first; the round stopped after this many uploads.
    case gaveUp(attempts: Int)
    /// Another process of this profile is talking to the server; it will push and pull the same file.
    case anotherProcessIsSyncing
    /// The profile file could not be written.
    case storageFailed(String)

    /// Whether the intent did what was asked (including "nothing to do").
    public var isSuccess: Bool {
        switch self {
        case .synced, .upToDate, .nothingToPush: true
        default: false
        }
    }
}
