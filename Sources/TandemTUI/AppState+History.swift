import TandemCore

extension AppState {
    /// `u`, Ctrl-R and `h` in the panes.
    mutating func journalCommand(_ command: CommandID) -> [Effect] {
        switch command {
        case .undo:
            return [.undo(device: active)]
        case .redo:
            return [.redo(device: active)]
        case .showHistory:
            guard let key = activeDevice.selectedKey else { return [] }
            mode = .history(HistoryView(key: key, device: active))
            return [.loadHistory(key: key, device: active)]
        default:
            return []
        }
    }

    /// The journal of the key the history view waits for has been read (oldest first).
    mutating func receiveHistory(_ entries: [JournalEntry], key: ExactText, device: Int) {
        guard case .history(var view) = mode, view.key == key, view.device == device else { return }
        view.entries = entries.reversed()
        view.list = ScrollingList(count: entries.count)
        mode = .history(view)
    }

    /// Keys in the history view: move, restore, close.
    mutating func historyCommand(_ command: CommandID) -> [Effect] {
        guard case .history(var view) = mode else { return [] }
        switch command {
        case .closeHistory:
            mode = .browsing
        case .restoreValue:
            guard let entry = view.selected else { return [] }
            mode = .browsing
            let name = devices.count > 1 ? "\(devices[view.device].name): " : ""
            let current = devices[view.device].snapshot.preferences[view.key]
            guard current != entry.new else {
                show("\(name)'\(view.key)' already has that value.")
                return []
            }
            explainEditDuringMerge(of: view.key, value: entry.new, device: view.device)
            if let value = entry.new {
                show("\(name)Restored '\(view.key)' to '\(value)' as a new edit (u takes it back).")
                return [.setPreference(key: view.key, value: value, device: view.device)]
            }
            show("\(name)Deleted '\(view.key)' again, as it was then (u takes it back).")
            return [.removePreference(key: view.key, device: view.device)]
        default:
            if view.list.move(command, rows: max(1, Layout(state: self, size: size).body.height - 4)) { mode = .history(view) }
        }
        return []
    }
}
