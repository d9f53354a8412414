/// Colours and attributes for every `Role`, read from a `.theme` data file.
public struct Theme: Hashable, Sendable {
    public var name: String
    /// Styles the theme's file set; every other role falls back to `fallback`.
    public var styles: [Role: Style]
    private var fallback: [Role: Style]

    public init(name: String, styles: [Role: Style], fallback: [Role: Style] = [:]) {
        self.name = name
        self.styles = styles
        self.fallback = fallback
    }

    /// The style of `role`: the theme's own, else the default theme's, else plain.
    public func style(for role: Role) -> Style {
        styles[role] ?? fallback[role] ?? .plain
    }

    /// This theme with roles it leaves out taken from `base` (normally the built-in default theme).
    public func fallingBack(to base: Theme) -> Theme {
        var copy = self
        copy.fallback = base.styles.merging(base.fallback) { own, _ in own }
        return copy
    }

    /// The same roles without any colour: what a terminal without colour (or `NO_COLOR`) can show.
    public var withoutColor: Theme {
        var copy = self
        for role in Role.allCases {
            let attributes = style(for: role).attributes
            copy.styles[role] = Style(attributes: attributes)
        }
        copy.fallback = [:]
        return copy
    }
}
