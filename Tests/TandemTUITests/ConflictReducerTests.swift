import Foundation
import TandemCore
import Testing
@testable import TandemTUI

/// The conflicts view: it opens by itself, sends each choice to the engine, and applies only when every key has one.
@Suite struct ConflictReducerTests {
    @Test func conflictsOpenByThemselvesAndChoicesAreSentOneByOne() {
        var state = Fixtures.state()
        _ = reduce(&state, .snapshot(Fixtures.conflicted(), device: 0))
        #expect(state.context == .conflicts)
        #expect(state.activeDevice.conflictRows.map(\.key) == ["font.size", "shell", "theme"])
        var effects = Fixtures.press([.character("l")], on: &state)
        #expect(effects == [.resolve(key: "font.size", resolution: .keepLocal, device: 0)])
        #expect(state.activeDevice.conflictSelection == 1, "moves on to the next undecided key")
        effects = Fixtures.press([.character("r")], on: &state)
        #expect(effects == [.resolve(key: "shell", resolution: .takeRemote, device: 0)])
        let typed = Fixtures.press([.character("e")] + Array(repeating: .backspace, count: 5) + Fixtures.typing("nord") + [.enter], on: &state)
        #expect(typed == [.resolve(key: "theme", resolution: .use("nord"), device: 0)])
        #expect(state.activeDevice.unresolvedCount == 0)
        effects = Fixtures.press([.enter], on: &state)
        #expect(effects == [.applyResolutions(device: 0)])
    }

    @Test func nothingIsAppliedWhileAKeyIsUndecided() {
        var state = Fixtures.state(Fixtures.conflicted())
        Fixtures.press([.character("l")], on: &state)
        let effects = Fixtures.press([.enter], on: &state)
        #expect(effects.isEmpty)
        #expect(state.message?.text == "2 keys still need a choice (l, r or e) before anything is pushed.")
    }

    @Test func allLocalAndAllRemoteDecideEveryRemainingKey() {
        var state = Fixtures.state(Fixtures.conflicted())
        var effects = Fixtures.press([.character("R")], on: &state)
        #expect(effects == [.resolveAll(side: .remote, device: 0)])
        #expect(state.activeDevice.conflictRows.allSatisfy { $0.choice == .takeRemote })
        var other = Fixtures.state(Fixtures.conflicted())
        effects = Fixtures.press([.character("L")], on: &other)
        #expect(effects == [.resolveAll(side: .local, device: 0)])
    }

    @Test func decidedKeysKeepTheirSidesAfterTheEngineMovesThemOut() {
        var state = Fixtures.state(Fixtures.conflicted())
        Fixtures.press([.character("l")], on: &state)
        _ = reduce(&state, .snapshot(Fixtures.conflicted(resolutions: ["font.size": .keepLocal]), device: 0))
        let row = state.activeDevice.conflictRows[0]
        #expect(row.conflict.local == "14" && row.choice == .keepLocal)
        // A UI started after the choice (or another process that made it) shows the same row: it is in the snapshot.
        let fresh = Fixtures.state(Fixtures.conflicted(resolutions: ["font.size": .takeRemote]))
        #expect(fresh.activeDevice.conflictRows[0].conflict.remote == "16" && fresh.activeDevice.conflictRows[0].choice == .takeRemote)
        #expect(fresh.activeDevice.unresolvedCount == 2)
    }

    @Test func escapeLeavesTheMergePendingAndQuitAsksFirst() {
        var state = Fixtures.state(Fixtures.conflicted())
        Fixtures.press([.escape], on: &state)
        #expect(state.context == .main)
        var effects = Fixtures.press([.character("q")], on: &state)
        #expect(effects.isEmpty)
        #expect(state.mode == .confirming(.quit(conflicts: 3)))
        effects = Fixtures.press([.character("y")], on: &state)
        #expect(effects == [.quit])
        Fixtures.press([.character("c")], on: &state)
        #expect(state.context == .conflicts)
    }

    @Test func editsDuringAPendingMergeAreSentAndSayWhereTheyGo() throws {
        var state = Fixtures.state(Fixtures.conflicted())
        Fixtures.press([.escape], on: &state)
        // "editor" is not in conflict: the engine keeps the edit and applies it on top of the merge's result.
        var effects = Fixtures.press([.character("g"), .character("e")] + Array(repeating: .backspace, count: 3) + Fixtures.typing("helix") + [.enter],
                                     on: &state)
        #expect(effects == [.setPreference(key: "editor", value: "helix", device: 0)])
        #expect(state.message?.text == "Saved; it applies on top of the merge once every conflict has a choice (c shows them).")
        // Saving "font.size" unchanged decides nothing (the engine ignores an edit that changes nothing).
        state.activeDevice.selection = try #require(state.activeDevice.row(of: "font.size"))
        Fixtures.press([.character("e"), .enter], on: &state)
        #expect(state.activeDevice.conflictRows[0].choice == nil)
        // "theme" is: the edit is that key's choice.
        state.activeDevice.selection = try #require(state.activeDevice.row(of: "theme"))
        effects = Fixtures.press([.character("e"), .character("!"), .enter], on: &state)
        #expect(effects == [.setPreference(key: "theme", value: "light!", device: 0)])
        #expect(state.message?.text == "Saved as the choice for the conflict on 'theme' (c shows it; l or r there still changes it).")
        #expect(state.activeDevice.conflictRows[2].choice == .edited("light!"), "shown as the key's choice at once")
        _ = reduce(&state, .snapshot(Fixtures.conflicted(resolutions: ["theme": .edited("light!")]), device: 0))
        #expect(state.activeDevice.conflictRows[2].choice == .edited("light!"))
        #expect(state.activeDevice.unresolvedCount == 2)
        effects = Fixtures.press([.character("a")] + Fixtures.typing("new.key") + [.tab] + Fixtures.typing("1") + [.enter], on: &state)
        #expect(effects == [.setPreference(key: "new.key", value: "1", device: 0)])
        state.activeDevice.selection = try #require(state.activeDevice.row(of: "language"))
        effects = Fixtures.press([.character("d"), .character("y")], on: &state)
        #expect(effects == [.removePreference(key: "language", device: 0)])
        #expect(state.activeDevice.hasPendingMerge, "the merge still waits for its choices")
    }

    @Test func syncWithEveryKeyDecidedPointsToEnter() {
        var state = Fixtures.state(Fixtures.conflicted(resolutions: ["font.size": .keepLocal, "shell": .edited(nil), "theme": .takeRemote]))
        Fixtures.press([.escape], on: &state)
        #expect(Fixtures.press([.character("s")], on: &state).isEmpty)
        #expect(state.context == .conflicts)
        #expect(state.message?.text == "Every conflicting key has a choice: Enter applies them and pushes.")
        #expect(Fixtures.press([.enter], on: &state) == [.applyResolutions(device: 0)])
    }

    @Test func quitWithoutConflictsQuitsAtOnce() {
        var state = Fixtures.state()
        var effects = Fixtures.press([.character("q")], on: &state)
        #expect(effects == [.quit])
        effects = reduce(&state, .interrupted)
        #expect(effects == [.quit])
    }

    @Test func settledConflictsCloseTheView() {
        var state = Fixtures.state(Fixtures.conflicted())
        _ = reduce(&state, .snapshot(Fixtures.signedIn(), device: 0))
        #expect(state.context == .main)
        #expect(state.message?.text == "Conflicts resolved.")
    }
}
