import TandemCore

extension Renderer {
    // MARK: Dialogs

    mutating func drawDialog(_ dialog: Dialog) {
        let area = layout.body
        let width = min(area.width - 2, 66)
        let textWidth = width - 4
        var lines: [(text: String, role: Role)] = []
        if let note = dialog.note {
            lines += DisplayWidth.wrap(note, width: textWidth).map { ($0, .dialogText) }
            lines.append(("", .dialogText))
        }
        let fieldsStart = lines.count
        lines += dialog.fields.map { _ in ("", Role.dialogText) }
        lines.append(("", .dialogText))
        let snapshot = state.devices[dialog.device].snapshot
        var progressLine: Int?
        if dialog.busy {
            if let derivation = snapshot.derivation {
                lines += DisplayWidth.wrap("\(derivation.purpose)…", width: textWidth).map { ($0, .statusBusy) }
                // The bar has a line of its own, so it never covers the words saying what is derived.
                progressLine = lines.count
                lines.append(("", .statusBusy))
            } else {
                lines.append(("Talking to the server…", .statusBusy))
            }
        } else if let error = dialog.error {
            lines += DisplayWidth.wrap("\(glyphs.failure) \(error)", width: textWidth).map { ($0, .dialogError) }
        }
        // Esc cannot stop key derivation or a request under way: while busy it only hides the dialog, and says so.
        let hint = dialog.busy ? "Esc hides this; the work goes on and its outcome reaches the activity log."
            : dialog.fields.count > 1 ? "Enter next/ok · Tab next field · Esc cancel" : "Enter ok · Esc cancel"
        lines += DisplayWidth.wrap(hint, width: textWidth).map { ($0, .textDim) }
        let height = min(area.height, lines.count + 2)
        let box = area.centered(width: width, height: height)
        drawBox(box, title: dialog.title, focused: true, borderRole: .dialogBorder, titleRole: .dialogTitle)
        let inner = box.inner
        screen.fill(inner, role: .dialogText)
        for (offset, line) in lines.prefix(inner.height).enumerated() where !line.text.isEmpty {
            screen.write(line.text, x: inner.x + 1, y: inner.y + offset, role: line.role, width: textWidth)
        }
        if let progressLine, progressLine < inner.height, let fraction = snapshot.derivation?.fraction {
            let label = "\(Int(fraction * 100))% "
            let x = inner.x + 1
            let used = screen.write(label, x: x, y: inner.y + progressLine, role: .statusBusy)
            drawProgress(fraction, x: x + used, y: inner.y + progressLine, width: max(0, inner.maxX - 1 - x - used))
        }
        let labelWidth = (dialog.fields.map { DisplayWidth.of($0.label) }.max() ?? 0) + 2
        for (index, field) in dialog.fields.enumerated() where fieldsStart + index < inner.height {
            let y = inner.y + fieldsStart + index
            let focused = index == dialog.focused && !dialog.busy
            screen.write(field.label, x: inner.x + 1, y: y, role: .label, width: labelWidth)
            let inputX = inner.x + 1 + labelWidth
            let inputWidth = max(1, inner.maxX - 1 - inputX)
            let shown = field.input.visible(width: inputWidth)
            screen.write(shown.text, x: inputX, y: y, role: focused ? .dialogFieldFocused : .dialogField, padTo: inputWidth)
            if focused { screen.cursor = Point(x: inputX + shown.cursorColumn, y: y) }
        }
    }

    // MARK: Questions

    mutating func drawConfirmation(_ question: Confirmation) {
        let text = switch question {
        case .delete(let key, _): "Delete '\(key)'? The deletion reaches other devices at the next sync."
        case let .overwrite(key, value, old, _):
            "'\(key)' already exists with the value '\(DisplayWidth.truncate(old.string, to: 60))'. Replace it with "
                + "'\(DisplayWidth.truncate(value.string, to: 60))'?"
        case .logOut(let email, _):
            "Log this device out of \(email)? Its preferences stay here, and the next log-in merges them with the account's."
        case let .changeServer(server, from, email, _):
            "Move this device to \(server)? It is signed out of \(email) on \(from); its preferences stay here and merge "
                + "with the account's at the next log-in there."
        case let .revokeDevice(_, name, thisDevice, _):
            thisDevice ? "Revoke this device? It is logged out of the account; its preferences stay here."
                : "Revoke \(name)? It is signed out of the account and says so at its next sync; its preferences stay there."
        case .quit(let conflicts):
            "\(conflicts) conflicting key\(conflicts == 1 ? " is" : "s are") still waiting. Quit anyway? The pending merge is kept for next time."
        }
        let area = layout.body
        let width = min(area.width - 2, 56)
        let lines = DisplayWidth.wrap(text, width: width - 4)
        let box = area.centered(width: width, height: lines.count + 4)
        drawBox(box, title: "Are you sure?", focused: true, borderRole: .dialogBorder, titleRole: .dialogTitle)
        let inner = box.inner
        screen.fill(inner, role: .dialogText)
        for (offset, line) in lines.enumerated() where offset < inner.height {
            screen.write(line, x: inner.x + 1, y: inner.y + offset, role: .dialogText)
        }
        if inner.height > lines.count + 1 {
            screen.write("y yes · n no", x: inner.x + 1, y: inner.y + lines.count + 1, role: .textDim)
        }
    }

    // MARK: Help

    mutating func drawHelp(scroll: Int) {
        let area = layout.body
        let box = area
        drawBox(box, title: "Keys (Esc closes, j/k scroll)", focused: true, borderRole: .dialogBorder, titleRole: .dialogTitle)
        let inner = box.inner
        guard inner.height > 0, inner.width > 10 else { return }
        let keyWidth = min(18, inner.width / 3)
        let textWidth = inner.width - keyWidth - 4
        // Wrapped to the overlay's width, so long help never loses its end.
        var rows: [(keys: String?, text: String, role: Role)] = []
        for line in HelpContent.lines(deviceCount: state.devices.count, relevant: state.isRelevant) {
            switch line {
            case .group(let title): rows.append((nil, title, .helpGroup))
            case .blank: rows.append((nil, "", .text))
            case let .command(keys, help):
                for (number, text) in DisplayWidth.wrap(help, width: textWidth).enumerated() {
                    rows.append((number == 0 ? keys : "", text, .text))
                }
            }
        }
        let top = min(scroll, max(0, rows.count - inner.height))
        var list = ScrollingList(count: rows.count, selectable: false)
        list.top = top
        drawScrollCue(list, rows: inner.height, top: box.y, bottom: box.maxY - 1, right: box.maxX - 2)
        for (offset, row) in rows[top...].prefix(inner.height).enumerated() {
            let y = inner.y + offset
            if let keys = row.keys {
                screen.write(keys, x: inner.x + 3, y: y, role: .helpKey, width: keyWidth)
                screen.write(row.text, x: inner.x + 3 + keyWidth, y: y, role: row.role, width: textWidth)
            } else {
                screen.write(row.text, x: inner.x + 1, y: y, role: row.role, width: inner.width - 2)
            }
        }
    }
}

/// The lines of the `?` overlay, from the command table.
enum HelpContent {
    enum Line {
        case group(String)
        case command(keys: String, help: String)
        case blank
    }

    /// The overlay lists only what applies now (`relevant`): no conflict keys without a merge, no log-in while
    /// signed in, no edit without a preference.
    static func lines(deviceCount: Int, relevant: (FooterRelevance) -> Bool = { $0 != .never }) -> [Line] {
        var lines: [Line] = []
        for group in CommandGroup.allCases {
            let commands = CommandTable.all.filter { $0.group == group && $0.applies(toDeviceCount: deviceCount) && relevant($0.relevance) }
            guard !commands.isEmpty else { continue }
            if !lines.isEmpty { lines.append(.blank) }
            lines.append(.group(group.rawValue))
            lines += commands.map { .command(keys: $0.keyLabel, help: $0.help) }
        }
        return lines
    }
}
