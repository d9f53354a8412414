import Foundation
import TandemCore

extension Renderer {
    // MARK: Preferences

    mutating func drawPreferences(device index: Int, in rect: Rect, focused: Bool) {
        let device = state.devices[index]
        let filtering: TextField? = if case .filtering(let field) = state.mode, index == state.active { field } else { nil }
        let count = device.keys.count
        var title = device.filter.isEmpty ? "Preferences (\(count))" : "Preferences \(device.rowCount) of \(count)"
        if state.devices.count > 1 { title = "\(device.name) · " + title }
        drawBox(rect, title: title, focused: focused)
        var inner = rect.inner
        guard inner.width > 4, inner.height > 0 else { return }
        if !device.filter.isEmpty || filtering != nil {
            let line = inner.takeBottom(1)
            let width = screen.write("/", x: line.x, y: line.y, role: .filter)
            let shown = (filtering ?? TextField(device.filter)).visible(width: line.width - width - 1)
            screen.write(shown.text, x: line.x + width, y: line.y, role: .filter, padTo: line.width - width)
            if filtering != nil { screen.cursor = Point(x: line.x + width + shown.cursorColumn, y: line.y) }
        }
        let keyWidth = max(6, min(device.widestKey, inner.width * 2 / 5))
        if rect.height >= 8 {
            let header = inner.takeTop(1)
            screen.write("  " + "Key".padded(to: keyWidth) + " Value", x: header.x, y: header.y, role: .listHeader, padTo: header.width)
        }
        guard device.rowCount > 0 else {
            let empty = device.filter.isEmpty ? "No preferences yet. Press a to add one."
                : "Nothing matches '\(device.filter)'. Esc clears the filter."
            for (offset, line) in DisplayWidth.wrap(empty, width: inner.width - 2).prefix(inner.height).enumerated() {
                screen.write(line, x: inner.x + 1, y: inner.y + offset, role: .textDim)
            }
            return
        }
        // Clamp here too: the state's scroll position was computed for the size it last saw.
        let list = device.preferenceList
        let top = list.visible(rows: inner.height).lowerBound
        if rect.width >= 30 { drawScrollCue(list, rows: inner.height, top: rect.y, bottom: rect.maxY - 1, right: rect.maxX - 2) }
        let editing: Edit? = if case .editing(let edit) = state.mode, edit.device == index, case .value = edit.target { edit } else { nil }
        for line in 0..<min(inner.height, device.rowCount - top) {
            let row = top + line
            let y = inner.y + line
            let key = device.key(atRow: row)
            let value = device.value(atRow: row)
            let selected = row == device.selection
            let base: Role = selected ? (focused ? .listSelected : .listSelectedUnfocused) : .text
            screen.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), role: base)
            if selected { screen.write(glyphs.selection, x: inner.x, y: y, role: base) }
            if let marker = device.markers[key] { screen.write(marker.symbol, x: inner.x + 1, y: y, role: marker.role) }
            screen.write(DisplayWidth.truncate(key.string, to: keyWidth), x: inner.x + 2, y: y, role: selected ? base : .key, width: keyWidth)
            let valueX = inner.x + 3 + keyWidth
            let valueWidth = inner.maxX - valueX
            guard valueWidth > 0 else { continue }
            if let editing, selected {
                let shown = editing.field.visible(width: valueWidth)
                screen.write(shown.text, x: valueX, y: y, role: .dialogFieldFocused, padTo: valueWidth)
                screen.cursor = Point(x: valueX + shown.cursorColumn, y: y)
            } else if let value {
                screen.write(DisplayWidth.truncate(value.string, to: valueWidth), x: valueX, y: y, role: selected ? base : .value, width: valueWidth)
            } else {
                screen.write(DisplayWidth.truncate("(deleted here, not synced yet)", to: valueWidth), x: valueX, y: y,
                             role: selected ? base : .markerDeleted, width: valueWidth)
            }
        }
    }

    // MARK: Sync

    mutating func drawSync(device index: Int, in rect: Rect, includeConnection: Bool) {
        let device = state.devices[index]
        let snapshot = device.snapshot
        drawBox(rect, title: "Sync", focused: false)
        let inner = rect.inner
        guard inner.width > 4, inner.height > 0 else { return }
        if inner.height <= 3 {
            // Compact: what matters most in two or three lines.
            var (stateText, stateRole) = Words.phase(device)
            if includeConnection, ServerLink(snapshot).isUnreachable, stateText != "offline" {
                stateText += " · offline"
                stateRole = .statusOffline
            }
            var lines: [(String, (String, Role))] = [("State", (stateText, stateRole))]
            if let derivation = snapshot.derivation, let fraction = derivation.fraction {
                lines.append(("Keys", ("\(Int(fraction * 100))% derived", .statusBusy)))
            }
            lines.append(("Synced", Words.sequences(snapshot)))
            if includeConnection { lines.append(("Notices", ServerLink(snapshot).notices(snapshot, now: state.now))) }
            for (offset, line) in lines.prefix(inner.height).enumerated() {
                drawField(line.0, line.1, x: inner.x, y: inner.y + offset, width: inner.width, labelWidth: 8)
            }
            return
        }
        var lines: [(String, (String, Role))] = [("State", Words.phase(device))]
        if let derivation = snapshot.derivation {
            lines.append(("Keys", (derivation.fraction.map { "\(Int($0 * 100))%" } ?? "working…", .statusBusy)))
        }
        lines.append(("Account", (snapshot.email ?? "not signed in", snapshot.email == nil ? .statusWarning : .text)))
        lines.append(("Synced", Words.sequences(snapshot)))
        lines.append(("Local", Words.localChanges(snapshot)))
        if snapshot.email != nil { lines.append(("Auto-sync", Words.autoSync(snapshot))) }
        lines.append(("Last sync", (snapshot.lastSync.map { Words.moment($0, now: state.now, state.timeZone) } ?? "never", .text)))
        if includeConnection {
            let link = ServerLink(snapshot)
            lines.append(("Notices", link.notices(snapshot, now: state.now)))
            lines.append(("Request", link.request))
        }
        // Last: the line least often needed goes first when the pane is short.
        lines.append(("Device", ("\(Words.shortID(snapshot.deviceID)) (\(device.name))", .textDim)))
        for (offset, line) in lines.prefix(inner.height).enumerated() {
            let y = inner.y + offset
            drawField(line.0, line.1, x: inner.x, y: y, width: inner.width)
            if line.0 == "Keys", let fraction = snapshot.derivation?.fraction {
                let barX = inner.x + 10 + 5
                drawProgress(fraction, x: barX, y: y, width: min(20, inner.maxX - barX))
            }
        }
    }

    // MARK: Connection

    mutating func drawConnection(device index: Int, in rect: Rect) {
        let snapshot = state.devices[index].snapshot
        drawBox(rect, title: "Connection", focused: false)
        let inner = rect.inner
        guard inner.width > 4 else { return }
        let notice = snapshot.lastNotice.map { ("sequence \($0.sequence) at \(Words.clock($0.at, state.timeZone))", Role.text) }
        let lines: [(String, (String, Role))] = [
            ("Server", (snapshot.server ?? state.devices[index].serverChoice ?? "none yet", .text)),
            ("Request", ServerLink(snapshot).request),
            ("Notices", ServerLink(snapshot).notices(snapshot, now: state.now)),
            ("Last note", notice ?? ("none yet", .textDim)),
        ]
        for (offset, line) in lines.prefix(inner.height).enumerated() {
            drawField(line.0, line.1, x: inner.x, y: inner.y + offset, width: inner.width)
        }
    }

    // MARK: Activity

    mutating func drawActivity(device index: Int, in rect: Rect, focused: Bool) {
        let device = state.devices[index]
        let offset = min(device.activityOffset, max(0, device.activity.count - 1))
        drawBox(rect, title: offset > 0 ? "Activity \(glyphs.arrowUp)\(offset)" : "Activity", focused: focused)
        let inner = rect.inner
        guard inner.width > 12, inner.height > 0 else { return }
        // Newest at the bottom: wrap entries from the newest (less `offset`) backwards until the pane is full; the
        // oldest one shown may be cut from its top, as in any scrolling log.
        var lines: [(text: String, role: Role, time: String?)] = []
        var index = device.activity.count - 1 - offset
        while index >= 0, lines.count < inner.height {
            let entry = device.activity[index]
            let time = Words.clock(entry.date, state.timeZone)
            let (prefix, role): (String, Role) = switch entry.level {
            case .info: ("", .activityInfo)
            case .warning: ("warning: ", .activityWarning)
            case .error: ("error: ", .activityError)
            }
            let wrapped = DisplayWidth.wrap(prefix + ErrorWords.plain(entry.message), width: inner.width - 9)
            lines.insert(contentsOf: wrapped.enumerated().map { ($0.element, role, $0.offset == 0 ? time : nil) }, at: 0)
            index -= 1
        }
        if device.activity.isEmpty {
            screen.write("Nothing yet.", x: inner.x, y: inner.y, role: .textDim)
            return
        }
        for (number, line) in lines.suffix(inner.height).enumerated() {
            let y = inner.y + number
            if let time = line.time { screen.write(time, x: inner.x, y: y, role: .activityTime) }
            screen.write(line.text, x: inner.x + 9, y: y, role: line.role, width: inner.width - 9)
        }
    }
}

extension String {
    /// Pads with spaces (or cuts with "…") to exactly `width` columns.
    func padded(to width: Int) -> String {
        let cut = DisplayWidth.truncate(self, to: width)
        return cut + String(repeating: " ", count: max(0, width - DisplayWidth.of(cut)))
    }
}
