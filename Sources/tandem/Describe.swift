import Foundation
import TandemCore
import TandemTUI

/// The CLI's words for engine states and refusals: the engine reports what happened, the front end says it.
enum Describe {
    /// The next steps the CLI offers, as commands.
    static let hints = OutcomeWords.Hints(
        signIn: "run `tandem login` or `tandem register` first", enterPassword: "run `tandem login` with the current password",
        sync: "run `tandem sync` first", showConflicts: "see `tandem conflicts list`")

    static let needsPassword = OutcomeWords.failure(SyncOutcome.needsPassword, hints: hints) ?? ""
    static let notSignedIn = OutcomeWords.failure(SyncOutcome.notSignedIn, hints: hints) ?? ""

    static func phaseName(_ phase: SyncPhase) -> String {
        switch phase {
        case .signedOut: "signedOut"
        case .idle: "idle"
        case .pulling: "pulling"
        case .pushing: "pushing"
        case .changingPassword: "changingPassword"
        case .awaitingResolution: "awaitingResolution"
        case .needsPassword: "needsPassword"
        }
    }

    static func phase(_ phase: SyncPhase) -> String {
        switch phase {
        case .signedOut: "signed out"
        case .idle: "ready"
        case .pulling: "pulling"
        case .pushing: "pushing"
        case .changingPassword: "changing the password"
        case .awaitingResolution: "conflicts wait for you (tandem conflicts list)"
        case .needsPassword: "the password changed elsewhere: run tandem login"
        }
    }

    static func feed(_ status: FeedStatus) -> String {
        switch status {
        case .off: "Not listening for notices."
        case .connecting: "Connecting to the server's notices…"
        case .connected: "Connected; waiting for notices."
        case let .reconnecting(at, reason): "Disconnected (\(reason)); reconnecting in \(max(0, Int(at.timeIntervalSinceNow.rounded())))s."
        case .closedByServer(let reason): "The server closed the connection: \(reason)."
        }
    }

    /// "1 conflict" / "3 conflicts".
    static func conflicts(_ count: Int) -> String { "\(count) conflict\(count == 1 ? "" : "s")" }
}
