import Foundation

/// What a terminal whose locale is not UTF-8 (`LANG=C`) is sent instead of non-ASCII text: curses would write
/// Latin-1 bytes for some characters and drop the others, so each cell gets a readable ASCII stand-in.
public enum ASCIIFallback {
    /// A frame with only ASCII in it, cell for cell (a wide character's two cells become "??").
    public static func screen(_ screen: Screen) -> Screen {
        var result = screen
        result.replaceText(cell)
        return result
    }

    /// The ASCII stand-in for one cell's text.
    public static func cell(_ text: String) -> String {
        if text.isEmpty { return "?" }  // the right half of a wide character: "世" takes "??", as wide as it was
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text }
        if let symbol = symbols[text] { return symbol }
        // Letters with accents keep their base letter: é → e, Å → A.
        let base = text.decomposedStringWithCanonicalMapping.unicodeScalars.filter { $0.isASCII && $0.value >= 0x20 }
        if let first = base.first { return String(Character(first)) }
        return "?"
    }

    private static let symbols: [String: String] = [
        "…": ".", "·": "-", "—": "-", "–": "-", "‘": "'", "’": "'", "“": "\"", "”": "\"", "«": "\"", "»": "\"",
        "↵": "/", "⇥": ">", "�": "?", "›": ">", "‹": "<", "↑": "^", "↓": "v", "←": "<", "→": ">", "•": "*",
        "█": "#", "░": ".", "▒": ":", "✓": "+", "✗": "x", "×": "x",
        "┌": "+", "┐": "+", "└": "+", "┘": "+", "─": "-", "│": "|", "├": "+", "┤": "+", "┬": "+", "┴": "+", "┼": "+",
        "┏": "#", "┓": "#", "┗": "#", "┛": "#", "━": "=", "┃": "#", "ß": "s", "æ": "a", "Æ": "A", "ø": "o", "Ø": "O",
        "€": "E", "£": "L", "°": "o", "\u{00A0}": " ",
    ]
}
