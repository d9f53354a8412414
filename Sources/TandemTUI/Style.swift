/// A terminal colour: the terminal's own default, or one of the 256 indexed colours (0–7 basic, 8–15 bright).
public enum Color: Hashable, Sendable {
    case terminalDefault
    case indexed(Int)

    /// Names accepted in `.theme` files besides `colorN` (0–255) and `default` / `-`.
    public static let names: [(name: String, index: Int)] = [
        ("black", 0), ("red", 1), ("green", 2), ("yellow", 3), ("blue", 4), ("magenta", 5), ("cyan", 6), ("white", 7),
        ("bright-black", 8), ("gray", 8), ("grey", 8), ("bright-red", 9), ("bright-green", 10), ("bright-yellow", 11),
        ("bright-blue", 12), ("bright-magenta", 13), ("bright-cyan", 14), ("bright-white", 15),
    ]

    /// Parses a colour name as written in a theme file.
    public init?(name: String) {
        let lower = name.lowercased()
        if lower == "default" || lower == "-" {
            self = .terminalDefault
        } else if let entry = Self.names.first(where: { $0.name == lower }) {
            self = .indexed(entry.index)
        } else if lower.hasPrefix("color"), let index = Int(lower.dropFirst(5)), (0...255).contains(index) {
            self = .indexed(index)
        } else {
            return nil
        }
    }
}

/// Text attributes a terminal can show without colour.
public struct TextAttributes: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bold = TextAttributes(rawValue: 1 << 0)
    public static let dim = TextAttributes(rawValue: 1 << 1)
    public static let underline = TextAttributes(rawValue: 1 << 2)
    public static let reverse = TextAttributes(rawValue: 1 << 3)
    public static let italic = TextAttributes(rawValue: 1 << 4)
    public static let standout = TextAttributes(rawValue: 1 << 5)
    public static let blink = TextAttributes(rawValue: 1 << 6)

    /// Names accepted in `.theme` files.
    public static let names: [(name: String, value: TextAttributes)] = [
        ("bold", .bold), ("dim", .dim), ("underline", .underline), ("reverse", .reverse), ("italic", .italic),
        ("standout", .standout), ("blink", .blink),
    ]
}

/// How one role looks: foreground, background and attributes.
public struct Style: Hashable, Sendable {
    public var foreground: Color
    public var background: Color
    public var attributes: TextAttributes

    public init(foreground: Color = .terminalDefault, background: Color = .terminalDefault, attributes: TextAttributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    public static let plain = Style()
}
