/// What an account intent (`register`, `logIn`, `changePassword`, `changeServer`, `logOut`) did.
///
/// Every outcome other than `signedIn`, `verificationPending`, `passwordChanged`, `loggedOut` and `serverChanged`
/// left the device exactly as it was: keys, token, merge base and local edits.
public enum AccountOutcome: Sendable, Equatable {
    /// Logged in (or registered and logged in); `sync` is the pull that followed.
    case signedIn(email: String, sync: SyncOutcome)
    /// The account exists but waits for the link in the verification mail; log in after following it.
    case verificationPending
    /// The password changed and this device logged in with it; `sync` is the pull that followed.
    case passwordChanged(sync: SyncOutcome)
    /// The account, keys, token and merge base were forgotten; preferences stay as local changes.
    case loggedOut
    /// The device now uses another server; `signedOut` when that signed it out of the old one.
    case serverChanged(signedOut: Bool)
    /// The server (or, for a password change, the stored keys) did not accept the password.
    case wrongPassword
    /// The server has no account for that email.
    case accountNotFound
    /// The account waits for the link in the verification mail.
    case accountNotVerified
    /// An account for that email already exists on the server.
    case emailTaken
    /// The intent needs a signed-in device.
    case notSignedIn
    /// The password is not changed while local edits are not on the server yet.
    case unpushedChanges(count: Int)
    /// The password is not changed while a merge waits for the user.
    case conflictsWaiting(count: Int)
    /// The server could not be reached or did not answer properly.
    case serverUnreachable(String)
    /// The server refused the request for a reason retrying will not fix.
    case refused(String)
    /// A sync step of the intent failed (rollback, unreadable wallet, 409s without end, another process...).
    case syncFailed(SyncOutcome)

    /// Whether the intent did what was asked.
    public var isSuccess: Bool {
        switch self {
        case .signedIn, .verificationPending, .passwordChanged, .loggedOut, .serverChanged: true
        default: false
        }
    }
}
