import Foundation
import TandemCore

extension AppState {
    /// Commands in the panes (context `.main`).
    mutating func browse(_ command: CommandID) -> [Effect] {
        let device = active
        let layout = Layout(state: self, size: size)
        let page = max(1, layout.preferenceRows(for: device, filterLine: !activeDevice.filter.isEmpty))
        switch command {
        case .moveDown, .moveUp, .pageDown, .pageUp, .moveTop, .moveBottom:
            if focus == .activity {
                scrollActivity(command, page: max(1, layout.activityLines(for: device)))
            } else {
                moveSelection(command, page: page)
            }
        case .nextPane, .previousPane:
            focus = focus == .preferences ? .activity : .preferences
        case .switchDevice:
            active = (active + 1) % devices.count
        case .edit:
            guard let key = activeDevice.selectedKey else { break }
            let value = activeDevice.value(atRow: activeDevice.selection)?.string ?? ""
            focus = .preferences
            // A value of several lines cannot be edited in one row: the full-width editor shows its line breaks.
            if value.contains(where: \.isNewline) {
                openDetail(editing: true)
                break
            }
            mode = .editing(Edit(target: .value(key: key), device: device, field: TextField(value)))
        case .add:
            mode = .dialog(.addPreference(device: device))
        case .delete:
            guard let key = activeDevice.selectedKey else { break }
            guard activeDevice.value(atRow: activeDevice.selection) != nil else {
                show("'\(key)' is already deleted here; s syncs the deletion.")
                break
            }
            mode = .confirming(.delete(key: key, device: device))
        case .filter:
            focus = .preferences
            mode = .filtering(TextField(activeDevice.filter))
        case .clearFilter:
            guard !activeDevice.filter.isEmpty else { break }
            devices[device].setFilter("")
            show("Filter cleared: every preference shows.")
        case .sync:
            return sync(device)
        case .toggleAutoSync:
            let on = !activeDevice.snapshot.autoSync
            show(on ? "Auto-sync on: edits are pushed about a second after the last one."
                : "Auto-sync off: edits stay here until you press s.")
            return [.setAutoSync(on: on, device: device)]
        case .showConflicts:
            if activeDevice.hasPendingMerge { activeDevice.conflictsOpen = true } else { show("No conflicts.") }
        case .setServer:
            let current = activeDevice.serverChoice ?? activeDevice.snapshot.server ?? defaultServer
            mode = .dialog(.server(device: device, current: current))
        case .register:
            mode = .dialog(.register(device: device, server: server(for: device), email: activeDevice.typedEmail))
        case .logIn:
            if activeDevice.snapshot.phase == .needsPassword, let email = activeDevice.snapshot.email {
                mode = .dialog(.reenterPassword(device: device, email: email))
            } else {
                mode = .dialog(.logIn(device: device, server: server(for: device), email: activeDevice.snapshot.email ?? activeDevice.typedEmail))
            }
        case .changePassword:
            guard activeDevice.isSignedIn else {
                show("Not signed in: press n to create an account or i to log in.", .warning)
                break
            }
            mode = .dialog(.changePassword(device: device))
        case .logOut:
            guard refuseLogOutWhileMerging() == false else { break }
            guard activeDevice.isSignedIn, let email = activeDevice.snapshot.email else {
                show("Not signed in: press n to create an account or i to log in.", .warning)
                break
            }
            mode = .confirming(.logOut(email: email, device: device))
        case .undo, .redo, .showHistory:
            return journalCommand(command)
        default:
            return common(command)
        }
        keepSelectionsVisible()
        return []
    }

    /// Commands that mean the same in the panes and the conflicts view.
    mutating func common(_ command: CommandID) -> [Effect] {
        switch command {
        case .switchDevice:
            active = (active + 1) % devices.count
        case .cycleTheme:
            themeIndex = (themeIndex + 1) % themeNames.count
            show("Theme: \(themeName).")
        case .help:
            mode = .help(scroll: 0)
        case .view:
            openDetail()
        case .copyValue, .copyKey:
            return copy(command)
        case .toggleMouse:
            return toggleMouse()
        case .quit:
            let waiting = pendingConflictCount
            if waiting > 0 {
                mode = .confirming(.quit(conflicts: waiting))
            } else {
                return [.quit]
            }
        default:
            break
        }
        return []
    }

    /// The server for register and log in: chosen in the dialog, else the device's, else the default.
    func server(for device: Int) -> String {
        devices[device].serverChoice ?? devices[device].snapshot.server ?? defaultServer
    }

    mutating func sync(_ device: Int) -> [Effect] {
        let panel = devices[device]
        switch panel.snapshot.phase {
        case .signedOut:
            show("Not signed in: press n to create an account or i to log in.", .warning)
            return []
        case .needsPassword:
            if let email = panel.snapshot.email { mode = .dialog(.reenterPassword(device: device, email: email)) }
            return []
        case .awaitingResolution:
            devices[device].conflictsOpen = true
            if devices[device].unresolvedCount == 0 {
                show("Every conflicting key has a choice: Enter applies them and pushes.")
            } else {
                show("Decide the conflicts first; nothing is pushed until every key has a choice.", .warning)
            }
            return []
        default:
            return [.sync(device: device)]
        }
    }

    /// Logging out forgets the merge base a pending merge is computed against, so the merge is decided first.
    /// (Edits are fine: the engine keeps them and applies them on top of the merge's result.)
    private mutating func refuseLogOutWhileMerging() -> Bool {
        guard activeDevice.hasPendingMerge else { return false }
        show("Decide the pending conflicts first (c shows them).", .warning)
        return true
    }

    private mutating func moveSelection(_ command: CommandID, page: Int) {
        devices[active].preferenceList.move(command, rows: page)
    }

    private mutating func scrollActivity(_ command: CommandID, page: Int) {
        let limit = max(0, activeDevice.activity.count - 1)
        var offset = activeDevice.activityOffset
        switch command {
        case .moveUp: offset += 1
        case .moveDown: offset -= 1
        case .pageUp: offset += page
        case .pageDown: offset -= page
        case .moveTop: offset = limit
        case .moveBottom: offset = 0
        default: break
        }
        devices[active].activityOffset = max(0, min(offset, limit))
    }
}
