/// One character cell: the grapheme it shows and what it means.
public struct Cell: Hashable, Sendable {
    /// The grapheme cluster shown; empty for the right half of a wide character to its left.
    public var text: String
    public var role: Role

    public init(_ text: String, _ role: Role) {
        self.text = text
        self.role = role
    }

    public static let blank = Cell(" ", .text)
}

/// A frame of the UI: a grid of cells tagged with roles, independent of any terminal. `render` produces it,
/// the terminal layer paints it, and tests compare its text.
public struct Screen: Hashable, Sendable {
    public let size: Size
    public private(set) var cells: [Cell]
    /// Where the terminal's cursor should blink (a text field being edited), or nil to hide it.
    public var cursor: Point?

    public init(size: Size) {
        self.size = size
        cells = Array(repeating: .blank, count: max(0, size.width) * max(0, size.height))
    }

    public subscript(x: Int, y: Int) -> Cell {
        cells[y * size.width + x]
    }

    /// Fills `rect` (clipped to the screen) with spaces of `role`.
    public mutating func fill(_ rect: Rect, role: Role) {
        let blank = Cell(" ", role)
        for y in max(0, rect.y)..<min(size.height, rect.maxY) {
            for x in max(0, rect.x)..<min(size.width, rect.maxX) { cells[y * size.width + x] = blank }
        }
    }

    /// Writes `text` at (x, y) in at most `width` columns (default: to the right edge), never past the screen.
    ///
    /// Control characters are shown as visible symbols so a value with a newline cannot break the layout; a wide
    /// character that would straddle the limit is replaced by a space. Returns the columns used.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, role: Role, width: Int? = nil) -> Int {
        guard y >= 0, y < size.height, x < size.width else { return 0 }
        let limit = min(size.width, x + (width ?? size.width))
        var column = x
        for character in text {
            guard column < limit else { break }
            let (shown, w) = Self.visible(character)
            if w == 0 {
                // A lone combining mark joins the cell before it.
                if column > x, column - 1 >= 0 { cells[y * size.width + column - 1].text.append(shown) }
                continue
            }
            if column + w > limit {
                if column >= 0 { cells[y * size.width + column] = Cell(" ", role) }
                column += 1
                break
            }
            if column >= 0 {
                cells[y * size.width + column] = Cell(shown, role)
                if w == 2, column + 1 < size.width { cells[y * size.width + column + 1] = Cell("", role) }
            }
            column += w
        }
        return column - x
    }

    /// Writes `text` cut with "…" to fit `width` columns, padding the rest of the width with spaces of `role`.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, role: Role, padTo width: Int) -> Int {
        let used = write(DisplayWidth.truncate(text, to: width), x: x, y: y, role: role, width: width)
        if used < width { fill(Rect(x: x + used, y: y, width: width - used, height: 1), role: role) }
        return used
    }

    /// Replaces the text of every cell by `transform`'s (its role stays), e.g. ASCII for a non-UTF-8 terminal.
    public mutating func replaceText(_ transform: (String) -> String) {
        for index in cells.indices { cells[index].text = transform(cells[index].text) }
    }

    /// The frame as plain text, one line per row without trailing spaces (for snapshot tests and debugging).
    public var text: String {
        var lines: [String] = []
        lines.reserveCapacity(size.height)
        for y in 0..<size.height {
            var line = ""
            for x in 0..<size.width { line += cells[y * size.width + x].text }
            while line.last == " " { line.removeLast() }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    /// What a character looks like on screen and how wide it is.
    private static func visible(_ character: Character) -> (String, Int) {
        if let ascii = character.asciiValue {
            if ascii >= 0x20 && ascii < 0x7F { return (String(character), 1) }
            switch ascii {
            case 0x0A, 0x0D: return ("↵", 1)
            case 0x09: return ("⇥", 1)
            default: return ("�", 1)
            }
        }
        if character == "\r\n" { return ("↵", 1) }
        let w = DisplayWidth.of(character)
        if w == 0, character.unicodeScalars.first?.properties.generalCategory == .control { return ("�", 1) }
        return (String(character), w)
    }
}
