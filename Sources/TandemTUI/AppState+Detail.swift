import TandemCore

extension AppState {
    // MARK: Opening

    /// Opens the detail view of the selected preference (panes) or conflicting key (conflicts view).
    mutating func openDetail(editing: Bool = false) {
        let device = activeDevice
        let subject: Detail.Subject
        if device.conflictsOpen {
            guard device.conflictRows.indices.contains(device.conflictSelection) else { return show("No conflict selected.") }
            subject = .conflict(key: device.conflictRows[device.conflictSelection].key)
        } else {
            guard let key = device.selectedKey else { return show("No preference selected: press a to add one.") }
            focus = .preferences
            subject = .preference(key: key)
        }
        var detail = Detail(subject: subject, device: active)
        if editing {
            detail.editor = TextField(editorStart(for: subject, device: device))
            detail.openedForEditing = true
        }
        mode = .detail(detail)
        refreshDetailLines()
    }

    /// What the editor starts with: the value, or for a conflict this device's side (else the other one).
    private func editorStart(for subject: Detail.Subject, device: DevicePanel) -> String {
        switch subject {
        case .preference(let key): return device.snapshot.preferences[key]?.string ?? ""
        case .conflict(let key):
            let conflict = device.conflictRows.first { $0.key == key }?.conflict
            return (conflict?.local ?? conflict?.remote)?.string ?? ""
        }
    }

    /// Where the detail view's parts are at the current size.
    func detailGeometry(_ detail: Detail) -> DetailContent.Geometry {
        DetailContent.Geometry(body: Layout(state: self, size: size).body, detail: detail)
    }

    /// Recounts the detail's wrapped lines for the current size and text, keeping the scroll position inside them.
    mutating func refreshDetailLines() {
        guard case .detail(var detail) = mode, devices.indices.contains(detail.device) else { return }
        let geometry = detailGeometry(detail)
        let content = DetailContent(glyphs: asciiOnly ? .ascii : .unicode, width: geometry.text.width)
        detail.lines.resize(count: content.lines(detail, device: devices[detail.device]).count)
        detail.lines.reveal(rows: geometry.text.height)
        mode = .detail(detail)
    }

    // MARK: Reading

    /// Commands in the detail view (context `.detail`).
    mutating func detailCommand(_ command: CommandID) -> [Effect] {
        guard case .detail(var detail) = mode else { return [] }
        let rows = detailGeometry(detail).text.height
        switch command {
        case .moveDown, .moveUp, .pageDown, .pageUp, .moveTop, .moveBottom:
            detail.lines.move(command, rows: rows)
            mode = .detail(detail)
        case .closeDetail:
            mode = .browsing
            keepSelectionsVisible()
        case .editFull:
            detail.editor = TextField(editorStart(for: detail.subject, device: devices[detail.device]))
            mode = .detail(detail)
        case .keepLocal, .takeRemote:
            guard case .conflict(let key) = detail.subject, devices[detail.device].conflictRows.contains(where: { $0.key == key }) else {
                show("Not a conflict: l and r choose a side of a conflicting key.")
                break
            }
            let resolution: Resolution = command == .keepLocal ? .keepLocal : .takeRemote
            devices[detail.device].choose(resolution, for: key)
            mode = .browsing
            if detail.device == active { advanceToUndecided() }
            keepSelectionsVisible()
            show("'\(key)': \(command == .keepLocal ? "keeping this device's value" : "taking the other device's value").")
            return [.resolve(key: key, resolution: resolution, device: detail.device)]
        case .copyValue, .copyKey:
            return copy(command)
        case .toggleMouse:
            return toggleMouse()
        default:
            break
        }
        return []
    }

    // MARK: The editor

    /// Commands in the full-width editor (context `.editor`).
    mutating func editorCommand(_ command: CommandID) -> [Effect] {
        guard case .detail(var detail) = mode, var field = detail.editor else { return [] }
        switch command {
        case .submit:
            return saveEditor(detail, text: field.text)
        case .cancel:
            if detail.openedForEditing {
                mode = .browsing
            } else {
                detail.editor = nil
                mode = .detail(detail)
                refreshDetailLines()
            }
        case .newLine:
            field.insert("\n")
            detail.editor = field
            mode = .detail(detail)
        default:
            if field.apply(command) {
                detail.editor = field
                mode = .detail(detail)
            }
        }
        return []
    }

    /// Types into the editor; true when the key was text for it.
    mutating func typeInEditor(_ key: Key) -> Bool {
        guard case .detail(var detail) = mode, var field = detail.editor else { return false }
        switch key {
        case .character(let character): field.insert(character)
        case .paste(let text): for character in text { field.insert(character) }
        default: return false
        }
        detail.editor = field
        mode = .detail(detail)
        return true
    }

    private mutating func saveEditor(_ detail: Detail, text: String) -> [Effect] {
        let value = ExactText(text)
        mode = .browsing
        switch detail.subject {
        case .preference(let key):
            explainEditDuringMerge(of: key, value: value, device: detail.device)
            return [.setPreference(key: key, value: value, device: detail.device)]
        case .conflict(let key):
            let resolution = Resolution.use(value)
            devices[detail.device].choose(resolution, for: key)
            if detail.device == active { advanceToUndecided() }
            keepSelectionsVisible()
            return [.resolve(key: key, resolution: resolution, device: detail.device)]
        }
    }

    // MARK: Copy

    /// `y` copies the selected value, `Y` its key, through the terminal (OSC 52), so it also works over SSH and tmux.
    mutating func copy(_ command: CommandID) -> [Effect] {
        let device = activeDevice
        let key: ExactText
        var value: ExactText?
        var side = ""
        if case .detail(let detail) = mode, case .preference(let detailKey) = detail.subject {
            key = detailKey
            value = devices[detail.device].snapshot.preferences[detailKey]
        } else if case .detail(let detail) = mode, case .conflict(let detailKey) = detail.subject {
            key = detailKey
            let conflict = devices[detail.device].conflictRows.first { $0.key == detailKey }?.conflict
            (value, side) = Self.copiedSide(conflict)
        } else if device.conflictsOpen {
            guard device.conflictRows.indices.contains(device.conflictSelection) else { show("No conflict selected."); return [] }
            let row = device.conflictRows[device.conflictSelection]
            key = row.key
            (value, side) = Self.copiedSide(row.conflict)
        } else {
            guard let selected = device.selectedKey else { show("No preference selected."); return [] }
            key = selected
            value = device.value(atRow: device.selection)
        }
        if command == .copyKey {
            show("Copied the key '\(key)' (\(DetailContent.describe(key.string))) to the clipboard, through the terminal.")
            return [.copy(text: key.string)]
        }
        guard let value else {
            show("'\(key)' has no value here (deleted); Y copies the key.")
            return []
        }
        show("Copied \(side)the value of '\(key)' (\(DetailContent.describe(value.string))) to the clipboard, through the terminal.")
        return [.copy(text: value.string)]
    }

    /// A conflict's value to copy: this device's side, else the other's when it was deleted here.
    private static func copiedSide(_ conflict: Conflict?) -> (ExactText?, String) {
        guard let conflict else { return (nil, "") }
        if let local = conflict.local { return (local, "this device's ") }
        return (conflict.remote, "the other device's ")
    }

    // MARK: Mouse

    /// Turns mouse reporting on or off (off: the terminal's own text selection works).
    mutating func toggleMouse() -> [Effect] {
        mouse.toggle()
        show(mouse ? "Mouse on: click selects, the wheel scrolls (hold Shift to select text); M turns it off."
            : "Mouse off: the terminal selects text again; M turns it on.")
        return [.setMouse(on: mouse)]
    }
}
