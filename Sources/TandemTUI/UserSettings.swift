/// The settings a person keeps across runs, in `$XDG_CONFIG_HOME/tandem/config` (default `~/.config/tandem/config`):
/// a small text file of `key = value` lines, `#` starting a comment.
///
/// ```
/// # tandem settings
/// theme = light          # default, light, high-contrast, monochrome, or a theme file of yours
/// mouse = on             # clicks and the wheel in the UI (off: the terminal selects text)
/// auto-sync = off        # what new profiles start with (each profile keeps its own: `tandem config auto-sync`)
/// ```
///
/// The UI writes `theme` and `mouse` back when they are changed inside it (`t`, `M`), keeping every other line.
public struct UserSettings: Equatable, Sendable {
    public var theme: String?
    public var mouse: Bool?
    /// Auto-sync for profiles created from now on; nil means on.
    public var autoSync: Bool?

    public init(theme: String? = nil, mouse: Bool? = nil, autoSync: Bool? = nil) {
        self.theme = theme
        self.mouse = mouse
        self.autoSync = autoSync
    }

    /// The keys the file knows, as written in it.
    public static let keys = ["theme", "mouse", "auto-sync"]

    /// Reads the file's text; each line it cannot use is named in `problems` ("line 3: …") and otherwise skipped.
    public static func parse(_ text: String) -> (settings: UserSettings, problems: [String]) {
        var settings = UserSettings()
        var problems: [String] = []
        for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = Self.content(of: raw)
            guard !line.isEmpty else { continue }
            guard let equals = line.firstIndex(of: "=") else {
                problems.append("line \(number + 1): '\(line)' is not 'key = value'")
                continue
            }
            let key = line[..<equals].trimmingSpaces.lowercased()
            let value = String(line[line.index(after: equals)...].trimmingSpaces)
            switch key {
            case "theme":
                if value.isEmpty { problems.append("line \(number + 1): theme has no name") } else { settings.theme = value }
            case "mouse", "auto-sync":
                guard let on = Self.switchValue(value) else {
                    problems.append("line \(number + 1): \(key) is '\(value)', not on or off")
                    continue
                }
                if key == "mouse" { settings.mouse = on } else { settings.autoSync = on }
            default:
                problems.append("line \(number + 1): unknown setting '\(key)' (known: \(keys.joined(separator: ", ")))")
            }
        }
        return (settings, problems)
    }

    /// `text` with `key` set to `value`: the line that sets it is rewritten in place (its comment kept), or a line
    /// is added at the end. Every other line stays as it was.
    public static func setting(_ key: String, to value: String, in text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        let replacement = "\(key) = \(value)"
        if let index = lines.lastIndex(where: { line in
            let content = Self.content(of: Substring(line))
            guard let equals = content.firstIndex(of: "=") else { return false }
            return content[..<equals].trimmingSpaces.lowercased() == key
        }) {
            let comment = lines[index].firstIndex(of: "#").map { "  " + lines[index][$0...] } ?? ""
            lines[index] = replacement + comment
        } else {
            if lines.isEmpty { lines.append("# tandem settings (see README: Settings)") }
            lines.append(replacement)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// "on" or "off" for the file.
    public static func word(_ on: Bool) -> String { on ? "on" : "off" }

    private static func switchValue(_ value: String) -> Bool? {
        switch value.lowercased() {
        case "on", "true", "yes", "1": true
        case "off", "false", "no", "0": false
        default: nil
        }
    }

    /// A line without its comment and surrounding spaces.
    private static func content(of line: Substring) -> Substring {
        let uncommented = line.firstIndex(of: "#").map { line[..<$0] } ?? line
        return uncommented.trimmingSpaces
    }
}

extension Substring {
    fileprivate var trimmingSpaces: Substring {
        var result = self
        while let first = result.first, first == " " || first == "\t" || first == "\r" { result.removeFirst() }
        while let last = result.last, last == " " || last == "\t" || last == "\r" { result.removeLast() }
        return result
    }
}
