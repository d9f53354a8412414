import Foundation
import Testing
@testable import TandemTUI

@Suite struct ThemeTests {
    static let themesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Themes")

    @Test func aThemeLineSetsColoursAndAttributes() {
        let (theme, problems) = ThemeParser.parse("""
            # a comment
            conflict.local   green    default  bold underline   # trailing comment

            status.offline   color196 -        reverse
            """, name: "mine", file: "mine.theme")
        #expect(problems.isEmpty)
        #expect(theme.style(for: .conflictLocal) == Style(foreground: .indexed(2), background: .terminalDefault, attributes: [.bold, .underline]))
        #expect(theme.style(for: .statusOffline) == Style(foreground: .indexed(196), attributes: .reverse))
    }

    @Test func everyProblemNamesFileAndLineAndTheRestStillApplies() {
        let (theme, problems) = ThemeParser.parse("""
            pane.titel.focused  black  cyan
            conflict.local      grene  default
            conflict.remote     blue   default  blinking
            status.ok           green
            text                white  black
            text                red    black
            """, name: "broken", file: "/home/joe/.config/tandem/themes/broken.theme")
        #expect(problems.map(\.description) == [
            "/home/joe/.config/tandem/themes/broken.theme:1: unknown role 'pane.titel.focused' (did you mean 'pane.title.focused'?); known roles are listed in Themes/default.theme",
            "/home/joe/.config/tandem/themes/broken.theme:2: unknown colour 'grene' (expected default, a name such as red or bright-blue, or color0 to color255)",
            "/home/joe/.config/tandem/themes/broken.theme:3: unknown attribute 'blinking' (expected bold, dim, underline, reverse, italic, standout, blink or normal)",
            "/home/joe/.config/tandem/themes/broken.theme:4: 'status.ok' needs a foreground and a background colour, e.g. 'status.ok white default'",
            "/home/joe/.config/tandem/themes/broken.theme:6: 'text' is already set on line 5; this line wins",
        ])
        #expect(theme.style(for: .text).foreground == .indexed(1))
    }

    @Test func rolesATheMissesFallBackToTheDefaultTheme() {
        let (partial, _) = ThemeParser.parse("text  white  blue", name: "partial", file: "partial.theme")
        let theme = partial.fallingBack(to: ThemeCatalog.defaultTheme)
        #expect(theme.style(for: .text).background == .indexed(4))
        #expect(theme.style(for: .conflictLocal) == ThemeCatalog.defaultTheme.style(for: .conflictLocal))
    }

    @Test func builtInThemesParseCleanlyAndDefaultAndMonochromeNameEveryRole() {
        for file in ThemeCatalog.builtInFiles {
            let (theme, problems) = ThemeParser.parse(file.text, name: file.name, file: file.name)
            #expect(problems.isEmpty, "\(file.name): \(problems)")
            if file.name == "default" || file.name == "monochrome" {
                #expect(Set(theme.styles.keys) == Set(Role.allCases), "\(file.name) names every role")
            }
            if file.name == "monochrome" {
                #expect(theme.styles.values.allSatisfy { $0.foreground == .terminalDefault && $0.background == .terminalDefault })
            }
        }
        #expect(ThemeCatalog.builtIn.names == ["default", "light", "high-contrast", "monochrome"])
    }

    /// Meaning never rests on colour alone: stripped of colour, the roles that carry meaning still differ from text.
    @Test func everyThemeStillSaysSomethingWithoutColour() {
        for theme in ThemeCatalog.builtIn.themes {
            let plain = theme.withoutColor
            for role in [Role.listSelected, .paneTitleFocused, .conflictChosen, .statusError, .footerKey, .dialogFieldFocused] {
                #expect(plain.style(for: role).attributes != [], "\(theme.name): \(role.rawValue) needs an attribute")
            }
        }
    }

    /// `BuiltinThemes.swift` embeds `Themes/*.theme` so the binary needs no data files; TANDEM_RECORD=1 regenerates it.
    @Test func builtInThemesMatchTheThemesDirectory() throws {
        let names = ThemeCatalog.builtInFiles.map(\.name)
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.themesDirectory.path).filter { $0.hasSuffix(".theme") }
        #expect(Set(files) == Set(names.map { "\($0).theme" }))
        var source = "// Generated from Themes/*.theme; ThemeFileTests checks it is current (TANDEM_RECORD=1 rewrites it). Do not edit.\n\n"
            + "extension ThemeCatalog {\n    /// The text of each built-in theme file, in cycling order.\n"
            + "    static let builtInFiles: [(name: String, text: String)] = [\n"
        for name in names {
            let text = try String(contentsOf: Self.themesDirectory.appendingPathComponent("\(name).theme"), encoding: .utf8)
            source += "        (\"\(name)\", #\"\"\"\n\(text.trimmingCharacters(in: .newlines))\n\"\"\"#),\n"
            #expect(text.trimmingCharacters(in: .newlines) == ThemeCatalog.builtInFiles.first { $0.name == name }?.text,
                    "Themes/\(name).theme changed: run TANDEM_RECORD=1 swift test --filter ThemeTests")
        }
        source += "    ]\n}\n"
        if ProcessInfo.processInfo.environment["TANDEM_RECORD"] == "1" {
            let target = Self.themesDirectory.deletingLastPathComponent().appendingPathComponent("Sources/TandemTUI/BuiltinThemes.swift")
            try source.write(to: target, atomically: true, encoding: .utf8)
        }
    }

    @Test func userThemesLoadAfterTheBuiltInsAndABrokenOneIsReportedNotFatal() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tandem-themes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "text  bright-green  black\n".write(to: directory.appendingPathComponent("matrix.theme"), atomically: true, encoding: .utf8)
        try "text  green\nfooter  purple  default\n".write(to: directory.appendingPathComponent("oops.theme"), atomically: true, encoding: .utf8)
        try Data([0xFF, 0xFE]).write(to: directory.appendingPathComponent("binary.theme"))
        try "ignored".write(to: directory.appendingPathComponent("README"), atomically: true, encoding: .utf8)
        let (catalog, problems) = ThemeCatalog.load(userDirectory: directory.path)
        #expect(catalog.names == ["default", "light", "high-contrast", "monochrome", "matrix", "oops"])
        #expect(catalog.theme(named: "matrix")?.style(for: .text).foreground == .indexed(10))
        #expect(catalog.theme(named: "oops")?.style(for: .footer) == ThemeCatalog.defaultTheme.style(for: .footer))
        let oops = directory.appendingPathComponent("oops.theme").path
        #expect(problems.map(\.description) == [
            "\(directory.appendingPathComponent("binary.theme").path): is not UTF-8 text",
            "\(oops):1: 'text' needs a foreground and a background colour, e.g. 'text white default'",
            "\(oops):2: unknown colour 'purple' (expected default, a name such as red or bright-blue, or color0 to color255)",
        ])
    }

    @Test func userDirectoryFollowsXDG() {
        #expect(ThemeCatalog.userDirectory(environment: ["XDG_CONFIG_HOME": "/x", "HOME": "/h"]) == "/x/tandem/themes")
        #expect(ThemeCatalog.userDirectory(environment: ["HOME": "/h"]) == "/h/.config/tandem/themes")
    }
}
