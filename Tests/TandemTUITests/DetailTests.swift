import Foundation
@testable import TandemCore
import Testing
@testable import TandemTUI

/// The detail view (`v`, Enter on an undecided conflict), its full-width editor, copy (`y`, `Y`) and the mouse.
@Suite struct DetailTests {
    static let common = String(repeating: "0123456789", count: 49)  // 490 characters
    static let longConflict = Conflict(key: "signature", base: ExactText(common + "base-end"),
                                       local: ExactText(common + "local-end!"), remote: ExactText(common + "remote-end"))

    /// A device whose pending merge has one long conflict (values of 500 characters differing only at the end).
    static func longConflictState(size: Size = Size(width: 80, height: 24)) -> AppState {
        var snapshot = Fixtures.signedIn()
        snapshot.phase = .awaitingResolution
        snapshot.preferences["signature"] = longConflict.local
        snapshot.pendingMerge = [PendingConflict(conflict: longConflict, choice: nil)]
        return Fixtures.state(snapshot, size: size)
    }

    static func screen(_ state: AppState, _ size: Size) -> Screen {
        var state = state
        _ = reduce(&state, .resized(size))
        return render(state, theme: RenderSnapshotTests.theme, size: size)
    }

    // MARK: Reducer

    @Test func vOpensTheSelectedPreferenceAndEscReturns() {
        var state = Fixtures.state()
        Fixtures.press([.character("j"), .character("j"), .character("v")], on: &state)
        guard case .detail(let detail) = state.mode else { Issue.record("v opens the detail view"); return }
        #expect(detail.subject == .preference(key: "greeting"))
        #expect(state.context == .detail)
        Fixtures.press([.escape], on: &state)
        #expect(state.mode == .browsing)
        #expect(state.activeDevice.selectedKey == "greeting", "the selection is where it was")
    }

    @Test func theEditorSavesAMultiLineValue() {
        var state = Fixtures.state()
        Fixtures.press([.character("v"), .character("e"), .control("u")] + Fixtures.typing("line one") + [.control("j")]
                       + Fixtures.typing("line two"), on: &state)
        #expect(state.context == .editor)
        let effects = Fixtures.press([.enter], on: &state)
        #expect(effects == [.setPreference(key: "editor", value: "line one\nline two", device: 0)])
        #expect(state.mode == .browsing)
    }

    @Test func eOnAMultiLineValueOpensTheFullWidthEditor() {
        var snapshot = Fixtures.signedIn()
        snapshot.preferences = ["motd": "one\ntwo"]
        var state = Fixtures.state(snapshot)
        Fixtures.press([.character("e")], on: &state)
        #expect(state.context == .editor)
        Fixtures.press([.control("j")] + Fixtures.typing("three"), on: &state)
        #expect(Fixtures.press([.enter], on: &state) == [.setPreference(key: "motd", value: "one\ntwo\nthree", device: 0)])
    }

    @Test func escInTheEditorGoesBackToReadingAndSavesNothing() {
        var state = Fixtures.state()
        let effects = Fixtures.press([.character("v"), .enter] + Fixtures.typing("xyz") + [.escape], on: &state)
        #expect(effects.isEmpty)
        #expect(state.context == .detail)
    }

    @Test func enterOnAnUndecidedConflictShowsItAndRTakesRemote() {
        var state = Self.longConflictState()
        #expect(state.context == .conflicts)
        Fixtures.press([.enter], on: &state)
        guard case .detail(let detail) = state.mode else { Issue.record("Enter opens the conflict's detail"); return }
        #expect(detail.subject == .conflict(key: "signature"))
        let effects = Fixtures.press([.character("r")], on: &state)
        #expect(effects == [.resolve(key: "signature", resolution: .takeRemote, device: 0)])
        #expect(state.context == .conflicts)
        #expect(state.activeDevice.conflictRows.first?.choice == .takeRemote)
    }

    @Test func eOnAConflictTypesTheNewValueInTheFullWidthEditor() {
        var state = Fixtures.state()
        _ = reduce(&state, .snapshot(Fixtures.conflicted(), device: 0))
        Fixtures.press([.character("e")], on: &state)
        #expect(state.context == .editor)
        Fixtures.press([.backspace, .backspace] + Fixtures.typing("15"), on: &state)
        let effects = Fixtures.press([.enter], on: &state)
        #expect(effects == [.resolve(key: "font.size", resolution: .use("15"), device: 0)])
        #expect(state.context == .conflicts)
        // Opened straight from the list, Esc goes back to the list.
        Fixtures.press([.character("e"), .escape], on: &state)
        #expect(state.context == .conflicts)
    }

    @Test func theDetailScrollsWithinItsText() {
        var state = Self.longConflictState(size: Size(width: 40, height: 12))
        Fixtures.press([.character("v")], on: &state)
        Fixtures.press([.character("G")], on: &state)
        guard case .detail(let bottom) = state.mode else { Issue.record("in the detail view"); return }
        #expect(bottom.lines.top > 0)
        #expect(bottom.lines.hiddenBelow(rows: state.detailGeometry(bottom).text.height) == 0)
        Fixtures.press([.character("g")], on: &state)
        guard case .detail(let top) = state.mode else { return }
        #expect(top.lines.top == 0)
    }

    @Test func keysDoNothingWhileTheTerminalIsTooSmall() {
        var state = Fixtures.state()
        _ = reduce(&state, .resized(Size(width: 30, height: 8)))
        let effects = Fixtures.press([.character("v"), .character("y"), .character("M")], on: &state)
        #expect(effects.isEmpty)
        #expect(state.mode == .browsing && !state.mouse)
    }

    // MARK: Copy

    @Test func yCopiesTheValueAndYTheKey() {
        var state = Fixtures.state()
        Fixtures.press([.character("G")], on: &state)
        #expect(Fixtures.press([.character("y")], on: &state) == [.copy(text: "dark")])
        #expect(state.message?.text.contains("'theme'") == true)
        #expect(Fixtures.press([.character("Y")], on: &state) == [.copy(text: "theme")])
        // In the detail view of a conflict: this device's value.
        var conflicted = Self.longConflictState()
        Fixtures.press([.character("v")], on: &conflicted)
        #expect(Fixtures.press([.character("y")], on: &conflicted) == [.copy(text: Self.common + "local-end!")])
    }

    // MARK: Mouse

    @Test func mouseIsOffByDefaultAndMTogglesIt() {
        var state = Fixtures.state()
        #expect(!state.mouse)
        #expect(reduce(&state, .mouse(MouseEvent(.click, at: Point(x: 5, y: 5)))).isEmpty)
        #expect(state.activeDevice.selection == 0, "clicks are ignored while the mouse is off")
        #expect(Fixtures.press([.character("M")], on: &state) == [.setMouse(on: true)])
        #expect(state.mouse)
        #expect(Fixtures.press([.character("M")], on: &state) == [.setMouse(on: false)])
    }

    @Test func aClickSelectsARowAndTheWheelScrolls() {
        var state = Fixtures.state()
        state.mouse = true
        // 80×24: the Preferences box starts on row 1; its header is row 2, so the first preference is row 3.
        _ = reduce(&state, .mouse(MouseEvent(.click, at: Point(x: 10, y: 5))))
        #expect(state.activeDevice.selection == 2)
        #expect(state.activeDevice.selectedKey == "greeting")
        _ = reduce(&state, .mouse(MouseEvent(.click, at: Point(x: 10, y: 20))))
        #expect(state.activeDevice.selection == 2, "a click under the last row selects nothing")
        _ = reduce(&state, .mouse(MouseEvent(.click, at: Point(x: 60, y: 20))))
        #expect(state.focus == .activity, "a click in the activity log focuses it")
    }

    @Test func aClickOnAConflictChoiceMakesIt() throws {
        var state = Self.longConflictState()
        state.mouse = true
        Fixtures.press([.character("v")], on: &state)
        guard case .detail(let detail) = state.mode else { Issue.record("in the detail view"); return }
        let choices = try #require(state.detailGeometry(detail).choices)
        let buttons = DetailButtons(in: choices, glyphs: .unicode)
        let remote = try #require(buttons.items.first { $0.choice == .takeRemote })
        let effects = reduce(&state, .mouse(MouseEvent(.click, at: Point(x: remote.x + 2, y: choices.y))))
        #expect(effects == [.resolve(key: "signature", resolution: .takeRemote, device: 0)])
    }

    // MARK: Render

    @Test(arguments: RenderSnapshotTests.sizes) func preferenceDetail(size: Size) {
        var state = Fixtures.state()
        var snapshot = Fixtures.signedIn()
        snapshot.preferences["motd"] = ExactText("Welcome back!\nToday: " + String(repeating: "sync ", count: 30) + "\nBye.")
        _ = reduce(&state, .snapshot(snapshot, device: 0))
        let row = state.activeDevice.row(of: "motd") ?? 0
        state.devices[0].selection = row
        Fixtures.press([.character("v")], on: &state)
        let screen = Self.screen(state, size)
        expectSnapshot(screen, named: "detail-preference-\(size.width)x\(size.height)")
        #expect(screen.text.contains("↵"), "line breaks are shown")
    }

    @Test(arguments: RenderSnapshotTests.sizes) func conflictDetail(size: Size) {
        var state = Self.longConflictState(size: size)
        Fixtures.press([.character("v"), .character("G")], on: &state)
        let screen = Self.screen(state, size)
        expectSnapshot(screen, named: "detail-conflict-\(size.width)x\(size.height)")
        #expect(screen.text.contains("⟦"), "the differing characters are marked in the text, not by colour alone")
        #expect(screen.role(of: "⟦") == .diffChanged)
    }

    @Test(arguments: RenderSnapshotTests.sizes) func editorDetail(size: Size) {
        var state = Self.longConflictState(size: size)
        Fixtures.press([.character("e"), .control("j")] + Fixtures.typing("second line"), on: &state)
        let screen = Self.screen(state, size)
        expectSnapshot(screen, named: "detail-editor-\(size.width)x\(size.height)")
        #expect(screen.cursor != nil)
    }

    @Test func tooSmallShowsOnlyTheNotice() {
        var state = Self.longConflictState()
        Fixtures.press([.character("v")], on: &state)
        let screen = Self.screen(state, Size(width: 30, height: 8))
        expectSnapshot(screen, named: "detail-small-30x8")
        #expect(screen.text.contains("Terminal too small"))
    }

    @Test func theConflictDetailReadsInMonochromeAndASCII() {
        var state = Self.longConflictState()
        state.asciiOnly = true
        Fixtures.press([.character("v"), .character("G")], on: &state)
        let screen = render(state, theme: ThemeCatalog.defaultTheme.withoutColor, size: Size(width: 80, height: 24))
        #expect(screen.text.contains("[[") && screen.text.contains("]]"))
        #expect(!screen.text.contains("⟦") && !screen.text.contains("↓"), "ASCII markers and cues only")
    }
}
