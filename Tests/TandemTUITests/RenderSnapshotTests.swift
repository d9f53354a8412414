import Foundation
@testable import TandemCore
import Testing
@testable import TandemTUI

/// The main states rendered as text at 80×24 and 40×12 (and the demo at 120×40), compared with `Snapshots/`.
@Suite struct RenderSnapshotTests {
    static let theme = ThemeCatalog.defaultTheme
    static let sizes = [Size(width: 80, height: 24), Size(width: 40, height: 12)]

    static func screen(_ state: AppState, _ size: Size) -> Screen {
        var state = state
        _ = reduce(&state, .resized(size))
        return render(state, theme: theme, size: size)
    }

    @Test(arguments: sizes) func normal(size: Size) {
        var state = Fixtures.state()
        Fixtures.press([.character("G")], on: &state)
        let screen = Self.screen(state, size)
        expectSnapshot(screen, named: "normal-\(size.width)x\(size.height)")
        #expect(screen.role(of: "~") == .markerChanged)
    }

    @Test(arguments: sizes) func editing(size: Size) {
        var state = Fixtures.state()
        Fixtures.press([.character("G"), .character("e"), .backspace, .backspace, .backspace, .backspace] + Fixtures.typing("nord"), on: &state)
        let screen = Self.screen(state, size)
        expectSnapshot(screen, named: "editing-\(size.width)x\(size.height)")
        #expect(screen.cursor != nil, "the cursor blinks in the field being edited")
    }

    @Test(arguments: sizes) func conflicts(size: Size) {
        var state = Fixtures.state()
        // "theme" was edited in the preferences while the merge waited: that edit is its choice.
        _ = reduce(&state, .snapshot(Fixtures.conflicted(resolutions: ["theme": .edited("nord")]), device: 0))
        Fixtures.press([.character("l")], on: &state)
        let screen = Self.screen(state, size)
        expectSnapshot(screen, named: "conflicts-\(size.width)x\(size.height)")
        #expect(screen.role(of: "deleted") == .conflictDeleted)
        if size.width >= Layout.conflictTableWidth {
            #expect(screen.role(of: "keep local") == .conflictLocal)
            #expect(screen.role(of: "edited: nord") == .conflictNew)
        }
    }

    @Test(arguments: sizes) func offline(size: Size) {
        let screen = Self.screen(Fixtures.state(Fixtures.offline()), size)
        expectSnapshot(screen, named: "offline-\(size.width)x\(size.height)")
        #expect(screen.role(of: "offline") == .statusOffline)
    }

    @Test(arguments: sizes) func help(size: Size) {
        var state = Fixtures.state()
        Fixtures.press([.character("?")], on: &state)
        expectSnapshot(Self.screen(state, size), named: "help-\(size.width)x\(size.height)")
    }

    @Test(arguments: [Size(width: 39, height: 24), Size(width: 80, height: 11), Size(width: 30, height: 10)])
    func smallTerminal(size: Size) {
        let screen = Self.screen(Fixtures.state(), size)
        expectSnapshot(screen, named: "small-\(size.width)x\(size.height)")
        #expect(screen.text.contains("Terminal too small"))
    }

    @Test(arguments: sizes) func registerDialog(size: Size) {
        var state = Fixtures.state(Fixtures.signedOut())
        Fixtures.press([.escape, .character("n")] + Fixtures.typing("joe@example.com") + [.enter] + Fixtures.typing("hunter2"), on: &state)
        let screen = Self.screen(state, size)
        expectSnapshot(screen, named: "register-\(size.width)x\(size.height)")
        #expect(!screen.text.contains("hunter2"), "passwords are never echoed")
    }

    @Test func keyDerivationProgressInTheLoginDialog() {
        var state = Fixtures.state(Fixtures.signedOut())
        Fixtures.press([.escape, .character("i")] + Fixtures.typing("joe@example.com") + [.enter] + Fixtures.typing("pw") + [.enter], on: &state)
        var snapshot = Fixtures.signedOut()
        snapshot.derivation = DerivationStatus(purpose: "Deriving keys", fraction: 0.4)
        _ = reduce(&state, .snapshot(snapshot, device: 0))
        expectSnapshot(Self.screen(state, Size(width: 80, height: 24)), named: "deriving-80x24")
    }

    @Test(arguments: [Size(width: 120, height: 40), Size(width: 80, height: 24), Size(width: 40, height: 12)])
    func demo(size: Size) {
        let screen = Self.screen(Fixtures.demo(), size)
        expectSnapshot(screen, named: "demo-\(size.width)x\(size.height)")
        #expect(screen.text.contains("weakened key derivation"))
    }

    @Test func wideAndCombiningCharactersKeepTheColumnsAligned() {
        var preferences = Fixtures.preferences
        preferences["café\u{301}"] = "naïve"
        preferences["日本語"] = "テーマ"
        let screen = Self.screen(Fixtures.state(Fixtures.signedIn(preferences: preferences, localChanges: [])), Size(width: 80, height: 24))
        let lines = screen.text.split(separator: "\n").map(String.init)
        let rows = lines.filter { $0.contains("テーマ") || $0.contains("naïve") || $0.contains("héllo") }
        #expect(rows.count == 3)
        // Every row's right border sits in the same display column.
        let borderColumns = lines.dropFirst().prefix(20).map { line -> Int in
            guard let border = line.firstIndex(of: "┃").map({ line.index(after: $0) }), let end = line[border...].firstIndex(of: "┃") else { return -1 }
            return DisplayWidth.of(line[..<end])
        }
        #expect(Set(borderColumns.filter { $0 >= 0 }).count == 1)
    }

    @Test func tenThousandPreferencesRenderOnlyTheVisibleRows() {
        let many = Preferences(uniqueKeysWithValues: (0..<10_000).map { (ExactText(String(format: "key.%05d", $0)), ExactText("value \($0)")) })
        var state = Fixtures.state(Fixtures.signedIn(preferences: many, localChanges: []))
        Fixtures.press([.character("G")], on: &state)
        let screen = Self.screen(state, Size(width: 80, height: 24))
        #expect(screen.text.contains("key.09999"))
        #expect(screen.text.contains("Preferences (10000)"))
    }
}
