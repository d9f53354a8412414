import TandemCore

extension Renderer {
    /// The history view over the body: one line per change of the key, newest first, the selected one highlighted.
    mutating func drawHistory(_ view: HistoryView) {
        let box = layout.body
        drawBox(box, title: "History of '\(view.key)' (Enter restores, Esc closes)", focused: true,
                borderRole: .dialogBorder, titleRole: .dialogTitle)
        let inner = box.inner
        guard inner.height > 0, inner.width > 10 else { return }
        guard let entries = view.entries else {
            screen.write("Reading the history…", x: inner.x + 1, y: inner.y, role: .textDim)
            return
        }
        guard !entries.isEmpty else {
            for (offset, line) in DisplayWidth.wrap("No changes of '\(view.key)' are in this profile's history yet.",
                                                   width: inner.width - 2).prefix(inner.height).enumerated() {
                screen.write(line, x: inner.x + 1, y: inner.y + offset, role: .textDim)
            }
            return
        }
        let rows = inner.height
        var list = view.list
        list.reveal(rows: rows)
        let timeWidth = 9
        for (line, index) in list.visible(rows: rows).enumerated() {
            let entry = entries[index]
            let y = inner.y + line
            let selected = index == list.selection
            let base: Role = selected ? .listSelected : .text
            screen.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), role: base)
            if selected { screen.write(glyphs.selection, x: inner.x, y: y, role: base) }
            screen.write(Words.clock(entry.date, state.timeZone), x: inner.x + 1, y: y, role: selected ? base : .activityTime)
            let origin = " (\(JournalWords.origin(entry.origin)))"
            let valueWidth = max(0, inner.width - 1 - timeWidth - DisplayWidth.of(origin))
            let value = entry.new.map { "'\($0.string)'" } ?? "deleted"
            let used = screen.write(DisplayWidth.truncate(value, to: valueWidth), x: inner.x + 1 + timeWidth, y: y,
                                    role: selected ? base : (entry.new == nil ? .markerDeleted : .value))
            screen.write(origin, x: inner.x + 1 + timeWidth + used, y: y, role: selected ? base : .textDim)
        }
        drawScrollCue(list, rows: rows, top: box.y, bottom: box.maxY - 1, right: box.maxX - 2)
    }
}
