import TandemCore

extension AppState {
    /// Commands in the conflicts view: choose per key or for all, then apply.
    mutating func decide(_ command: CommandID) -> [Effect] {
        let device = active
        let rows = activeDevice.conflictRows
        let selected = rows.indices.contains(activeDevice.conflictSelection) ? rows[activeDevice.conflictSelection] : nil
        switch command {
        case .moveDown, .moveUp, .pageDown, .pageUp, .moveTop, .moveBottom:
            let page = max(1, Layout(state: self, size: size).conflictRows)
            var selection = activeDevice.conflictSelection
            switch command {
            case .moveDown: selection += 1
            case .moveUp: selection -= 1
            case .pageDown: selection += page
            case .pageUp: selection -= page
            case .moveTop: selection = 0
            default: selection = rows.count - 1
            }
            devices[device].conflictSelection = max(0, min(selection, rows.count - 1))
        case .keepLocal, .takeRemote:
            guard let selected else { break }
            let resolution: Resolution = command == .keepLocal ? .keepLocal : .takeRemote
            devices[device].choose(resolution, for: selected.key)
            advanceToUndecided()
            keepSelectionsVisible()
            return [.resolve(key: selected.key, resolution: resolution, device: device)]
        case .typeNewValue:
            guard let selected else { break }
            let start = (selected.conflict.local ?? selected.conflict.remote)?.string ?? ""
            mode = .editing(Edit(target: .conflict(key: selected.key), device: device, field: TextField(start)))
        case .allLocal, .allRemote:
            let side: MergeResult.Side = command == .allLocal ? .local : .remote
            devices[device].chooseAll(side.resolution)
            return [.resolveAll(side: side, device: device)]
        case .applyResolutions:
            let undecided = activeDevice.unresolvedCount
            guard undecided == 0 else {
                show("\(undecided) key\(undecided == 1 ? " still needs" : "s still need") a choice (l, r or e) before anything is pushed.",
                     .warning)
                break
            }
            show("Applying the choices and pushing…")
            return [.applyResolutions(device: device)]
        case .closeConflicts:
            devices[device].conflictsOpen = false
            show("The merge stays pending: c shows it again; nothing is pushed until every key has a choice.")
        default:
            return common(command)
        }
        keepSelectionsVisible()
        return []
    }

    /// After a choice, moves to the next key still without one (if any), so l/r can be pressed in a row.
    mutating func advanceToUndecided() {
        let rows = activeDevice.conflictRows
        let current = activeDevice.conflictSelection
        let order = Array(rows.indices[min(current + 1, rows.count)...]) + Array(rows.indices[..<min(current + 1, rows.count)])
        if let next = order.first(where: { rows[$0].choice == nil }) { devices[active].conflictSelection = next }
    }

    /// An edit made while a merge waits is kept by the engine and applied on top of the merge's result; on a
    /// conflicting key it is that key's choice. Says so, since the list alone cannot show where the edit went.
    mutating func explainEditDuringMerge(of key: ExactText, value: ExactText?, device: Int) {
        guard devices[device].hasPendingMerge else { return }
        let name = devices.count > 1 ? "\(devices[device].name): " : ""
        // The engine ignores an edit that changes nothing; then it decides nothing either.
        guard devices[device].snapshot.preferences[key] != value else { return }
        if devices[device].conflictRows.contains(where: { $0.key == key }) {
            devices[device].choose(.edited(value), for: key)
            show("\(name)Saved as the choice for the conflict on '\(key)' (c shows it; l or r there still changes it).")
        } else {
            show("\(name)Saved; it applies on top of the merge once every conflict has a choice (c shows them).")
        }
    }
}
