/// Reads the `.theme` format: one role per line, `role foreground background [attribute ...]`.
///
/// ```
/// # comments and blank lines are ignored
/// pane.title.focused   black    cyan     bold
/// conflict.local       green    default  bold underline
/// text                 -        -
/// ```
/// Colours are `default` (or `-`), the names in `Color.names`, or `color0`…`color255`; attributes are the names in
/// `TextAttributes.names`. Every problem is reported with its line, and the lines that are fine still apply, so a
/// typo costs one role, not the theme.
public enum ThemeParser {
    public static func parse(_ text: String, name: String, file: String) -> (Theme, [ThemeProblem]) {
        var styles: [Role: Style] = [:]
        var problems: [ThemeProblem] = []
        var seen: [Role: Int] = [:]
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = offset + 1
            let content = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let fields = content.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).map(String.init)
            guard let roleName = fields.first else { continue }
            func problem(_ message: String) { problems.append(ThemeProblem(file: file, line: number, message: message)) }
            guard let role = Role(rawValue: roleName) else {
                problem("unknown role '\(roleName)'\(suggestion(for: roleName)); known roles are listed in Themes/default.theme")
                continue
            }
            guard fields.count >= 3 else {
                problem("'\(roleName)' needs a foreground and a background colour, e.g. '\(roleName) white default'")
                continue
            }
            guard let foreground = Color(name: fields[1]) else {
                problem("unknown colour '\(fields[1])' (expected default, a name such as red or bright-blue, or color0 to color255)")
                continue
            }
            guard let background = Color(name: fields[2]) else {
                problem("unknown colour '\(fields[2])' (expected default, a name such as red or bright-blue, or color0 to color255)")
                continue
            }
            var attributes: TextAttributes = []
            var valid = true
            for attributeName in fields.dropFirst(3) where attributeName != "normal" {
                guard let attribute = TextAttributes.names.first(where: { $0.name == attributeName.lowercased() }) else {
                    problem("unknown attribute '\(attributeName)' (expected \(TextAttributes.names.map(\.name).joined(separator: ", ")) or normal)")
                    valid = false
                    break
                }
                attributes.insert(attribute.value)
            }
            guard valid else { continue }
            if let earlier = seen[role] { problem("'\(roleName)' is already set on line \(earlier); this line wins") }
            seen[role] = number
            styles[role] = Style(foreground: foreground, background: background, attributes: attributes)
        }
        return (Theme(name: name, styles: styles), problems)
    }

    /// " (did you mean 'x'?)" for a role name one or two edits away from a known one.
    private static func suggestion(for name: String) -> String {
        let close = Role.allCases.map(\.rawValue).min { distance($0, name) < distance($1, name) }
        guard let close, distance(close, name) <= 2 else { return "" }
        return " (did you mean '\(close)'?)"
    }

    /// Levenshtein distance (both strings are short and non-empty here).
    private static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
