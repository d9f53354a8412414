import TandemCore

extension Renderer {
    /// Base, local and remote of every conflicting key side by side (stacked when narrow), with the choice so far.
    mutating func drawConflicts(in rect: Rect) {
        let device = state.activeDevice
        let undecided = device.unresolvedCount
        let owner = state.devices.count > 1 ? "\(device.name) · " : ""
        let status = undecided == 0 ? "all decided: Enter applies" : "\(undecided) of \(device.conflictRows.count) undecided"
        drawBox(rect, title: "\(owner)Conflicts · \(status)", focused: true)
        var inner = rect.inner
        guard inner.width > 10, inner.height > 2 else { return }
        if inner.height >= 8 {
            let intro = inner.takeTop(1)
            screen.write(DisplayWidth.truncate("Both sides changed these keys; nothing is pushed until each one has a choice.",
                                               to: intro.width), x: intro.x, y: intro.y, role: .textDim)
        }
        if device.conflictRows.isEmpty {
            screen.write("No conflicts left.", x: inner.x, y: inner.y + 1, role: .statusOK)
            return
        }
        if inner.width >= Layout.conflictTableWidth - 2 { drawConflictTable(device, in: inner) } else { drawConflictStack(device, in: inner) }
        drawScrollCue(device.conflictList, rows: layout.conflictRows, top: rect.y, bottom: rect.maxY - 1, right: rect.maxX - 2)
    }

    private mutating func drawConflictTable(_ device: DevicePanel, in area: Rect) {
        var inner = area
        let choiceWidth = 14
        let keyWidth = max(6, min(device.conflictRows.map { DisplayWidth.of($0.key.string) }.max() ?? 6, (inner.width - 2) / 4))
        let sideWidth = max(4, (inner.width - 2 - keyWidth - choiceWidth - 4) / 3)
        let columns = (key: inner.x + 2, base: inner.x + 3 + keyWidth, local: inner.x + 4 + keyWidth + sideWidth,
                       remote: inner.x + 5 + keyWidth + 2 * sideWidth, choice: inner.x + 6 + keyWidth + 3 * sideWidth)
        let header = inner.takeTop(1)
        screen.fill(header, role: .listHeader)
        screen.write("Key".padded(to: keyWidth), x: columns.key, y: header.y, role: .listHeader)
        screen.write("Base".padded(to: sideWidth), x: columns.base, y: header.y, role: .listHeader)
        screen.write("Local (here)".padded(to: sideWidth), x: columns.local, y: header.y, role: .listHeader)
        screen.write("Remote (server)".padded(to: sideWidth), x: columns.remote, y: header.y, role: .listHeader)
        screen.write("Choice", x: columns.choice, y: header.y, role: .listHeader, width: inner.maxX - columns.choice)
        let top = visibleTop(device, rows: inner.height)
        for line in 0..<min(inner.height, device.conflictRows.count - top) {
            let index = top + line
            let row = device.conflictRows[index]
            let y = inner.y + line
            let selected = index == device.conflictSelection
            if selected {
                screen.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), role: .listSelectedUnfocused)
                screen.write(glyphs.selection, x: inner.x, y: y, role: .listSelected)
            }
            screen.write(row.choice == nil ? Marker.conflicted.symbol : glyphs.success, x: inner.x + 1, y: y,
                         role: row.choice == nil ? .markerConflicted : .statusOK)
            screen.write(DisplayWidth.truncate(row.key.string, to: keyWidth), x: columns.key, y: y, role: selected ? .listSelected : .key, width: keyWidth)
            let sides = Self.showingDifference(sideTexts(row), of: row, width: sideWidth)
            screen.write(sides.base.0.padded(to: sideWidth), x: columns.base, y: y, role: sides.base.1)
            screen.write(sides.local.0.padded(to: sideWidth), x: columns.local, y: y, role: sides.local.1)
            screen.write(sides.remote.0.padded(to: sideWidth), x: columns.remote, y: y, role: sides.remote.1)
            drawChoice(row, x: columns.choice, y: y, width: inner.maxX - columns.choice)
        }
    }

    private mutating func drawConflictStack(_ device: DevicePanel, in inner: Rect) {
        let perRow = 4
        let top = visibleTop(device, rows: max(1, inner.height / perRow))
        var y = inner.y
        var index = top
        while index < device.conflictRows.count, y + perRow <= inner.maxY {
            let row = device.conflictRows[index]
            let selected = index == device.conflictSelection
            if selected { screen.write(glyphs.selection, x: inner.x, y: y, role: .listSelected) }
            screen.write(row.choice == nil ? Marker.conflicted.symbol : glyphs.success, x: inner.x + 1, y: y,
                         role: row.choice == nil ? .markerConflicted : .statusOK)
            let keyWidth = screen.write(DisplayWidth.truncate(row.key.string, to: inner.width / 2), x: inner.x + 2, y: y,
                                        role: selected ? .listSelected : .key)
            drawChoice(row, x: inner.x + 3 + keyWidth, y: y, width: inner.maxX - inner.x - 3 - keyWidth)
            let sides = Self.showingDifference(sideTexts(row), of: row, width: inner.width - 11)
            for (offset, side) in [("base", sides.base), ("local", sides.local), ("remote", sides.remote)].enumerated() {
                screen.write(side.0, x: inner.x + 4, y: y + 1 + offset, role: .label, width: 7)
                screen.write(DisplayWidth.truncate(side.1.0, to: inner.width - 11), x: inner.x + 11, y: y + 1 + offset, role: side.1.1)
            }
            y += perRow
            index += 1
        }
    }

    /// The first row shown so the selection is visible.
    private func visibleTop(_ device: DevicePanel, rows: Int) -> Int {
        device.conflictList.visible(rows: rows).lowerBound
    }

    /// The three sides as text with roles; the chosen side is highlighted (and named in the choice column).
    private func sideTexts(_ row: ConflictRow) -> (base: (String, Role), local: (String, Role), remote: (String, Role)) {
        let conflict = row.conflict
        let base = Words.side(conflict.base, isBase: true)
        let local = Words.side(conflict.local)
        let remote = Words.side(conflict.remote)
        let chosenLocal = row.choice == .keepLocal, chosenRemote = row.choice == .takeRemote
        return ((base.0, base.1 ?? .conflictBase),
                (local.0, chosenLocal ? .conflictChosen : local.1 ?? .conflictLocal),
                (remote.0, chosenRemote ? .conflictChosen : remote.1 ?? .conflictRemote))
    }

    private mutating func drawChoice(_ row: ConflictRow, x: Int, y: Int, width: Int) {
        guard width > 0 else { return }
        if case .editing(let edit) = state.mode, case .conflict(let key) = edit.target, key == row.key, edit.device == state.active {
            let shown = edit.field.visible(width: width)
            screen.write(shown.text, x: x, y: y, role: .dialogFieldFocused, padTo: width)
            screen.cursor = Point(x: x + shown.cursorColumn, y: y)
            return
        }
        let (text, role): (String, Role) = switch row.choice {
        case nil: ("choose l/r/e", .conflictUnresolved)
        case .keepLocal: ("keep local", .conflictLocal)
        case .takeRemote: ("take remote", .conflictRemote)
        case .use(let value): ("new: \(value)", .conflictNew)
        // Edited in the preferences while the merge waited: that edit is the choice.
        case .edited(let value?): ("edited: \(value)", .conflictNew)
        case .edited(nil): ("deleted here", .conflictNew)
        }
        screen.write(DisplayWidth.truncate(text, to: width), x: x, y: y, role: role, width: width)
    }
}
