/// One keystroke as the UI understands it, independent of the terminal library that read it.
public enum Key: Hashable, Sendable {
    case character(Character)
    case enter
    case escape
    case tab
    case backTab
    case backspace
    case delete
    case up
    case down
    case left
    case right
    case home
    case end
    case pageUp
    case pageDown
    /// A control key: Ctrl and a lowercase letter (Ctrl-A is `.control("a")`).
    case control(Character)
    /// Alt (Meta) and a character, as a terminal sends it: Esc, then the character (Alt-B is `.alt("b")`).
    case alt(Character)
    /// Text pasted into the terminal (bracketed paste), delivered in one piece.
    case paste(String)

    /// How the key is written in the footer, the help overlay and the README.
    public var label: String {
        switch self {
        case .character(" "): "Space"
        case .character(let character): String(character)
        case .enter: "Enter"
        case .escape: "Esc"
        case .tab: "Tab"
        case .backTab: "Shift-Tab"
        case .backspace: "Backspace"
        case .delete: "Delete"
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .home: "Home"
        case .end: "End"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .control(let character): "Ctrl-\(character.uppercased())"
        case .alt(let character): "Alt-\(character.uppercased())"
        case .paste: "paste"
        }
    }
}
