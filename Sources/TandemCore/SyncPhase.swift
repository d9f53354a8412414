/// Where a device is in a sync round.
public enum SyncPhase: Sendable, Equatable {
    /// No account on this device.
    case signedOut
    case idle
    /// Fetching (and merging) the server's wallet; `thenPush` when the round also uploads local changes.
    case pulling(attempt: Int, thenPush: Bool)
    case pushing(attempt: Int)
    /// Changing the password: catching up with the server, then re-encrypting the wallet under the new keys.
    case changingPassword(attempt: Int)
    /// A merge has conflicts; nothing is pushed until the user resolved every one.
    case awaitingResolution
    /// The server refused the token: the password changed on another device (or the token expired).
    case needsPassword

    /// Whether a round that talks to the server is running.
    public var isRound: Bool {
        switch self {
        case .pulling, .pushing, .changingPassword: true
        case .signedOut, .idle, .awaitingResolution, .needsPassword: false
        }
    }

    /// The phase a device at rest is in, from what its profile holds.
    public static func resting(signedIn: Bool, hasToken: Bool, hasPendingMerge: Bool) -> SyncPhase {
        guard signedIn else { return .signedOut }
        guard hasToken else { return .needsPassword }
        return hasPendingMerge ? .awaitingResolution : .idle
    }
}
