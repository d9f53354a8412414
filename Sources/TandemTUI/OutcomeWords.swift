import TandemCore

/// One sentence for what an engine intent ended with, shared by the terminal UI and the CLI.
///
/// The engine reports outcomes as values and states facts; the words live here, in the front ends. Where a sentence
/// needs a next step (a key in the UI, a command in the CLI) the caller passes it as `hint`.
public enum OutcomeWords {
    /// The next steps a front end offers, in its own terms.
    public struct Hints: Sendable {
        public var signIn: String
        public var enterPassword: String
        public var sync: String
        public var showConflicts: String

        public init(signIn: String, enterPassword: String, sync: String, showConflicts: String) {
            self.signIn = signIn
            self.enterPassword = enterPassword
            self.sync = sync
            self.showConflicts = showConflicts
        }

        /// The terminal UI's keys.
        public static let keys = Hints(signIn: "press n to create an account or i to log in", enterPassword: "press i to enter it",
                                       sync: "press s first", showConflicts: "c shows them")
    }

    /// Why a sync did not do what was asked, or nil when it did (including "conflicts wait": that is shown, not failed).
    public static func failure(_ outcome: SyncOutcome, hints: Hints) -> String? {
        switch outcome {
        case .synced, .upToDate, .nothingToPush, .conflictsWaiting: nil
        case .notSignedIn: "This device is not signed in: \(hints.signIn)."
        case .signedOutByServer(let reason): DeviceWords.signedOut(reason)
        case .needsPassword:
            "The server no longer accepts this device's sign-in, so the password was probably changed on another device: \(hints.enterPassword)."
        case .serverUnreachable(let detail), .refused(let detail): sentence(detail)
        case let .rollbackRefused(remote, synced):
            "The server offered sequence \(remote), older than the synced \(synced); it was ignored (a restored backup or a rollback)."
        case .unreadableWallet(let detail): "The server's wallet could not be opened: \(detail)."
        case .gaveUp(let attempts): "Gave up after \(attempts) attempts: other devices keep writing first; try again."
        case .anotherProcessIsSyncing: "Another tandem process of this profile (the UI or `tandem watch`) is syncing it right now."
        case .storageFailed(let detail): "The profile file could not be written: \(detail)."
        }
    }

    /// Why an account intent did not do what was asked, or nil when it did.
    public static func failure(_ outcome: AccountOutcome, email: String?, hints: Hints) -> String? {
        switch outcome {
        case .signedIn, .verificationPending, .passwordChanged, .loggedOut, .serverChanged: nil
        case .wrongPassword: "Wrong password."
        case .accountNotFound: "The server has no account for \(email ?? "that email address")."
        case .accountNotVerified: "The account is not verified yet: follow the link in the verification mail, then log in."
        case .emailTaken: "An account for \(email ?? "that email address") already exists on this server; log in instead."
        case .notSignedIn: "This device is not signed in: \(hints.signIn)."
        case .unpushedChanges(let count):
            "\(count == 1 ? "1 local change is" : "\(count) local changes are") not on the server yet: \(hints.sync)."
        case .conflictsWaiting(let count): "\(count) conflict\(count == 1 ? " waits" : "s wait") for a choice first: \(hints.showConflicts)."
        case .serverUnreachable(let detail), .refused(let detail): sentence(detail)
        case .syncFailed(let sync): failure(sync, hints: hints) ?? "The sync after it did not finish."
        }
    }

    /// A refused intent (bad input, nothing to act on, an unwritable profile).
    public static func sentence(_ error: EngineError) -> String {
        switch error {
        case .invalidEmail(let email): "'\(email)' is not an email address like joe@example.com."
        case .emptyPassword: "The password must not be empty."
        case .noPendingMerge: "There are no conflicts to resolve."
        case .unknownConflict(let key): "There is no conflict on '\(key)'."
        case .invalidKey: "Preference keys must not be empty."
        case .keyDerivation(let detail): "Key derivation failed: \(detail)."
        case .storage(let detail): "The profile file could not be written: \(detail)."
        }
    }

    /// "cannot reach the server: …" as a sentence.
    static func sentence(_ detail: String) -> String {
        let plain = ErrorWords.plain(detail)
        let trimmed = plain.hasSuffix(".") ? String(plain.dropLast()) : plain
        return trimmed.prefix(1).uppercased() + trimmed.dropFirst() + "."
    }
}
