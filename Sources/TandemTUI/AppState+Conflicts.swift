import TandemCore

extension AppState {
    /// Commands in the conflicts view: choose per key or for all, then apply.
    mutating func decide(_ command: CommandID) -> [Effect] {
        let device = active
        let rows = activeDevice.conflictRows
        let selected = rows.indices.contains(activeDevice.conflictSelection) ? rows[activeDevice.conflictSelection] : nil
        switch command {
        case .moveDown, .moveUp, .pageDown, .pageUp, .moveTop, .moveBottom:
            devices[device].conflictList.move(command, rows: max(1, Layout(state: self, size: size).conflictRows))
        case .keepLocal, .takeRemote:
            guard let selected else { break }
            let resolution: Resolution = command == .keepLocal ? .keepLocal : .takeRemote
            devices[device].choose(resolution, for: selected.key)
            advanceToUndecided()
            keepSelectionsVisible()
            return [.resolve(key: selected.key, resolution: resolution, device: device)]
        case .typeNewValue:
            // The full-width editor in the detail view: a new value is often long, and the sides stay in sight above it.
            guard selected != nil else { break }
            openDetail(editing: true)
        case .allLocal, .allRemote:
            let side: MergeResult.Side = command == .allLocal ? .local : .remote
            let words = side == .local ? "keeps this device's value" : "takes the other device's value"
            let undecided = activeDevice.unresolvedCount
            guard undecided == 0 else {
                devices[device].chooseAll(side.resolution)
                let plural = side == .local ? "keep this device's value" : "take the other device's value"
                show(undecided == 1 ? "The last key without a choice \(words); Enter applies."
                     : "The \(undecided) keys without a choice \(plural); Enter applies.")
                return [.resolveAll(side: side, device: device)]
            }
            // Every key already has a choice (L, then R): the new choice replaces them all, rather than nothing.
            let rows = activeDevice.conflictRows.filter { $0.choice != side.resolution }
            guard !rows.isEmpty else {
                show("Every key already \(words); Enter applies.")
                break
            }
            for row in rows { devices[device].choose(side.resolution, for: row.key) }
            show("Changed \(rows.count) choice\(rows.count == 1 ? "" : "s"): every key now \(words); Enter applies.")
            return rows.map { .resolve(key: $0.key, resolution: side.resolution, device: device) }
        case .applyResolutions:
            let undecided = activeDevice.unresolvedCount
            guard undecided == 0 else {
                // Nothing to apply yet: Enter shows the selected key in full instead, where it can be decided.
                show("\(undecided) key\(undecided == 1 ? " still needs" : "s still need") a choice (l, r or e) before anything is pushed.",
                     .warning)
                openDetail()
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
