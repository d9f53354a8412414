import Testing
@testable import TandemTUI

@Suite struct CommandTableTests {
    /// One table drives everything, so it must never bind a key twice where both could apply.
    @Test(arguments: Context.allCases, [1, 2]) func noKeyIsBoundTwice(context: Context, deviceCount: Int) {
        var seen: [Key: CommandID] = [:]
        for command in CommandTable.all where command.contexts.contains(context) && command.applies(toDeviceCount: deviceCount) {
            for key in command.keys {
                #expect(seen[key] == nil, "\(key.label) is bound to \(seen[key]?.rawValue ?? "") and \(command.id.rawValue) in \(context)")
                seen[key] = command.id
            }
        }
    }

    @Test func everyContextCanBeLeftAndHelpIsReachable() {
        for context in Context.allCases where context != .main {
            let leaves = CommandTable.all.contains { $0.contexts.contains(context) && $0.keys.contains(.escape) }
            #expect(leaves, "Esc backs out of \(context)")
        }
        #expect(CommandTable.command(for: .character("?"), in: .main, deviceCount: 1)?.id == .help)
        #expect(CommandTable.command(for: .character("?"), in: .conflicts, deviceCount: 1)?.id == .help)
    }

    /// The README's list is checked against the README itself in `ReadmeKeyListTests`.
    @Test func theHelpOverlayShowsEveryCommand() {
        let helpLines = HelpContent.lines(deviceCount: 2) + HelpContent.lines(deviceCount: 1)
        for command in CommandTable.all {
            let listed = helpLines.contains { if case .command(_, let help) = $0 { help == command.help } else { false } }
            #expect(listed, "\(command.id.rawValue) is in the help overlay")
        }
    }

    @Test func theFooterAlwaysKeepsItsLastEntryAtForty() {
        let state = Fixtures.state(size: Size(width: 40, height: 12))
        let screen = render(state, theme: ThemeCatalog.defaultTheme, size: Size(width: 40, height: 12))
        let footer = screen.text.split(separator: "\n").last.map(String.init) ?? ""
        #expect(footer.hasSuffix("q quit"))
    }
}
