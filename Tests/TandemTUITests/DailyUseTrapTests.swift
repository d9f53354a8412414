import Foundation
@testable import TandemCore
import Testing
@testable import TandemTUI

/// The traps a person who lives in the UI hit (issue 10), each pinned by a test written before its fix.
@Suite struct DailyUseTrapTests {
    static let theme = ThemeCatalog.defaultTheme

    static func screen(_ state: AppState, _ size: Size? = nil) -> Screen {
        render(state, theme: theme, size: size ?? state.size)
    }

    // MARK: Too small

    @Test func keysDoNothingWhileTheTerminalIsTooSmall() {
        var state = Fixtures.state()
        _ = reduce(&state, .resized(Size(width: 30, height: 8)))
        let before = state.activeDevice.selectedKey
        // Blind typing at 30×8 once deleted a preference: g d y.
        let effects = Fixtures.press(Fixtures.typing("gdyGjeas/x") + [.enter, .escape, .tab, .control("u"), .paste("pasted")], on: &state)
        #expect(effects.isEmpty)
        #expect(state.mode == .browsing)
        #expect(state.activeDevice.selectedKey == before)
        #expect(state.activeDevice.filter.isEmpty)
        _ = reduce(&state, .resized(Size(width: 80, height: 24)))
        #expect(state.mode == .browsing, "nothing was opened behind the notice")
    }

    @Test func aHiddenDialogGetsNoLetters() {
        var state = Fixtures.state(Fixtures.signedOut())  // opens the server dialog by itself
        guard case .dialog(let before) = state.mode else { Issue.record("the server dialog opens"); return }
        _ = reduce(&state, .resized(Size(width: 20, height: 5)))
        Fixtures.press(Fixtures.typing("hello") + [.backspace, .enter], on: &state)
        #expect(state.mode == .dialog(before), "the hidden dialog is exactly as it was")
    }

    @Test func qQuitsWhileTooSmallEvenWithConflictsWaiting() {
        var state = Fixtures.state(Fixtures.conflicted())
        _ = reduce(&state, .resized(Size(width: 30, height: 8)))
        #expect(Fixtures.press([.character("q")], on: &state) == [.quit])
    }

    @Test(arguments: [Size(width: 30, height: 8), Size(width: 20, height: 5)])
    func tooSmallShowsOnlyTheNotice(size: Size) {
        var state = Fixtures.state()
        _ = reduce(&state, .resized(size))
        expectSnapshot(Self.screen(state), named: "daily-small-\(size.width)x\(size.height)")
    }

    // MARK: Filter

    @Test func escapeClearsAnAppliedFilterFromTheMainView() {
        var state = Fixtures.state()
        Fixtures.press([.character("/")] + Fixtures.typing("sh") + [.enter], on: &state)
        #expect(state.activeDevice.rowCount == 1)
        #expect(Self.screen(state).text.contains("Esc clear filter"), "the footer offers it while a filter is applied")
        Fixtures.press([.escape], on: &state)
        #expect(state.activeDevice.filter.isEmpty)
        #expect(state.activeDevice.rowCount == 6)
        #expect(!Self.screen(state).text.contains("clear filter"), "and not without one")
    }

    // MARK: Adding an existing key

    @Test func addingAnExistingKeyAsksBeforeReplacingAndLogsIt() {
        var state = Fixtures.state()
        var effects = Fixtures.press([.character("a")] + Fixtures.typing("editor") + [.tab] + Fixtures.typing("nano") + [.enter], on: &state)
        #expect(effects.isEmpty, "nothing is overwritten without a yes")
        #expect(state.mode == .confirming(.overwrite(key: "editor", value: "nano", old: "vim", device: 0)))
        #expect(Self.screen(state).text.contains("'editor' already exists"))
        effects = Fixtures.press([.character("n")], on: &state)
        #expect(effects.isEmpty)
        effects = Fixtures.press([.character("a")] + Fixtures.typing("editor") + [.tab] + Fixtures.typing("nano") + [.enter, .character("y")], on: &state)
        #expect(effects == [.setPreference(key: "editor", value: "nano", device: 0)])
        #expect(state.activeDevice.activity.last?.message == "Replaced the value of 'editor' (was 'vim') with 'nano'.")
    }

    // MARK: One story about the server

    @Test func offlineIsNotShownBesideConnectedNotices() {
        var snapshot = Fixtures.offline()
        snapshot.feed = .connected  // the websocket came back after the request failed
        let text = Self.screen(Fixtures.state(snapshot)).text
        #expect(!text.contains("offline"))
        #expect(text.contains("server back; last fail"))
        expectSnapshot(Self.screen(Fixtures.state(snapshot)), named: "daily-link-back-80x24")
    }

    @Test func aRefusedSignInIsNotReportedAsOK() {
        var snapshot = Fixtures.signedIn()
        snapshot.phase = .needsPassword
        snapshot.connection = .online(latency: .milliseconds(9))  // the 401 was an answer
        snapshot.feed = .closedByServer("password changed")
        var state = Fixtures.state(snapshot)
        state.mode = .browsing
        let text = Self.screen(state).text
        #expect(!text.contains("ok in"))
        #expect(text.contains("refused: new password"))
    }

    @Test func internalErrorTextBecomesSentences() {
        let nio = "SingleConnectionFailure(target: [IPv4]127.0.0.1/127.0.0.1:9, error: connection reset (error set): Connection refused (errno: 111))"
        #expect(ErrorWords.plain(nio) == "the server refused the connection (is it running?)")
        let url = "cannot reach the server: http://h:1 (The operation could not be completed. (NSURLErrorDomain error -1000.))"
        #expect(ErrorWords.plain(url) == "cannot reach the server: http://h:1 (the server URL is not valid)")
        #expect(ErrorWords.plain("cannot reach the server: http://h:1 (Connection refused)") == "cannot reach the server: http://h:1 (Connection refused)")
        var snapshot = Fixtures.offline()
        snapshot.connection = .offline(url)
        snapshot.feed = .reconnecting(at: Fixtures.now.addingTimeInterval(3), reason: nio)
        let text = Self.screen(Fixtures.state(snapshot), Size(width: 200, height: 40)).text
        #expect(!text.contains("NSURLErrorDomain") && !text.contains("SingleConnectionFailure"))
        #expect(OutcomeWords.failure(SyncOutcome.serverUnreachable(url), hints: .keys) == "Cannot reach the server: http://h:1 (the server URL is not valid).")
    }

    @Test func serverURLsAreValidatedWithTheirPort() {
        #expect(ServerURL.problem("http://127.0.0.1:99999") != nil)
        #expect(ServerURL.problem("http://127.0.0.1:0") != nil)
        #expect(ServerURL.problem("ftp://example.com") != nil)
        #expect(ServerURL.problem("http://") != nil)
        #expect(ServerURL.problem("example.com") != nil)
        #expect(ServerURL.problem("http://127.0.0.1:65535") == nil)
        #expect(ServerURL.problem("https://tandem.example.com") == nil)
        var state = Fixtures.state()
        Fixtures.press([.character("S"), .control("u")] + Fixtures.typing("http://127.0.0.1:99999") + [.enter], on: &state)
        guard case .dialog(let dialog) = state.mode else { Issue.record("the dialog stays open"); return }
        #expect(dialog.error == "The port must be a number from 1 to 65535, not 99999.")
    }

    // MARK: Key derivation

    @Test func derivationProgressHasItsOwnLineAndNoFalseCancel() {
        var state = Fixtures.state(Fixtures.signedOut())
        Fixtures.press([.escape, .character("i")] + Fixtures.typing("joe@example.com") + [.enter] + Fixtures.typing("pw") + [.enter], on: &state)
        var snapshot = Fixtures.signedOut()
        snapshot.derivation = DerivationStatus(purpose: "Deriving keys for the new account", fraction: 0.18)
        _ = reduce(&state, .snapshot(snapshot, device: 0))
        #expect(state.context == .waiting)
        for size in [Size(width: 80, height: 24), Size(width: 40, height: 12)] {
            let screen = Self.screen(state, size)
            expectSnapshot(screen, named: "daily-deriving-\(size.width)x\(size.height)")
            #expect(!screen.text.contains("Esc cancel"), "Esc cannot stop key derivation")
        }
        #expect(Self.screen(state).text.contains("Deriving keys for the new account…"))
        // Typing while it works changes nothing; Esc hides the dialog, and a failure reaches the activity log.
        Fixtures.press(Fixtures.typing("abc"), on: &state)
        Fixtures.press([.escape], on: &state)
        #expect(state.mode == .browsing)
        _ = reduce(&state, .intentFinished(.logIn, device: 0, failure: "Wrong password."))
        #expect(state.activeDevice.activity.last?.message == "Wrong password.")
        #expect(state.activeDevice.activity.last?.level == .error)
    }

    // MARK: Conflicts

    @Test func onceEveryKeyHasAChoiceFooterTitleAndSAgree() {
        var state = Fixtures.state(Fixtures.conflicted())
        var text = Self.screen(state).text
        #expect(!text.contains("Enter apply"), "nothing to apply while keys are undecided")
        Fixtures.press([.character("L")], on: &state)
        text = Self.screen(state).text
        #expect(text.contains("Enter apply"))
        #expect(text.contains("choices made: Enter applies") || text.contains("Enter applies"))
        state.activeDevice.conflictsOpen = false
        Fixtures.press([.character("s")], on: &state)
        #expect(state.message?.text == "Every conflicting key has a choice: Enter applies them and pushes.")
    }

    @Test func allRemoteAfterAllLocalChangesEveryChoice() {
        var state = Fixtures.state(Fixtures.conflicted())
        Fixtures.press([.character("L")], on: &state)
        let effects = Fixtures.press([.character("R")], on: &state)
        #expect(effects == Fixtures.conflicts.map { .resolve(key: $0.key, resolution: .takeRemote, device: 0) })
        #expect(state.activeDevice.conflictRows.allSatisfy { $0.choice == .takeRemote })
        #expect(state.message?.text == "Changed 3 choices: every key now takes the other device's value; Enter applies.")
    }

    // MARK: Footer and help

    @Test func footerAndHelpOfferOnlyWhatApplies() {
        var empty = Fixtures.state(Fixtures.signedIn(preferences: [:], localChanges: []))
        var text = Self.screen(empty).text
        #expect(!text.contains("e edit") && !text.contains("d delete"), "nothing to edit or delete")
        Fixtures.press([.character("?")], on: &empty)
        text = Self.screen(empty, Size(width: 80, height: 60)).text
        #expect(!text.contains("Keep this device's value"), "no conflict keys without a merge")
        #expect(!text.contains("Create a new account"), "no register while signed in")
        #expect(text.contains("Add a preference"))
    }

    // MARK: Locale

    @Test func aNonUTF8TerminalGetsOnlyASCII() {
        var state = Fixtures.state()
        state.asciiOnly = true
        Fixtures.press([.character("G")], on: &state)
        let screen = ASCIIFallback.screen(Self.screen(state))
        #expect(screen.text.utf8.allSatisfy { $0 < 0x80 })
        #expect(screen.text.contains("hello, ????"), "é becomes e, CJK becomes ? (one per cell), nothing is dropped")
        #expect(ASCIIFallback.cell("é") == "e" && ASCIIFallback.cell("世") == "?" && ASCIIFallback.cell("") == "?")
    }

    // MARK: Log-in dialog

    @Test func theLogInDialogKeepsTheEmailAndThePasswordFocusAfterAnError() {
        var state = Fixtures.state(Fixtures.signedOut())
        Fixtures.press([.escape, .character("i")] + Fixtures.typing("joe@example.com") + [.enter] + Fixtures.typing("wrong") + [.enter], on: &state)
        _ = reduce(&state, .intentFinished(.logIn, device: 0, failure: "Wrong password."))
        guard case .dialog(let dialog) = state.mode else { Issue.record("the dialog stays open"); return }
        #expect(dialog.value(0) == "joe@example.com")
        #expect(dialog.focused == 1)
        #expect(dialog.error == "Wrong password.")
        Fixtures.press(Fixtures.typing("right"), on: &state)
        guard case .dialog(let typed) = state.mode else { return }
        #expect(typed.value(0) == "joe@example.com" && typed.value(1) == "right", "typing goes into the password field")
        // Closed and opened again, it still offers the email.
        Fixtures.press([.escape, .character("i")], on: &state)
        guard case .dialog(let reopened) = state.mode else { Issue.record("i opens it"); return }
        #expect(reopened.value(0) == "joe@example.com" && reopened.focused == 1)
    }
}

/// Readline keys and paste through the reducer, in every text context.
@Suite struct TextFieldKeyTests {
    @Test func controlAndAltKeysEditTheFilterAndDialogs() {
        var state = Fixtures.state()
        Fixtures.press([.character("/")] + Fixtures.typing("font size") + [.control("w")], on: &state)
        #expect(state.activeDevice.filter == "font ")
        Fixtures.press([.control("a"), .control("k")], on: &state)
        #expect(state.activeDevice.filter.isEmpty)
        Fixtures.press([.escape, .character("a")] + Fixtures.typing("some.key") + [.alt("b"), .control("u")] + Fixtures.typing("a."), on: &state)
        guard case .dialog(let dialog) = state.mode else { Issue.record("the add dialog is open"); return }
        #expect(dialog.value(0) == "a.key")
    }

    @Test func aLongPasteArrivesWholeAndANewlineInItIsNotEnter() {
        var state = Fixtures.state()
        let long = String(repeating: "0123456789", count: 100)
        var effects = Fixtures.press([.character("e"), .control("u"), .paste(long + "\n")], on: &state)
        #expect(effects.isEmpty, "the newline in a paste does not submit")
        effects = Fixtures.press([.enter], on: &state)
        #expect(effects == [.setPreference(key: "editor", value: ExactText(long), device: 0)])
        Fixtures.press([.character("a"), .paste("two\nlines")], on: &state)
        guard case .dialog(let dialog) = state.mode else { Issue.record("the add dialog is open"); return }
        #expect(dialog.value(0) == "two lines", "a one-line field takes a paste as one line")
    }
}
