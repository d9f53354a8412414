/// A click or a turn of the wheel at a cell, as the terminal layer reports it (only while the mouse is on).
public struct MouseEvent: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// The left button went down.
        case click
        case wheelUp
        case wheelDown
    }

    public var kind: Kind
    public var at: Point

    public init(_ kind: Kind, at: Point) {
        self.kind = kind
        self.at = at
    }

    /// Lines one wheel notch scrolls.
    static let wheelLines = 3
}

extension Rect {
    func contains(_ point: Point) -> Bool {
        point.x >= x && point.x < maxX && point.y >= y && point.y < maxY
    }
}

extension AppState {
    /// A click selects the row under it (and focuses its pane), the wheel scrolls the list under it, and a click on a
    /// conflict's choice in the detail view makes it. Clicks where nothing is do nothing; so does everything while the
    /// terminal is too small or a dialog or question is open (those take keys only).
    mutating func handleMouse(_ event: MouseEvent) -> [Effect] {
        guard mouse, !isTooSmall else { return [] }
        let layout = Layout(state: self, size: size)
        switch mode {
        case .detail(let detail):
            return mouseInDetail(event, detail)
        case .help(let scroll):
            let lines = HelpContent.lines(deviceCount: devices.count).count
            switch event.kind {
            case .wheelUp: mode = .help(scroll: max(0, scroll - MouseEvent.wheelLines))
            case .wheelDown: mode = .help(scroll: min(max(0, lines - 1), scroll + MouseEvent.wheelLines))
            case .click: break
            }
            return []
        case .browsing:
            break
        default:
            return []
        }
        if let conflicts = layout.conflicts {
            mouseInConflicts(event, area: conflicts, rows: layout.conflictRows)
            return []
        }
        for column in layout.columns {
            if let pane = column.preferences, pane.contains(event.at) {
                mouseInPreferences(event, device: column.device, pane: pane, layout: layout)
            } else if let pane = column.activity, pane.contains(event.at) {
                active = column.device
                switch event.kind {
                case .click: focus = .activity
                case .wheelUp, .wheelDown:
                    let limit = max(0, devices[column.device].activity.count - 1)
                    let delta = event.kind == .wheelUp ? MouseEvent.wheelLines : -MouseEvent.wheelLines
                    devices[column.device].activityOffset = max(0, min(limit, devices[column.device].activityOffset + delta))
                }
            }
        }
        return []
    }

    private mutating func mouseInPreferences(_ event: MouseEvent, device: Int, pane: Rect, layout: Layout) {
        active = device
        let filterLine = !devices[device].filter.isEmpty
        let rows = layout.preferenceRows(for: device, filterLine: filterLine)
        var list = devices[device].preferenceList
        switch event.kind {
        case .click:
            focus = .preferences
            let firstRow = pane.y + 1 + (pane.height >= 8 ? 1 : 0)
            _ = list.select(visibleLine: event.at.y - firstRow, rows: rows)
        case .wheelUp: list.scroll(by: -MouseEvent.wheelLines, rows: rows)
        case .wheelDown: list.scroll(by: MouseEvent.wheelLines, rows: rows)
        }
        devices[device].preferenceList = list
    }

    private mutating func mouseInConflicts(_ event: MouseEvent, area: Rect, rows: Int) {
        var list = activeDevice.conflictList
        switch event.kind {
        case .click:
            var inner = area.inner
            if inner.height >= 8 { _ = inner.takeTop(1) }
            let table = area.width >= Layout.conflictTableWidth
            if table { _ = inner.takeTop(1) }
            let line = event.at.y - inner.y
            guard line >= 0 else { return }
            _ = list.select(visibleLine: table ? line : line / 4, rows: rows)
        case .wheelUp: list.scroll(by: -1, rows: rows)
        case .wheelDown: list.scroll(by: 1, rows: rows)
        }
        devices[active].conflictList = list
    }

    private mutating func mouseInDetail(_ event: MouseEvent, _ detail: Detail) -> [Effect] {
        var detail = detail
        let geometry = detailGeometry(detail)
        switch event.kind {
        case .wheelUp, .wheelDown:
            detail.lines.scroll(by: event.kind == .wheelUp ? -MouseEvent.wheelLines : MouseEvent.wheelLines, rows: geometry.text.height)
            mode = .detail(detail)
            return []
        case .click:
            guard detail.editor == nil, let choices = geometry.choices, choices.contains(event.at) else { return [] }
            let buttons = DetailButtons(in: choices, glyphs: asciiOnly ? .ascii : .unicode)
            guard let choice = buttons.choice(at: event.at.x) else { return [] }
            return detailCommand(choice.command)
        }
    }
}

/// The row of choices under a conflict in the detail view: where each one is drawn (and so can be clicked).
struct DetailButtons {
    var items: [(choice: DetailChoice, x: Int, text: String)] = []

    init(in rect: Rect, glyphs: Glyphs) {
        var x = rect.x + 1
        for choice in DetailChoice.allCases {
            let text = "[\(choice.key) \(choice.words)]"
            let width = DisplayWidth.of(text)
            guard x + width <= rect.maxX else { break }
            items.append((choice, x, text))
            x += width + 2
        }
    }

    func choice(at column: Int) -> DetailChoice? {
        items.first { column >= $0.x && column < $0.x + DisplayWidth.of($0.text) }?.choice
    }
}
