import Foundation
import TandemCore
import Testing
@testable import TandemTUI

@Suite struct ReducerTests {
    // MARK: Preferences

    @Test func movingStopsAtBothEnds() {
        var state = Fixtures.state()
        #expect(state.activeDevice.selectedKey == "editor")
        Fixtures.press([.down, .character("j"), .character("j")], on: &state)
        #expect(state.activeDevice.selectedKey == "language")
        Fixtures.press([.character("G"), .down], on: &state)
        #expect(state.activeDevice.selectedKey == "theme")
        Fixtures.press([.home, .up, .character("k")], on: &state)
        #expect(state.activeDevice.selectedKey == "editor")
    }

    @Test func enterEditsInPlaceAndSavesTheTypedValue() {
        var state = Fixtures.state()
        var effects = Fixtures.press([.enter], on: &state)
        #expect(effects.isEmpty)
        #expect(state.context == .editing)
        effects = Fixtures.press([.backspace, .backspace, .backspace] + Fixtures.typing("emacs") + [.enter], on: &state)
        #expect(effects == [.setPreference(key: "editor", value: "emacs", device: 0)])
        #expect(state.mode == .browsing)
    }

    @Test func shiftATogglesAutoSyncAndTheSyncPaneShowsIt() {
        var state = Fixtures.state()
        #expect(render(state, theme: ThemeCatalog.defaultTheme, size: state.size).text.contains("Auto-sync on"))
        var effects = Fixtures.press([.character("A")], on: &state)
        #expect(effects == [.setAutoSync(on: false, device: 0)])
        #expect(state.message?.text == "Auto-sync off: edits stay here until you press s.")
        var off = Fixtures.signedIn()
        off.autoSync = false
        _ = reduce(&state, .snapshot(off, device: 0))
        #expect(render(state, theme: ThemeCatalog.defaultTheme, size: state.size).text.contains("Auto-sync off: s syncs"))
        effects = Fixtures.press([.character("A")], on: &state)
        #expect(effects == [.setAutoSync(on: true, device: 0)])
    }

    @Test func anotherServerForASignedInDeviceIsAnExplicitMove() {
        var state = Fixtures.state()
        Fixtures.press([.character("S"), .control("u")] + Fixtures.typing("http://other:8090") + [.enter], on: &state)
        #expect(state.mode == .confirming(.changeServer(server: "http://other:8090", from: "http://127.0.0.1:8090", email: "joe@example.com", device: 0)))
        #expect(render(state, theme: ThemeCatalog.defaultTheme, size: state.size).text.contains("Move this device to http://other:8090?"))
        #expect(Fixtures.press([.character("n")], on: &state).isEmpty, "no: nothing changes")
        Fixtures.press([.character("S"), .control("u")] + Fixtures.typing("http://other:8090") + [.enter], on: &state)
        #expect(Fixtures.press([.character("y")], on: &state) == [.changeServer(server: "http://other:8090", device: 0)])
        _ = reduce(&state, .intentFinished(.changeServer, device: 0, failure: nil))
        #expect(state.message?.text == "Now using http://other:8090: press i to log in there or n to create an account.")
    }

    @Test func anotherProcessesChangesShowWithoutAnyKey() {
        // The engine publishes a snapshot when another process (a CLI `prefs set`) changes the profile file.
        var state = Fixtures.state()
        var changed = Fixtures.signedIn()
        changed.preferences["cli.edit"] = "1"
        changed.localChanges.append(LocalChange(key: "cli.edit", kind: .added))
        let effects = reduce(&state, .snapshot(changed, device: 0))
        #expect(effects.isEmpty, "the UI only shows it; it never writes state back")
        #expect(state.activeDevice.row(of: "cli.edit") != nil)
        #expect(state.activeDevice.markers["cli.edit"] == .added)
        #expect(state.activeDevice.selectedKey == "editor", "the selection stays where it was")
    }

    @Test func escapeDropsAnEdit() {
        var state = Fixtures.state()
        let effects = Fixtures.press([.character("e")] + Fixtures.typing("xyz") + [.escape], on: &state)
        #expect(effects.isEmpty)
        #expect(state.mode == .browsing)
    }

    @Test func addingAsksForKeyAndValueThenSelectsTheNewKey() {
        var state = Fixtures.state()
        let effects = Fixtures.press([.character("a")] + Fixtures.typing("pager") + [.tab] + Fixtures.typing("less") + [.enter], on: &state)
        #expect(effects == [.setPreference(key: "pager", value: "less", device: 0)])
        var snapshot = Fixtures.signedIn()
        snapshot.preferences["pager"] = "less"
        _ = reduce(&state, .snapshot(snapshot, device: 0))
        #expect(state.activeDevice.selectedKey == "pager")
    }

    @Test func addingRefusesAnEmptyKey() {
        var state = Fixtures.state()
        let effects = Fixtures.press([.character("a"), .enter, .enter], on: &state)
        #expect(effects.isEmpty)
        guard case .dialog(let dialog) = state.mode else { Issue.record("the dialog stays open"); return }
        #expect(dialog.error == "Enter a key.")
    }

    @Test func deletingAsksFirst() {
        var state = Fixtures.state()
        var effects = Fixtures.press([.character("d")], on: &state)
        #expect(effects.isEmpty)
        #expect(state.mode == .confirming(.delete(key: "editor", device: 0)))
        effects = Fixtures.press([.character("n")], on: &state)
        #expect(effects.isEmpty)
        #expect(state.mode == .browsing)
        effects = Fixtures.press([.character("d"), .character("y")], on: &state)
        #expect(effects == [.removePreference(key: "editor", device: 0)])
    }

    @Test func loggingOutAsksFirstAndIsRefusedWhenThereIsNothingToLeave() {
        var state = Fixtures.state()
        var effects = Fixtures.press([.character("o")], on: &state)
        guard case .confirming(.logOut(let email, device: 0)) = state.mode else {
            Issue.record("o asks before logging out")
            return
        }
        #expect(email == state.activeDevice.snapshot.email)
        effects = Fixtures.press([.escape], on: &state)
        #expect(effects.isEmpty && state.mode == .browsing)
        effects = Fixtures.press([.character("o"), .character("y")], on: &state)
        #expect(effects == [.logOut(device: 0)])
        _ = reduce(&state, .intentFinished(.logOut, device: 0, failure: nil))
        #expect(state.message?.text == "Logged out; press i to log in again.")

        var signedOut = Fixtures.state(Fixtures.signedOut())
        Fixtures.press([.escape], on: &signedOut)  // the server dialog a signed-out device opens with
        #expect(Fixtures.press([.character("o")], on: &signedOut).isEmpty)
        #expect(signedOut.mode == .browsing, "nothing to log out of")
        var merging = Fixtures.state(Fixtures.conflicted())
        merging.activeDevice.conflictsOpen = false
        #expect(Fixtures.press([.character("o")], on: &merging).isEmpty)
        #expect(merging.mode == .browsing, "the pending merge is decided first")
    }

    @Test func filterNarrowsByKeyOrValueAndEscapeClearsIt() {
        var state = Fixtures.state()
        Fixtures.press([.character("/")] + Fixtures.typing("EN"), on: &state)
        #expect(state.activeDevice.rowCount == 1)  // "language" = "en" (case-insensitive, key or value)
        Fixtures.press([.backspace, .backspace] + Fixtures.typing("s"), on: &state)
        #expect((0..<state.activeDevice.rowCount).map { state.activeDevice.key(atRow: $0) } == ["font.size", "shell"])
        Fixtures.press([.enter], on: &state)
        #expect(state.mode == .browsing && state.activeDevice.filter == "s")
        Fixtures.press([.character("/"), .escape], on: &state)
        #expect(state.activeDevice.rowCount == 6)
    }

    @Test func theFilterIsAnEditableField() {
        var state = Fixtures.state()
        Fixtures.press([.character("/")] + Fixtures.typing("ell") + [.home] + Fixtures.typing("sh"), on: &state)
        #expect(state.activeDevice.filter == "shell")
        #expect(state.activeDevice.rowCount == 1)
        Fixtures.press([.end, .backspace, .backspace, .backspace, .backspace], on: &state)
        #expect(state.activeDevice.filter == "s")
    }

    @Test func aSignalQuitsWithoutAskingEvenWithConflicts() {
        var state = Fixtures.state(Fixtures.conflicted())
        #expect(reduce(&state, .interrupted) == [.quit])
    }

    @Test func selectionFollowsItsKeyWhenSnapshotsChangeTheList() {
        var state = Fixtures.state()
        Fixtures.press([.character("G")], on: &state)
        var snapshot = Fixtures.signedIn()
        snapshot.preferences["aardvark"] = "first"
        _ = reduce(&state, .snapshot(snapshot, device: 0))
        #expect(state.activeDevice.selectedKey == "theme")
        #expect(state.activeDevice.markers["theme"] == .changed)
    }

    @Test func localDeletionsStayListedWithTheirMarker() {
        var snapshot = Fixtures.signedIn(localChanges: [LocalChange(key: "pager", kind: .deleted)])
        snapshot.preferences["pager"] = nil
        let state = Fixtures.state(snapshot)
        #expect(state.activeDevice.keys.contains("pager"))
        #expect(state.activeDevice.markers["pager"] == .deleted)
    }

    // MARK: Sync and account

    @Test func syncStartsTheIntentOnlyWhenSignedIn() {
        var state = Fixtures.state()
        var effects = Fixtures.press([.character("s")], on: &state)
        #expect(effects == [.sync(device: 0)])
        var signedOut = Fixtures.state(Fixtures.signedOut())
        _ = reduce(&signedOut, .key(.escape))  // the server dialog opens by itself on first run
        effects = Fixtures.press([.character("s")], on: &signedOut)
        #expect(effects.isEmpty)
        #expect(signedOut.message?.level == .warning)
    }

    @Test func firstRunAsksForTheServerThenRegisters() {
        var state = Fixtures.state(Fixtures.signedOut())
        guard case .dialog(let dialog) = state.mode, dialog.kind == .server else { Issue.record("server dialog expected"); return }
        Fixtures.press(Array(repeating: .backspace, count: 30) + Fixtures.typing("http://sync.example:8090") + [.enter], on: &state)
        #expect(state.activeDevice.serverChoice == "http://sync.example:8090")
        let effects = Fixtures.press([.character("n")] + Fixtures.typing("joe@example.com") + [.enter]
                                     + Fixtures.typing("secret") + [.enter] + Fixtures.typing("secret") + [.enter], on: &state)
        #expect(effects == [.register(server: "http://sync.example:8090", email: "joe@example.com", password: "secret", device: 0)])
        guard case .dialog(let busy) = state.mode else { Issue.record("the dialog waits for the engine"); return }
        #expect(busy.busy)
        #expect(busy.fields.allSatisfy { !$0.input.secret || $0.input.text.isEmpty }, "passwords are not kept once sent")
    }

    @Test func aBadServerURLIsRefusedInTheDialog() {
        var state = Fixtures.state(Fixtures.signedOut())
        Fixtures.press(Array(repeating: .backspace, count: 30) + Fixtures.typing("ftp:/nope") + [.enter], on: &state)
        guard case .dialog(let dialog) = state.mode else { Issue.record("dialog stays open"); return }
        #expect(dialog.error == "'ftp:/nope' is not a server URL: a server URL looks like http://127.0.0.1:8090.")
    }

    @Test func mismatchedPasswordsNeverReachTheEngine() {
        var state = Fixtures.state(Fixtures.signedOut())
        Fixtures.press([.escape], on: &state)
        let effects = Fixtures.press([.character("n")] + Fixtures.typing("joe@example.com") + [.tab] + Fixtures.typing("one")
                                     + [.tab] + Fixtures.typing("two") + [.enter], on: &state)
        #expect(effects.isEmpty)
        guard case .dialog(let dialog) = state.mode else { Issue.record("dialog stays open"); return }
        #expect(dialog.error == "The passwords do not match; type them again.")
        #expect(dialog.value(1).isEmpty && dialog.value(2).isEmpty)
    }

    @Test func anEngineRefusalShowsInTheDialogAndSuccessClosesIt() {
        var state = Fixtures.state(Fixtures.signedOut())
        Fixtures.press([.escape, .character("i")] + Fixtures.typing("joe@example.com") + [.enter] + Fixtures.typing("pw") + [.enter], on: &state)
        _ = reduce(&state, .intentFinished(.logIn, device: 0, failure: "Wrong password."))
        guard case .dialog(let dialog) = state.mode else { Issue.record("dialog stays open"); return }
        #expect(dialog.error == "Wrong password." && !dialog.busy)
        Fixtures.press(Fixtures.typing("right") + [.enter], on: &state)
        _ = reduce(&state, .intentFinished(.logIn, device: 0, failure: nil))
        #expect(state.mode == .browsing)
        #expect(state.message?.level == .success)
    }

    @Test func aPasswordChangedElsewhereOpensTheReenterDialog() {
        var state = Fixtures.state()
        var snapshot = Fixtures.signedIn()
        snapshot.phase = .needsPassword
        _ = reduce(&state, .snapshot(snapshot, device: 0))
        guard case .dialog(let dialog) = state.mode else { Issue.record("dialog expected"); return }
        #expect(dialog.kind == .reenterPassword)
        let effects = Fixtures.press(Fixtures.typing("new one") + [.enter], on: &state)
        #expect(effects == [.adoptNewPassword(password: "new one", device: 0)])
    }

    @Test func changingThePasswordChecksTheRepeat() {
        var state = Fixtures.state()
        let effects = Fixtures.press([.character("p")] + Fixtures.typing("old") + [.enter] + Fixtures.typing("new") + [.enter]
                                     + Fixtures.typing("new") + [.enter], on: &state)
        #expect(effects == [.changePassword(old: "old", new: "new", device: 0)])
    }

    // MARK: Demo, themes, help, time

    @Test func tabSwitchesDeviceInTheDemoAndPaneOtherwise() {
        var demo = Fixtures.demo()
        Fixtures.press([.tab], on: &demo)
        #expect(demo.active == 1 && demo.focus == .preferences)
        let effects = Fixtures.press([.character("s")], on: &demo)
        #expect(effects == [.sync(device: 1)])
        var single = Fixtures.state()
        Fixtures.press([.tab], on: &single)
        #expect(single.active == 0 && single.focus == .activity)
    }

    @Test func conflictsOnTheOtherDeviceBringItForward() {
        var demo = Fixtures.demo()
        _ = reduce(&demo, .snapshot(Fixtures.conflicted(), device: 1))
        #expect(demo.active == 1 && demo.context == .conflicts)
        #expect(demo.message?.text.hasPrefix("desktop: 3 conflicting keys") == true)
    }

    @Test func themesCycleAndHelpScrollsAndCloses() {
        var state = Fixtures.state()
        Fixtures.press([.character("t"), .character("t")], on: &state)
        #expect(state.themeName == "high-contrast")
        Fixtures.press([.character("?"), .down, .down], on: &state)
        #expect(state.mode == .help(scroll: 2))
        Fixtures.press([.character("q")], on: &state)
        #expect(state.mode == .browsing)
    }

    @Test func messagesExpireWithTheClock() {
        var state = Fixtures.state()
        state.show("Theme: light.")
        _ = reduce(&state, .tick(Fixtures.now.addingTimeInterval(3)))
        #expect(state.message != nil)
        _ = reduce(&state, .tick(Fixtures.now.addingTimeInterval(9)))
        #expect(state.message == nil)
    }

    @Test func scrollingKeepsTheSelectionVisibleAfterAResize() {
        let many = Preferences(uniqueKeysWithValues: (0..<100).map { (ExactText(String(format: "key%03d", $0)), ExactText("value \($0)")) })
        var state = Fixtures.state(Fixtures.signedIn(preferences: many, localChanges: []))
        Fixtures.press([.character("G")], on: &state)
        #expect(state.activeDevice.top > 0)
        _ = reduce(&state, .resized(Size(width: 40, height: 12)))
        let rows = Layout(state: state, size: state.size).preferenceRows(for: 0, filterLine: false)
        #expect(state.activeDevice.selection >= state.activeDevice.top && state.activeDevice.selection < state.activeDevice.top + rows)
    }
}
