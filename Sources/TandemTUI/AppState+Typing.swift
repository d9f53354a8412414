import Foundation
import TandemCore

extension AppState {
    /// A printable character in a text context.
    mutating func type(_ character: Character, in context: Context) {
        switch (context, mode) {
        case (.filter, .filtering(var field)):
            field.insert(character)
            mode = .filtering(field)
            devices[active].setFilter(field.text)
            keepSelectionsVisible()
        case (.editing, .editing(var edit)):
            edit.field.insert(character)
            mode = .editing(edit)
        case (.dialog, .dialog(var dialog)) where !dialog.busy:
            dialog.fields[dialog.focused].input.insert(character)
            dialog.error = nil
            mode = .dialog(dialog)
        default:
            break
        }
    }

    /// Pasted text in a text context, inserted in one piece. One-line fields (the filter, dialogs) take it as one
    /// line; a value keeps its line breaks (values may have several lines).
    mutating func paste(_ pasted: String, in context: Context) {
        let normalized = pasted.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        let oneLine = normalized.split(separator: "\n", omittingEmptySubsequences: true).joined(separator: " ")
        switch (context, mode) {
        case (.filter, .filtering(var field)):
            field.insert(oneLine)
            mode = .filtering(field)
            devices[active].setFilter(field.text)
            keepSelectionsVisible()
        case (.editing, .editing(var edit)):
            edit.field.insert(normalized.hasSuffix("\n") ? String(normalized.dropLast()) : normalized)
            mode = .editing(edit)
        case (.dialog, .dialog(var dialog)) where !dialog.busy:
            dialog.fields[dialog.focused].input.insert(oneLine)
            dialog.error = nil
            mode = .dialog(dialog)
        default:
            break
        }
    }

    // MARK: Filter

    mutating func filterCommand(_ command: CommandID) -> [Effect] {
        guard case .filtering(var field) = mode else { return [] }
        switch command {
        case .submit:
            mode = .browsing
        case .cancel:
            devices[active].setFilter("")
            mode = .browsing
        default:
            if field.apply(command) {
                mode = .filtering(field)
                devices[active].setFilter(field.text)
            }
        }
        keepSelectionsVisible()
        return []
    }

    // MARK: Editing in place

    mutating func editCommand(_ command: CommandID) -> [Effect] {
        guard case .editing(var edit) = mode else { return [] }
        switch command {
        case .submit:
            mode = .browsing
            switch edit.target {
            case .value(let key):
                let value = ExactText(edit.field.text)
                explainEditDuringMerge(of: key, value: value, device: edit.device)
                return [.setPreference(key: key, value: value, device: edit.device)]
            case .conflict(let key):
                let resolution = Resolution.use(ExactText(edit.field.text))
                devices[edit.device].choose(resolution, for: key)
                if edit.device == active { advanceToUndecided() }
                return [.resolve(key: key, resolution: resolution, device: edit.device)]
            }
        case .cancel:
            mode = .browsing
        default:
            if edit.field.apply(command) { mode = .editing(edit) }
        }
        return []
    }

    // MARK: Dialogs

    mutating func dialogCommand(_ command: CommandID) -> [Effect] {
        guard case .dialog(var dialog) = mode else { return [] }
        switch command {
        case .cancel, .hideDialog:
            mode = .browsing
            if dialog.busy { show("Still working on it in the background (it cannot be stopped); the outcome will show in the activity log.") }
            return []
        case _ where dialog.busy:
            return []
        case .nextField:
            dialog.focused = (dialog.focused + 1) % dialog.fields.count
        case .previousField:
            dialog.focused = (dialog.focused + dialog.fields.count - 1) % dialog.fields.count
        case .submit:
            if dialog.focused < dialog.fields.count - 1 {
                dialog.focused += 1
            } else {
                return submit(dialog)
            }
        default:
            if dialog.fields[dialog.focused].input.apply(command) { dialog.error = nil }
        }
        mode = .dialog(dialog)
        return []
    }

    /// Checks the fields and starts the dialog's intent; problems the UI can see itself never reach the engine.
    private mutating func submit(_ original: Dialog) -> [Effect] {
        var dialog = original
        let device = dialog.device
        func refuse(_ reason: String, focus field: Int) -> [Effect] {
            dialog.error = reason
            dialog.clearSecrets()
            dialog.focused = field
            mode = .dialog(dialog)
            return []
        }
        func start(_ effect: Effect) -> [Effect] {
            dialog.busy = true
            dialog.error = nil
            dialog.clearSecrets()
            mode = .dialog(dialog)
            return [effect]
        }
        let email = dialog.fields.first?.input.text.trimmingCharacters(in: .whitespaces) ?? ""
        if dialog.kind == .register || dialog.kind == .logIn, !email.isEmpty { devices[device].typedEmail = email }
        switch dialog.kind {
        case .server:
            let url = dialog.value(0).trimmingCharacters(in: .whitespaces)
            if let joined = acceptJoinLink(url, in: dialog) { return joined }
            if let problem = ServerURL.problem(url) {
                dialog.error = problem
                mode = .dialog(dialog)
                return []
            }
            let snapshot = devices[device].snapshot
            // A signed-in device changes server only by an explicit move that says what it does (it signs out).
            if devices[device].isSignedIn, let current = snapshot.server, current != url, let email = snapshot.email {
                mode = .confirming(.changeServer(server: url, from: current, email: email, device: device))
                return []
            }
            devices[device].serverChoice = url
            mode = .browsing
            show("Server set to \(url): press n to create an account or i to log in.")
            return []
        case .register:
            guard !email.isEmpty else { return refuse("Enter the email address.", focus: 0) }
            guard !dialog.value(1).isEmpty else { return refuse("Enter a password.", focus: 1) }
            guard dialog.value(1) == dialog.value(2) else { return refuse("The passwords do not match; type them again.", focus: 1) }
            return start(.register(server: server(for: device), email: email, password: dialog.value(1), device: device))
        case .logIn:
            if let joined = acceptJoinLink(email, in: dialog) { return joined }
            guard !email.isEmpty else { return refuse("Enter the email address.", focus: 0) }
            guard !dialog.value(1).isEmpty else { return refuse("Enter the password.", focus: 1) }
            return start(.logIn(server: server(for: device), email: email, password: dialog.value(1), device: device))
        case .reenterPassword:
            guard !dialog.value(0).isEmpty else { return refuse("Enter the new password.", focus: 0) }
            return start(.adoptNewPassword(password: dialog.value(0), device: device))
        case .changePassword:
            guard !dialog.value(0).isEmpty else { return refuse("Enter the current password.", focus: 0) }
            guard !dialog.value(1).isEmpty else { return refuse("Enter a new password.", focus: 1) }
            guard dialog.value(1) == dialog.value(2) else { return refuse("The new passwords do not match; type them again.", focus: 1) }
            guard dialog.value(0) != dialog.value(1) else { return refuse("The new password must differ from the current one.", focus: 1) }
            return start(.changePassword(old: dialog.value(0), new: dialog.value(1), device: device))
        case .renameDevice(let id):
            let name = dialog.value(0).trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { return refuse("Enter a name.", focus: 0) }
            mode = .devices(DevicesView(device: device))
            return [.renameDevice(id: id, name: name, device: device)]
        case .addPreference:
            let key = ExactText(dialog.value(0))
            guard !key.isEmpty else {
                dialog.error = "Enter a key."
                dialog.focused = 0
                mode = .dialog(dialog)
                return []
            }
            devices[device].keyToSelect = key
            let value = ExactText(dialog.value(1))
            // An existing key is not replaced quietly: `a` is for new keys, so this asks (and the log says it).
            if let old = devices[device].snapshot.preferences[key] {
                guard old != value else {
                    mode = .browsing
                    show("'\(key)' already has that value; nothing changed.")
                    return []
                }
                mode = .confirming(.overwrite(key: key, value: value, old: old, device: device))
                return []
            }
            mode = .browsing
            explainEditDuringMerge(of: key, value: value, device: device)
            return [.setPreference(key: key, value: value, device: device)]
        }
    }

    // MARK: Questions and help

    mutating func answer(_ command: CommandID) -> [Effect] {
        guard case .confirming(let question) = mode else { return [] }
        mode = .browsing
        guard command == .confirmYes else { return [] }
        switch question {
        case let .delete(key, device):
            explainEditDuringMerge(of: key, value: nil, device: device)
            return [.removePreference(key: key, device: device)]
        case let .overwrite(key, value, old, device):
            devices[device].note("Replaced the value of '\(key)' (was '\(old)') with '\(value)'.", at: now)
            explainEditDuringMerge(of: key, value: value, device: device)
            return [.setPreference(key: key, value: value, device: device)]
        case let .logOut(_, device): return [.logOut(device: device)]
        case let .changeServer(server, _, _, device):
            devices[device].serverChoice = server
            return [.changeServer(server: server, device: device)]
        case .quit: return [.quit]
        case let .revokeDevice(id, _, _, device):
            mode = .devices(DevicesView(device: device))
            return [.revokeDevice(id: id, device: device)]
        }
    }

    mutating func helpCommand(_ command: CommandID) -> [Effect] {
        guard case .help(let scroll) = mode else { return [] }
        let last = max(0, HelpContent.lines(deviceCount: devices.count, relevant: isRelevant).count - 1)
        let page = max(1, size.height - 6)
        switch command {
        case .moveDown: mode = .help(scroll: min(last, scroll + 1))
        case .moveUp: mode = .help(scroll: max(0, scroll - 1))
        case .pageDown: mode = .help(scroll: min(last, scroll + page))
        case .pageUp: mode = .help(scroll: max(0, scroll - page))
        case .closeHelp: mode = .browsing
        default: break
        }
        return []
    }
}
