import Foundation
import TandemCore

/// Applies `action` to `state` and returns the work it asks for. Pure: no terminal, no engine, no clock of its own
/// (time arrives as `.tick`), so every path is testable by feeding actions.
public func reduce(_ state: inout AppState, _ action: Action) -> [Effect] {
    switch action {
    case .key(let key):
        return state.handle(key)
    case .resized(let size):
        state.size = size
        state.keepSelectionsVisible()
        return []
    case .tick(let date):
        state.now = date
        state.expireMessage()
        return []
    case let .snapshot(snapshot, device):
        guard state.devices.indices.contains(device) else { return [] }
        state.receive(snapshot, device: device)
        return []
    case let .intentFinished(intent, device, failure):
        guard state.devices.indices.contains(device) else { return [] }
        state.finish(intent, device: device, failure: failure)
        return []
    case let .notice(text, level, device):
        if let device, state.devices.indices.contains(device) {
            let entryLevel: ActivityEntry.Level = switch level {
            case .info, .success: .info
            case .warning: .warning
            case .error: .error
            }
            state.devices[device].note(text, level: entryLevel, at: state.now)
        }
        state.show(text, level)
        return []
    case .interrupted:
        return [.quit]
    case let .history(entries, key, device):
        state.receiveHistory(entries, key: key, device: device)
        return []
    case let .devices(outcome, device):
        state.receiveDevices(outcome, device: device)
        return []
    case .mouse(let event):
        return state.handleMouse(event)
    }
}

extension AppState {
    /// Looks the key up in the command table for the current context; in text contexts other characters are typed.
    mutating func handle(_ key: Key) -> [Effect] {
        // While only "terminal too small" shows, a key would act on something the user cannot see: only q quits
        // (a pending merge is kept by the engine, so no question is needed).
        if isTooSmall { return key == .character("q") ? [.quit] : [] }
        let context = self.context
        if let command = CommandTable.command(for: key, in: context, deviceCount: devices.count) {
            return perform(command.id, in: context)
        }
        if context == .editor {
            _ = typeInEditor(key)
            return []
        }
        // Ctrl-J is a line feed: where it means nothing else (only the editor starts a new line with it), it is Enter.
        if key == .control("j") { return handle(.enter) }
        if case .character(let character) = key { type(character, in: context) }
        if case .paste(let text) = key { paste(text, in: context) }
        return []
    }

    private mutating func perform(_ command: CommandID, in context: Context) -> [Effect] {
        switch context {
        case .main: command == .showDevices ? openDevices() : browse(command)
        case .conflicts: decide(command)
        case .filter: filterCommand(command)
        case .editing: editCommand(command)
        case .dialog, .waiting: dialogCommand(command)
        case .confirm: answer(command)
        case .help: helpCommand(command)
        case .history: historyCommand(command)
        case .detail: detailCommand(command)
        case .editor: editorCommand(command)
        case .devices: devicesCommand(command)
        }
    }

    // MARK: Engine reports

    mutating func receive(_ snapshot: SyncSnapshot, device: Int) {
        let signedOutBefore = devices[device].snapshot.serverSignOut
        let change = devices[device].apply(snapshot)
        let name = devices.count > 1 ? "\(devices[device].name): " : ""
        if let reason = snapshot.serverSignOut, reason != signedOutBefore {
            show(name + DeviceWords.signedOut(reason), .warning)
        }
        if change.first, devices.count == 1, snapshot.phase == .signedOut, mode == .browsing {
            let current = devices[device].serverChoice ?? snapshot.server ?? defaultServer
            mode = .dialog(.server(device: device, current: current))
        }
        if change.conflictsAppeared {
            devices[device].conflictsOpen = true
            devices[device].conflictSelection = devices[device].conflictRows.firstIndex { $0.choice == nil } ?? 0
            if device != active, mode == .browsing { active = device }
            let count = devices[device].unresolvedCount
            show("\(name)\(count) conflicting key\(count == 1 ? "" : "s"): l local, r remote, e new value, then Enter applies.", .warning)
        }
        if change.conflictsSettled {
            devices[device].conflictsOpen = false
            show("\(name)Conflicts resolved.", .success)
        }
        if change.passwordNeeded, let email = snapshot.email {
            if mode == .browsing, snapshot.serverSignOut == .deviceRevoked {
                // Revoked, not a new password: the same password logs it in again.
                active = device
                mode = .dialog(.logIn(device: device, server: server(for: device), email: email))
            } else if mode == .browsing {
                active = device
                mode = .dialog(.reenterPassword(device: device, email: email))
            } else {
                show("\(name)The password changed on another device: press i to enter the new one.", .warning)
            }
        }
        keepSelectionsVisible()
    }

    mutating func finish(_ intent: Intent, device: Int, failure: String?) {
        let name = devices.count > 1 ? "\(devices[device].name): " : ""
        // The engine logs what a sync round meets; every other refusal (a wrong password after key derivation, say)
        // reaches the activity log here, also when its dialog was hidden or closed.
        if let failure, ![.sync, .applyResolutions, .undo, .redo].contains(intent) {
            devices[device].note(failure, level: .error, at: now)
        }
        if case .dialog(var dialog) = mode, dialog.busy, dialog.device == device, dialog.kind.intent == intent {
            if let failure {
                dialog.busy = false
                dialog.error = failure
                mode = .dialog(dialog)
            } else {
                mode = .browsing
                show(name + dialog.kind.successMessage(email: devices[device].snapshot.email), .success)
            }
            return
        }
        if let failure {
            if intent == .resolve || intent == .resolveAll { devices[device].forgetUnconfirmedChoices() }
            show(name + failure, .error)
        } else if intent == .applyResolutions {
            show("\(name)Choices applied and pushed.", .success)
        } else if intent == .logOut {
            show("\(name)Logged out; press i to log in again.", .success)
        } else if intent == .changeServer {
            let server = devices[device].serverChoice ?? devices[device].snapshot.server ?? "the new server"
            show("\(name)Now using \(server): press i to log in there or n to create an account.", .success)
        }
    }

    // MARK: Housekeeping

    mutating func expireMessage() {
        guard let message else { return }
        let lifetime: TimeInterval = message.level == .info || message.level == .success ? 8 : 20
        if now.timeIntervalSince(message.shownAt) >= lifetime { self.message = nil }
    }

    /// Scrolls every shown list so its selection is visible at the current size.
    mutating func keepSelectionsVisible() {
        let layout = Layout(state: self, size: size)
        for index in devices.indices {
            let filterLine = !devices[index].filter.isEmpty || (index == active && context == .filter)
            devices[index].scrollToSelection(visibleRows: layout.preferenceRows(for: index, filterLine: filterLine))
        }
        if layout.conflicts != nil { devices[active].scrollConflictsToSelection(visibleRows: layout.conflictRows) }
        refreshDetailLines()
    }
}

extension Dialog.Kind {
    /// The intent a busy dialog of this kind waits for.
    var intent: Intent? {
        switch self {
        case .register: .register
        case .logIn: .logIn
        case .reenterPassword: .adoptNewPassword
        case .changePassword: .changePassword
        case .server, .addPreference, .renameDevice: nil
        }
    }

    func successMessage(email: String?) -> String {
        switch self {
        case .register: "Account created\(email.map { " for \($0)" } ?? "")."
        case .logIn, .reenterPassword: "Logged in\(email.map { " as \($0)" } ?? "")."
        case .changePassword: "Password changed; every other device will ask for the new one."
        case .server, .addPreference, .renameDevice: "Done."
        }
    }
}
