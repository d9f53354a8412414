import TandemCore

/// What the detail view shows, as wrapped lines of role-tagged text: pure, so the reducer (scroll limits) and the
/// renderer (drawing) agree, and cheap (one value, however many preferences there are).
struct DetailContent {
    /// A run of text in one role on one line.
    struct Span: Hashable {
        var text: String
        var role: Role
    }

    typealias Line = [Span]

    /// Where the parts of the detail view go inside the body.
    struct Geometry {
        var box: Rect
        /// The scrolled text.
        var text: Rect
        /// The choices under a conflict.
        var choices: Rect?
        /// The new-value editor.
        var editor: Rect?

        init(body: Rect, detail: Detail) {
            box = body
            var inner = body.inner
            if detail.editor != nil {
                // The editor gets at least half of the pane: typing a long value is what it is for.
                editor = inner.takeBottom(max(3, inner.height / 2))
            } else if detail.isConflict, inner.height >= 3 {
                choices = inner.takeBottom(1)
            }
            // A column of margin on each side, so the text does not touch the border.
            text = Rect(x: inner.x + 1, y: inner.y, width: inner.width - 2, height: inner.height)
        }
    }

    let glyphs: Glyphs
    let width: Int

    /// The lines for `detail` of `device`.
    func lines(_ detail: Detail, device: DevicePanel) -> [Line] {
        guard width > 0 else { return [] }
        var lines: [Line] = []
        lines += labelled("Key", detail.key.string, role: .key)
        switch detail.subject {
        case .preference(let key):
            let value = device.snapshot.preferences[key]
            lines.append([])
            if let value {
                lines += prose("Value · " + Self.describe(value.string), .label)
                lines += wrap([Span(value.string, .value)], indent: 2)
            } else {
                lines.append([Span("Deleted here; s syncs the deletion.", .markerDeleted)])
            }
        case .conflict(let key):
            guard let row = device.conflictRows.first(where: { $0.key == key }) else {
                lines.append([Span("No longer in conflict (the merge was decided).", .statusOK)])
                return lines
            }
            lines.append([Span("Choice  ", .label), Self.choiceSpan(row.choice)])
            let conflict = row.conflict
            let local = conflict.local?.string, remote = conflict.remote?.string
            let (localSegments, remoteSegments): ([TextDiff.Segment], [TextDiff.Segment]) =
                if let local, let remote { TextDiff.compare(local, remote) } else {
                    ([TextDiff.Segment(local ?? "", changed: false)], [TextDiff.Segment(remote ?? "", changed: false)])
                }
            lines.append([])
            lines += prose("Base (before either edit) · " + (conflict.base.map { Self.describe($0.string) } ?? "absent"), .label)
            lines += conflict.base.map { wrap([Span($0.string, .conflictBase)], indent: 2) } ?? [[Span("  (none)", .textDim)]]
            let difference = local.flatMap { local in remote.flatMap { TextDiff.firstDifference(local, $0) } }
            let where_ = difference.map { " · differs from remote at character \($0 + 1)" } ?? ""
            lines += prose("Local (here) · " + (local.map(Self.describe) ?? "deleted") + where_, .label)
            lines += local == nil ? [[Span("  (deleted)", .conflictDeleted)]] : wrap(marked(localSegments, role: .conflictLocal), indent: 2)
            lines += prose("Remote (server) · " + (remote.map(Self.describe) ?? "deleted"), .label)
            lines += remote == nil ? [[Span("  (deleted)", .conflictDeleted)]] : wrap(marked(remoteSegments, role: .conflictRemote), indent: 2)
            if local != nil, remote != nil {
                lines.append([])
                lines += prose("\(glyphs.diffOpen)…\(glyphs.diffClose) marks the characters the other side does not have.", .textDim)
            }
        }
        return lines
    }

    /// "523 characters, 3 lines" / "empty".
    static func describe(_ text: String) -> String {
        guard !text.isEmpty else { return "empty" }
        let count = text.count
        let breaks = text.reduce(0) { $0 + ($1.isNewline ? 1 : 0) }
        return "\(count) character\(count == 1 ? "" : "s")" + (breaks > 0 ? ", \(breaks + 1) lines" : "")
    }

    static func choiceSpan(_ choice: Resolution?) -> Span {
        switch choice {
        case nil: Span("undecided: l, r or e", .conflictUnresolved)
        case .keepLocal: Span("keep local", .conflictLocal)
        case .takeRemote: Span("take remote", .conflictRemote)
        case .use(let value): Span("new value: " + Self.describe(value.string), .conflictNew)
        case .edited(let value?): Span("edited here: " + Self.describe(value.string), .conflictNew)
        case .edited(nil): Span("deleted here", .conflictNew)
        }
    }

    /// The segments with every changed run between the diff markers, in the changed role.
    private func marked(_ segments: [TextDiff.Segment], role: Role) -> [Span] {
        segments.flatMap { segment -> [Span] in
            segment.changed ? [Span(glyphs.diffOpen, .diffChanged), Span(segment.text, .diffChanged), Span(glyphs.diffClose, .diffChanged)]
                : [Span(segment.text, role)]
        }
    }

    /// Words (not a value) wrapped at spaces.
    private func prose(_ text: String, _ role: Role) -> [Line] {
        DisplayWidth.wrap(text, width: width).map { [Span($0, role)] }
    }

    /// "Label  text" with the text wrapped under itself.
    private func labelled(_ label: String, _ text: String, role: Role) -> [Line] {
        var lines = wrap([Span(text, role)], indent: 8)
        if !lines.isEmpty { lines[0][0] = Span(label.padded(to: 8), .label) }
        return lines
    }

    /// Wraps spans at `width` by characters (values are exact: spaces are content, not break points); a line break in
    /// the text ends the line with a visible mark.
    func wrap(_ spans: [Span], indent: Int) -> [Line] {
        let room = max(1, width - indent)
        let pad = Span(String(repeating: " ", count: indent), .text)
        var lines: [Line] = []
        var line: Line = indent > 0 ? [pad] : []
        var used = 0
        func append(_ character: Character, _ role: Role) {
            if let last = line.last, last.role == role, line.count > (indent > 0 ? 1 : 0) {
                line[line.count - 1].text.append(character)
            } else {
                line.append(Span(String(character), role))
            }
        }
        func breakLine() {
            lines.append(line)
            line = indent > 0 ? [pad] : []
            used = 0
        }
        for span in spans {
            for character in span.text {
                if character.isNewline {
                    if used + 1 > room { breakLine() }
                    line.append(Span(glyphs.lineBreak, .textDim))
                    breakLine()
                    continue
                }
                let w = max(1, DisplayWidth.of(character))
                if used + w > room { breakLine() }
                append(character, span.role)
                used += w
            }
        }
        if used > 0 || lines.isEmpty { lines.append(line) }
        return lines
    }
}

extension DetailContent.Span {
    init(_ text: String, _ role: Role) {
        self.init(text: text, role: role)
    }
}

/// The full-width editor's text as lines, and where the cursor is among them.
struct EditorLines {
    var lines: [String] = []
    var cursor = Point(x: 0, y: 0)

    /// Wraps `field` at `width` columns, hard-breaking at line breaks (each shown as a mark at the end of its line).
    init(_ field: TextField, width: Int, lineBreak: String) {
        let room = max(1, width - 1)
        var line = ""
        var used = 0
        for (offset, character) in field.text.enumerated() {
            if offset == field.cursor { cursor = Point(x: used, y: lines.count) }
            if character.isNewline {
                lines.append(line + lineBreak)
                line = ""
                used = 0
                continue
            }
            let w = max(1, DisplayWidth.of(character))
            if used + w > room {
                lines.append(line)
                line = ""
                used = 0
                if offset == field.cursor { cursor = Point(x: 0, y: lines.count) }
            }
            line.append(character)
            used += w
        }
        if field.cursor >= field.text.count { cursor = Point(x: used, y: lines.count) }
        lines.append(line)
    }
}
