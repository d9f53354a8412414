import TandemCore

extension Renderer {
    /// The `D` view: one row per device (this one marked), its name from the wallet and when the server last saw
    /// it; the join link under the list while `i` shows it.
    mutating func drawDevices(_ view: DevicesView) {
        let box = layout.body
        drawBox(box, title: "Devices (n names, r revokes, i invite link, Esc closes)", focused: true,
                borderRole: .dialogBorder, titleRole: .dialogTitle)
        let inner = box.inner
        guard inner.height > 0, inner.width > 10 else { return }
        var notes: [(String, Role)] = []
        if let problem = view.problem { notes.append((problem, .statusWarning)) }
        if let invite = view.invite {
            notes.append(("Join link (no secret; on the new device: tandem join LINK, or paste it into the log-in dialog):", .textDim))
            notes.append((invite, .value))
        }
        let noteLines = notes.flatMap { note in DisplayWidth.wrap(note.0, width: inner.width - 2).map { ($0, note.1) } }
        let rows = max(0, inner.height - (noteLines.isEmpty ? 0 : noteLines.count + 1))
        if let devices = view.devices {
            var list = view.list
            list.reveal(rows: rows)
            let now = state.now
            for (line, index) in list.visible(rows: rows).enumerated() {
                let device = devices[index]
                let y = inner.y + line
                let selected = index == list.selection
                let base: Role = selected ? .listSelected : .text
                screen.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), role: base)
                if selected { screen.write(glyphs.selection, x: inner.x, y: y, role: base) }
                let seen = device.isThisDevice ? "this device" : "seen " + DeviceWords.lastSeen(device.lastSeenAt, now: now)
                let seenWidth = DisplayWidth.of(seen)
                let nameWidth = max(0, inner.width - 3 - seenWidth)
                let name = device.name.map { "\($0)  \(device.id)" } ?? device.id
                screen.write(DisplayWidth.truncate(name, to: nameWidth), x: inner.x + 1, y: y,
                             role: selected ? base : (device.name == nil ? .textDim : .value))
                screen.write(seen, x: inner.maxX - seenWidth - 1, y: y, role: selected ? base : .activityTime)
            }
            drawScrollCue(list, rows: rows, top: box.y, bottom: box.maxY - 1, right: box.maxX - 2)
        } else if view.problem == nil {
            screen.write("Asking the server…", x: inner.x + 1, y: inner.y, role: .textDim)
        }
        for (offset, line) in noteLines.enumerated() where rows + 1 + offset < inner.height || view.devices == nil {
            let y = inner.y + (view.devices == nil && view.problem != nil ? offset : rows + 1 + offset)
            guard y < inner.y + inner.height else { break }
            screen.write(line.0, x: inner.x + 1, y: y, role: line.1)
        }
    }
}
