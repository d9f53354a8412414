/// A one-line text being typed, with a cursor; `secret` fields are never shown.
public struct TextField: Hashable, Sendable {
    public private(set) var text: String
    /// Cursor position in characters (grapheme clusters), 0...text.count.
    public private(set) var cursor: Int
    public var secret: Bool

    public init(_ text: String = "", secret: Bool = false) {
        self.text = text
        cursor = text.count
        self.secret = secret
    }

    public mutating func insert(_ character: Character) {
        text.insert(character, at: index(cursor))
        cursor += 1
    }

    public mutating func deleteBackward() {
        guard cursor > 0 else { return }
        text.remove(at: index(cursor - 1))
        cursor -= 1
    }

    public mutating func deleteForward() {
        guard cursor < text.count else { return }
        text.remove(at: index(cursor))
    }

    public mutating func moveLeft() { cursor = max(0, cursor - 1) }
    public mutating func moveRight() { cursor = min(text.count, cursor + 1) }
    public mutating func moveToStart() { cursor = 0 }
    public mutating func moveToEnd() { cursor = text.count }

    /// Empties the field (used for passwords once they were handed to the engine).
    public mutating func clear() {
        text = ""
        cursor = 0
    }

    /// Applies a text-editing command; returns false for commands that are not about the text.
    mutating func apply(_ command: CommandID) -> Bool {
        switch command {
        case .deleteBackward: deleteBackward()
        case .deleteForward: deleteForward()
        case .cursorLeft: moveLeft()
        case .cursorRight: moveRight()
        case .cursorStart: moveToStart()
        case .cursorEnd: moveToEnd()
        default: return false
        }
        return true
    }

    /// What fits in `width` columns around the cursor, and the cursor's column in it. Secret text shows a fixed
    /// mask whatever its length, so not even the length is echoed.
    public func visible(width: Int) -> (text: String, cursorColumn: Int) {
        guard width > 0 else { return ("", 0) }
        if secret { return (text.isEmpty ? "" : String(DisplayWidth.truncate("[hidden]", to: width)), text.isEmpty ? 0 : min(8, width - 1)) }
        let characters = Array(text)
        // Start far enough right that the cursor (and one column after it) fits.
        var start = 0
        var widthBeforeCursor = characters[0..<cursor].reduce(0) { $0 + DisplayWidth.of($1) }
        while widthBeforeCursor > width - 1, start < cursor {
            widthBeforeCursor -= DisplayWidth.of(characters[start])
            start += 1
        }
        var shown = ""
        var used = 0
        for character in characters[start...] {
            let w = DisplayWidth.of(character)
            if used + w > width { break }
            shown.append(character)
            used += w
        }
        return (shown, widthBeforeCursor)
    }

    private func index(_ offset: Int) -> String.Index { text.index(text.startIndex, offsetBy: offset) }
}
