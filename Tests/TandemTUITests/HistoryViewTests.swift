import Foundation
@testable import TandemCore
import Testing
@testable import TandemTUI

/// `u`, Ctrl-R and the `h` history view.
@Suite struct HistoryViewTests {
    static let entries = [
        JournalEntry(id: 1, date: Fixtures.minutesAgo(30), key: "theme", old: nil, new: "light", origin: .local),
        JournalEntry(id: 2, date: Fixtures.minutesAgo(20), key: "theme", old: "light", new: "solarized", origin: .pulled(sequence: 3)),
        JournalEntry(id: 3, date: Fixtures.minutesAgo(10), key: "theme", old: "solarized", new: nil, origin: .local),
        JournalEntry(id: 4, date: Fixtures.minutesAgo(5), key: "theme", old: nil, new: "dark", origin: .undo(of: 3)),
    ]

    @Test func uUndoesAndControlRRedoes() {
        var state = Fixtures.state()
        #expect(Fixtures.press([.character("u")], on: &state) == [.undo(device: 0)])
        #expect(Fixtures.press([.control("r")], on: &state) == [.redo(device: 0)])
        _ = reduce(&state, .notice("Undone: 'theme' is back, with 'dark'.", level: .success, device: 0))
        #expect(state.activeDevice.activity.last?.message == "Undone: 'theme' is back, with 'dark'.")
        _ = reduce(&state, .intentFinished(.undo, device: 0, failure: "There is no change made on this device to undo."))
        #expect(state.message?.text == "There is no change made on this device to undo.")
    }

    @Test func historyListsTheKeysChangesNewestFirstAndRestoresOne() {
        var state = Fixtures.state()
        Fixtures.press([.character("G")], on: &state)  // "theme"
        #expect(Fixtures.press([.character("h")], on: &state) == [.loadHistory(key: "theme", device: 0)])
        #expect(state.context == .history)
        #expect(RenderSnapshotTests.screen(state, Size(width: 80, height: 24)).text.contains("Reading the history…"))
        _ = reduce(&state, .history(Self.entries, key: "theme", device: 0))
        for size in [Size(width: 80, height: 24), Size(width: 40, height: 12)] {
            expectSnapshot(RenderSnapshotTests.screen(state, size), named: "history-\(size.width)x\(size.height)")
        }
        Fixtures.press([.down, .down], on: &state)  // the pulled 'solarized'
        let effects = Fixtures.press([.enter], on: &state)
        #expect(effects == [.setPreference(key: "theme", value: "solarized", device: 0)])
        #expect(state.mode == .browsing)
        #expect(state.message?.text == "Restored 'theme' to 'solarized' as a new edit (u takes it back).")
        // A deleted state restores as a deletion; Esc closes without a change.
        Fixtures.press([.character("h")], on: &state)
        _ = reduce(&state, .history(Self.entries, key: "theme", device: 0))
        #expect(Fixtures.press([.down, .enter], on: &state) == [.removePreference(key: "theme", device: 0)])
        Fixtures.press([.character("h")], on: &state)
        #expect(Fixtures.press([.escape], on: &state).isEmpty && state.mode == .browsing)
    }

    @Test func historyIsInertWhenTooSmall() {
        var state = Fixtures.state()
        Fixtures.press([.character("h")], on: &state)
        _ = reduce(&state, .history(Self.entries, key: "editor", device: 0))
        _ = reduce(&state, .resized(Size(width: 30, height: 8)))
        #expect(Fixtures.press([.down, .enter], on: &state).isEmpty)
        expectSnapshot(RenderSnapshotTests.screen(state, Size(width: 30, height: 8)), named: "history-small-30x8")
    }
}
