/// The scroll position of one list on screen (preferences, conflicts, a detail text, the help): how many rows it has,
/// which one is selected, and the first one shown. The one place that knows how j/k, paging, Home/End, the mouse wheel
/// and a resize move a list, so every list scrolls alike and can say what is hidden above and below it.
///
/// A `selectable` list moves its selection and scrolls just enough to keep it visible (as htop's panels do); a list
/// without selection (a text being read) scrolls its top line instead. The row count and the visible height are
/// passed in rather than stored where they change every frame, so the value stays cheap to copy.
public struct ScrollingList: Hashable, Sendable {
    public private(set) var count: Int
    public var selection: Int
    public var top: Int
    public let selectable: Bool

    public init(count: Int = 0, selectable: Bool = true) {
        self.count = max(0, count)
        selection = 0
        top = 0
        self.selectable = selectable
    }

    /// Takes a new row count, keeping the selection and top inside it.
    public mutating func resize(count: Int) {
        self.count = max(0, count)
        selection = max(0, min(selection, self.count - 1))
        top = max(0, min(top, max(0, self.count - 1)))
    }

    /// Applies a movement command (`moveUp`, `moveDown`, `pageUp`, `pageDown`, `moveTop`, `moveBottom`) with `rows`
    /// visible rows; returns false for other commands.
    @discardableResult
    public mutating func move(_ command: CommandID, rows: Int) -> Bool {
        let page = max(1, rows)
        let delta: Int
        switch command {
        case .moveDown: delta = 1
        case .moveUp: delta = -1
        case .pageDown: delta = page
        case .pageUp: delta = -page
        case .moveTop: delta = Int.min / 2
        case .moveBottom: delta = Int.max / 2
        default: return false
        }
        if selectable {
            selection = max(0, min(count - 1, selection + delta))
            reveal(rows: rows)
        } else {
            scroll(by: delta, rows: rows)
        }
        return true
    }

    /// Scrolls the view by `lines` (the mouse wheel); a selectable list drags its selection along into view.
    public mutating func scroll(by lines: Int, rows: Int) {
        top = max(0, min(lastTop(rows: rows), top + max(-count, min(count, lines))))
        if selectable {
            if selection < top { selection = top }
            if selection >= top + max(1, rows) { selection = min(count - 1, top + max(1, rows) - 1) }
            selection = max(0, selection)
        }
    }

    /// Scrolls so the selection is one of the `rows` rows shown (never leaving blank rows below the last row).
    public mutating func reveal(rows: Int) {
        guard rows > 0 else { return }
        if selectable {
            if selection < top { top = selection }
            if selection >= top + rows { top = selection - rows + 1 }
        }
        top = max(0, min(top, lastTop(rows: rows)))
    }

    /// The rows shown when `rows` fit, after clamping (render-time: the state may have been scrolled for another size).
    public func visible(rows: Int) -> Range<Int> {
        var copy = self
        copy.reveal(rows: rows)
        return copy.top..<min(count, copy.top + max(0, rows))
    }

    /// Rows above the first one shown.
    public func hiddenAbove(rows: Int) -> Int { visible(rows: rows).lowerBound }

    /// Rows below the last one shown.
    public func hiddenBelow(rows: Int) -> Int { count - visible(rows: rows).upperBound }

    /// Selects the row shown on visible line `line` (a click); false when that line shows no row.
    public mutating func select(visibleLine line: Int, rows: Int) -> Bool {
        let shown = visible(rows: rows)
        guard selectable, line >= 0, shown.lowerBound + line < shown.upperBound else { return false }
        top = shown.lowerBound
        selection = shown.lowerBound + line
        return true
    }

    private func lastTop(rows: Int) -> Int { max(0, count - max(1, rows)) }
}
