import TandemCore

extension Renderer {
    /// One preference or conflicting key in full over the body: the text scrolled, the choices of a conflict, and the
    /// full-width editor when typing a new value.
    mutating func drawDetail(_ detail: Detail) {
        guard state.devices.indices.contains(detail.device) else { return }
        let device = state.devices[detail.device]
        let geometry = DetailContent.Geometry(body: layout.body, detail: detail)
        let owner = state.devices.count > 1 ? "\(device.name) · " : ""
        let kind = detail.isConflict ? "Conflict" : "Preference"
        drawBox(geometry.box, title: "\(owner)\(kind) · \(detail.key.string)", focused: detail.editor == nil)
        let text = geometry.text
        guard text.width > 4, text.height > 0 else { return }
        let content = DetailContent(glyphs: glyphs, width: text.width)
        let lines = content.lines(detail, device: device)
        var list = detail.lines
        list.resize(count: lines.count)
        for (offset, index) in list.visible(rows: text.height).enumerated() {
            var x = text.x
            for span in lines[index] { x += screen.write(span.text, x: x, y: text.y + offset, role: span.role, width: text.maxX - x) }
        }
        // The lower cue sits on the border under the text: the editor's top border when it is open.
        drawScrollCue(list, rows: text.height, top: geometry.box.y, bottom: geometry.editor?.y ?? geometry.box.maxY - 1,
                      right: geometry.box.maxX - 2)
        if let choices = geometry.choices { drawChoices(detail, device: device, in: choices) }
        if let editor = geometry.editor, let field = detail.editor { drawEditor(field, key: detail.key, in: editor) }
    }

    /// "[l keep local]  [r take remote]  [e new value]", the current choice in its own role and named after the row.
    private mutating func drawChoices(_ detail: Detail, device: DevicePanel, in rect: Rect) {
        guard let row = device.conflictRows.first(where: { $0.key == detail.key }) else { return }
        let buttons = DetailButtons(in: rect, glyphs: glyphs)
        for item in buttons.items {
            let chosen = switch (item.choice, row.choice) {
            case (.keepLocal, .keepLocal?), (.takeRemote, .takeRemote?), (.newValue, .use?): true
            default: false
            }
            screen.write(item.text, x: item.x, y: rect.y, role: chosen ? .conflictChosen : .footerKey)
            if chosen { screen.write(glyphs.success, x: item.x - 1, y: rect.y, role: .statusOK) }
        }
    }

    /// The new value wrapped to the pane's width, line breaks shown, scrolled to keep the cursor in view.
    private mutating func drawEditor(_ field: TextField, key: ExactText, in rect: Rect) {
        drawBox(rect, title: "New value · Enter saves · Ctrl-J new line · Esc cancels", focused: true,
                borderRole: .dialogBorder, titleRole: .dialogTitle)
        let inner = rect.inner
        guard inner.width > 2, inner.height > 0 else { return }
        screen.fill(inner, role: .dialogFieldFocused)
        let wrapped = EditorLines(field, width: inner.width, lineBreak: glyphs.lineBreak)
        let top = max(0, wrapped.cursor.y - inner.height + 1)
        for (offset, line) in wrapped.lines[top...].prefix(inner.height).enumerated() {
            screen.write(line, x: inner.x, y: inner.y + offset, role: .dialogFieldFocused, width: inner.width)
        }
        screen.cursor = Point(x: inner.x + wrapped.cursor.x, y: inner.y + wrapped.cursor.y - top)
    }

    /// "↑ 3 more" on row `top` and "↓ 12 more" on row `bottom` (borders around a list), ending at column `right`, when
    /// rows of `list` are hidden there.
    mutating func drawScrollCue(_ list: ScrollingList, rows: Int, top: Int, bottom: Int, right: Int) {
        let above = list.hiddenAbove(rows: rows), below = list.hiddenBelow(rows: rows)
        if above > 0 {
            let cue = " \(glyphs.arrowUp) \(above) more "
            screen.write(cue, x: right - DisplayWidth.of(cue), y: top, role: .paneTitle)
        }
        if below > 0 {
            let cue = " \(glyphs.arrowDown) \(below) more "
            screen.write(cue, x: right - DisplayWidth.of(cue), y: bottom, role: .paneTitle)
        }
    }
}

extension Renderer {
    typealias Sides = (base: (String, Role), local: (String, Role), remote: (String, Role))

    /// The three sides of a conflict row cut alike to show where local and remote first differ, when that is past
    /// what a column shows: two 500-character values that differ only at the end must not look the same in the list.
    static func showingDifference(_ sides: Sides, of row: ConflictRow, width: Int) -> Sides {
        guard let local = row.conflict.local?.string, let remote = row.conflict.remote?.string,
              let offset = TextDiff.firstDifference(local, remote) else { return sides }
        func cut(_ side: (String, Role), _ value: ExactText?) -> (String, Role) {
            guard let value, !value.isEmpty else { return side }
            return (TextDiff.excerpt(value.string, showing: offset, width: width), side.1)
        }
        return (cut(sides.base, row.conflict.base), cut(sides.local, row.conflict.local), cut(sides.remote, row.conflict.remote))
    }
}
