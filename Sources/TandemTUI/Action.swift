import Foundation
import TandemCore

/// Everything that can happen to the UI: keys, the terminal, the clock, and the engines' reports.
public enum Action: Sendable {
    case key(Key)
    case resized(Size)
    /// Once a second: countdowns, "5 s ago", expiring status messages.
    case tick(Date)
    /// A device's engine published a new snapshot.
    case snapshot(SyncSnapshot, device: Int)
    /// An intent started by an `Effect` ended; `failure` is the engine's one-sentence refusal.
    case intentFinished(Intent, device: Int, failure: String?)
    /// Something to tell the user that is not about an intent (a broken theme file, the demo starting).
    case notice(String, level: StatusMessage.Level, device: Int?)
    /// SIGINT, SIGTERM or SIGHUP: quit now, without questions (the pending merge is kept by the engine).
    case interrupted
    /// The journal of `key` on `device`, oldest first (for the history view).
    case history([JournalEntry], key: ExactText, device: Int)
    /// The engine's answer for the Devices view of `device`.
    case devices(DeviceOutcome, device: Int)
    /// A click or a wheel turn (only while `AppState.mouse` is on).
    case mouse(MouseEvent)
}

/// The engine intents the UI starts, for matching their outcome to what is waiting for it.
public enum Intent: String, Hashable, Sendable {
    case setPreference, removePreference, sync, register, logIn, adoptNewPassword, changePassword
    case resolve, resolveAll, applyResolutions, logOut, setAutoSync, changeServer
    case undo, redo, history
    case devices, revokeDevice, renameDevice
}
