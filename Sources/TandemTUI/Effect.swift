import TandemCore

/// Work `reduce` asks for: engine intents (performed asynchronously, their outcome coming back as
/// `Action.intentFinished`) and quitting.
public enum Effect: Hashable, Sendable {
    case setPreference(key: ExactText, value: ExactText, device: Int)
    case removePreference(key: ExactText, device: Int)
    case sync(device: Int)
    case register(server: String, email: String, password: String, device: Int)
    case logIn(server: String, email: String, password: String, device: Int)
    case adoptNewPassword(password: String, device: Int)
    case changePassword(old: String, new: String, device: Int)
    case resolve(key: ExactText, resolution: Resolution, device: Int)
    case resolveAll(side: MergeResult.Side, device: Int)
    case applyResolutions(device: Int)
    case logOut(device: Int)
    /// Turns the profile's auto-sync setting on or off.
    case setAutoSync(on: Bool, device: Int)
    /// Points a signed-in device at another server (signing it out of the old one).
    case changeServer(server: String, device: Int)
    /// Puts `text` on the clipboard through the terminal (OSC 52: works over SSH and in tmux); the terminal layer does it.
    case copy(text: String)
    /// Turns the terminal's mouse reporting on or off; the terminal layer does it.
    case setMouse(on: Bool)
    /// Undoes (or redoes) the last local change.
    case undo(device: Int)
    case redo(device: Int)
    /// Reads the journal of `key`; it arrives as `Action.history`.
    case loadHistory(key: ExactText, device: Int)
    /// Reads the account's devices; they arrive as `Action.devices`.
    case loadDevices(device: Int)
    /// Revokes device `id` of the account (this device's own id logs it out).
    case revokeDevice(id: String, device: Int)
    /// Names device `id` in the wallet (pushed like an edit).
    case renameDevice(id: String, name: String, device: Int)
    case quit

    /// The intent this effect starts, and on which device (nil for `quit`).
    public var intent: (Intent, device: Int)? {
        switch self {
        case .setPreference(_, _, let device): (.setPreference, device)
        case .removePreference(_, let device): (.removePreference, device)
        case .sync(let device): (.sync, device)
        case .register(_, _, _, let device): (.register, device)
        case .logIn(_, _, _, let device): (.logIn, device)
        case .adoptNewPassword(_, let device): (.adoptNewPassword, device)
        case .changePassword(_, _, let device): (.changePassword, device)
        case .resolve(_, _, let device): (.resolve, device)
        case .resolveAll(_, let device): (.resolveAll, device)
        case .applyResolutions(let device): (.applyResolutions, device)
        case .logOut(let device): (.logOut, device)
        case .setAutoSync(_, let device): (.setAutoSync, device)
        case .changeServer(_, let device): (.changeServer, device)
        case .undo(let device): (.undo, device)
        case .redo(let device): (.redo, device)
        case .loadHistory(_, let device): (.history, device)
        case .loadDevices(let device): (.devices, device)
        case .revokeDevice(_, let device): (.revokeDevice, device)
        case .renameDevice(_, _, let device): (.renameDevice, device)
        case .copy, .setMouse, .quit: nil
        }
    }
}
