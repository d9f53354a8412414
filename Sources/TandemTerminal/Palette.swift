import CNcurses
import TandemTUI

/// Turns a theme's styles into curses attributes and colour pairs, allocating a pair per foreground/background
/// combination the theme uses.
struct Palette {
    private let colors: Int
    private let enabled: Bool
    private var pairs: [Pair: Int16] = [:]
    private var table: [Role: (attr_t, Int16)] = [:]

    private struct Pair: Hashable {
        var foreground: Int16
        var background: Int16
    }

    init(colors: Int, enabled: Bool) {
        self.colors = colors
        self.enabled = enabled
    }

    /// Computes the attributes and pair of every role of `theme`.
    mutating func prepare(_ theme: Theme) {
        table = [:]
        for role in Role.allCases { table[role] = resolve(theme.style(for: role)) }
    }

    func look(_ role: Role) -> (attr_t, Int16) {
        table[role] ?? (tandem_a_normal(), 0)
    }

    private mutating func resolve(_ style: Style) -> (attr_t, Int16) {
        var attributes = tandem_a_normal()
        var brighten = false
        var pairNumber: Int16 = 0
        if enabled {
            let (foreground, foregroundBright) = number(style.foreground)
            let (background, _) = number(style.background)
            brighten = foregroundBright
            pairNumber = pair(Pair(foreground: foreground, background: background))
        }
        let names = style.attributes
        if names.contains(.bold) || brighten { attributes |= tandem_a_bold() }
        if names.contains(.dim) { attributes |= tandem_a_dim() }
        if names.contains(.underline) { attributes |= tandem_a_underline() }
        if names.contains(.reverse) { attributes |= tandem_a_reverse() }
        if names.contains(.italic) { attributes |= tandem_a_italic() }
        if names.contains(.standout) { attributes |= tandem_a_standout() }
        if names.contains(.blink) { attributes |= tandem_a_blink() }
        return (attributes, pairNumber)
    }

    /// The curses colour number; a bright colour on an 8-colour terminal becomes its base colour in bold.
    private func number(_ color: Color) -> (Int16, bright: Bool) {
        switch color {
        case .terminalDefault: return (-1, false)
        case .indexed(let index) where index < colors: return (Int16(index), false)
        case .indexed(let index) where index < 16 && colors >= 8: return (Int16(index - 8), true)
        case .indexed: return (-1, false)
        }
    }

    private mutating func pair(_ pair: Pair) -> Int16 {
        if pair.foreground == -1 && pair.background == -1 { return 0 }
        if let existing = pairs[pair] { return existing }
        let number = Int16(pairs.count + 1)
        guard Int32(number) < tandem_color_pairs() else { return 0 }
        init_pair(number, pair.foreground, pair.background)
        pairs[pair] = number
        return number
    }
}
