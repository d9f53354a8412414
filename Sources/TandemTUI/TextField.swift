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

    /// Inserts a whole piece of text at the cursor (a paste), in one step however long it is.
    public mutating func insert(_ pasted: String) {
        guard !pasted.isEmpty else { return }
        text.insert(contentsOf: pasted, at: index(cursor))
        cursor += pasted.count
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

    /// Ctrl-U: deletes everything before the cursor.
    public mutating func deleteToStart() {
        text.removeSubrange(text.startIndex..<index(cursor))
        cursor = 0
    }

    /// Ctrl-K: deletes everything from the cursor on.
    public mutating func deleteToEnd() {
        text.removeSubrange(index(cursor)...)
    }

    /// Ctrl-W: deletes the whitespace-separated word before the cursor (and the spaces after it), as readline does.
    public mutating func deleteWordBackward() {
        let characters = Array(text)
        var start = cursor
        while start > 0, characters[start - 1].isWhitespace { start -= 1 }
        while start > 0, !characters[start - 1].isWhitespace { start -= 1 }
        text.removeSubrange(index(start)..<index(cursor))
        cursor = start
    }

    /// Alt-B: moves to the start of the word before the cursor (words are letters and digits).
    public mutating func moveWordLeft() {
        let characters = Array(text)
        var position = cursor
        while position > 0, !Self.isWord(characters[position - 1]) { position -= 1 }
        while position > 0, Self.isWord(characters[position - 1]) { position -= 1 }
        cursor = position
    }

    /// Alt-F: moves past the end of the next word.
    public mutating func moveWordRight() {
        let characters = Array(text)
        var position = cursor
        while position < characters.count, !Self.isWord(characters[position]) { position += 1 }
        while position < characters.count, Self.isWord(characters[position]) { position += 1 }
        cursor = position
    }

    private static func isWord(_ character: Character) -> Bool { character.isLetter || character.isNumber }

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
        case .deleteToStart: deleteToStart()
        case .deleteToEnd: deleteToEnd()
        case .deleteWordBackward: deleteWordBackward()
        case .wordLeft: moveWordLeft()
        case .wordRight: moveWordRight()
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
