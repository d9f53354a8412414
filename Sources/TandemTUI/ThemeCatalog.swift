import Foundation

/// Every theme the UI can cycle through: the built-in `Themes/*.theme` files, then the user's own from
/// `$XDG_CONFIG_HOME/tandem/themes/` (a user theme with a built-in name replaces it).
public struct ThemeCatalog: Sendable {
    public private(set) var themes: [Theme]

    /// The names in cycling order.
    public var names: [String] { themes.map(\.name) }

    /// The built-in default theme, which every other theme falls back to for roles it leaves out.
    public static let defaultTheme: Theme = {
        let text = builtInFiles.first { $0.name == "default" }?.text ?? ""
        return ThemeParser.parse(text, name: "default", file: "default.theme").0
    }()

    /// The built-in themes only.
    public static let builtIn = build(builtInFiles.map { (name: $0.name, file: "Themes/\($0.name).theme", text: $0.text) }).catalog

    public init(themes: [Theme]) {
        self.themes = themes
    }

    /// Parses `(name, file, text)` triples in order; later themes replace earlier ones of the same name.
    public static func build(_ files: [(name: String, file: String, text: String)]) -> (catalog: ThemeCatalog, problems: [ThemeProblem]) {
        var themes: [Theme] = []
        var problems: [ThemeProblem] = []
        for file in files {
            let (theme, found) = ThemeParser.parse(file.text, name: file.name, file: file.file)
            problems += found
            let complete = file.name == "default" ? theme : theme.fallingBack(to: defaultTheme)
            if let index = themes.firstIndex(where: { $0.name == file.name }) { themes[index] = complete } else { themes.append(complete) }
        }
        return (ThemeCatalog(themes: themes), problems)
    }

    /// The theme called `name`, if any.
    public func theme(named name: String) -> Theme? {
        themes.first { $0.name == name }
    }

    /// The built-in themes plus the `.theme` files in `userDirectory` (sorted by name), with every problem found.
    public static func load(userDirectory: String?) -> (catalog: ThemeCatalog, problems: [ThemeProblem]) {
        var files = builtInFiles.map { (name: $0.name, file: "Themes/\($0.name).theme", text: $0.text) }
        var problems: [ThemeProblem] = []
        if let userDirectory, let entries = try? FileManager.default.contentsOfDirectory(atPath: userDirectory) {
            for entry in entries.sorted() where entry.hasSuffix(".theme") {
                let path = (userDirectory as NSString).appendingPathComponent(entry)
                guard let data = FileManager.default.contents(atPath: path) else {
                    problems.append(ThemeProblem(file: path, line: 0, message: "cannot be read"))
                    continue
                }
                guard let text = String(data: data, encoding: .utf8) else {
                    problems.append(ThemeProblem(file: path, line: 0, message: "is not UTF-8 text"))
                    continue
                }
                files.append((name: String(entry.dropLast(".theme".count)), file: path, text: text))
            }
        }
        let built = build(files)
        return (built.catalog, problems + built.problems)
    }

    /// `$XDG_CONFIG_HOME/tandem/themes`, or `~/.config/tandem/themes`.
    public static func userDirectory(environment: [String: String]) -> String? {
        if let config = environment["XDG_CONFIG_HOME"], !config.isEmpty { return config + "/tandem/themes" }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return home + "/.config/tandem/themes"
    }
}
