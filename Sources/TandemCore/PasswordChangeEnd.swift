/// How a password-change round of ``SyncMachine`` ended.
public enum PasswordChangeEnd: Sendable, Equatable {
    /// The server took the new password (and the re-encrypted wallet) and this device signed in with it.
    case changed
    /// Catching up left local edits that are not on the server; the password was not changed.
    case unpushedChanges
    /// Catching up found conflicts; the password was not changed.
    case conflictsWaiting
    /// A step failed; the password was not changed (unless the outcome is `.needsPassword` after the change).
    case failed(SyncOutcome)
}
