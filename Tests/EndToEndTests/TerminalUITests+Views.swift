import Foundation
import Testing

/// The detail view, copy and the mouse in the real binary: a 500-character conflict that differs only at its end is
/// told apart in the list, shown in full with the difference marked, and decided there; `y` puts the value on the
/// clipboard through OSC 52 (tmux keeps it as a paste buffer); with `--mouse`, a click selects a row.
extension TerminalUITests {
    @Test func viewALongConflictPickRemoteCopyAndClick() async throws {
        try await onOwnThread { try self.viewsWalkthrough() }
    }

    /// Blocking throughout (tmux and child processes), so it runs on a thread of its own.
    private func viewsWalkthrough() throws {
        let machine = try UserMachine("views-ui")
        defer { machine.close() }
        let (tmux, home) = (machine.tmux, machine.home)
        // Two devices of one account; both change a 500-character value near its end. The desktop pushes first, so
        // the laptop's UI meets the conflict when it pulls at start.
        let common = String(repeating: "0123456789", count: 48) + "--------"  // 488 characters
        let laptopValue = common + "laptop-end!!", desktopValue = common + "desktop-end!"
        #expect(try machine.tandem(["register", "--email", "joe@example.com", "--password-stdin"], profile: "laptop", input: "pw\n").status == 0)
        #expect(try machine.tandem(["login", "--email", "joe@example.com", "--password-stdin"], profile: "desktop", input: "pw\n").status == 0)
        #expect(try machine.tandem(["prefs", "set", "signature", common + "base-end"], profile: "laptop").status == 0)
        #expect(try machine.tandem(["sync"], profile: "laptop").status == 0)
        #expect(try machine.tandem(["pull"], profile: "desktop").status == 0)
        #expect(try machine.tandem(["prefs", "set", "signature", desktopValue], profile: "desktop").status == 0)
        #expect(try machine.tandem(["sync"], profile: "desktop").status == 0)
        #expect(try machine.tandem(["prefs", "set", "signature", laptopValue], profile: "laptop").status == 0)
        #expect(try machine.tandem(["prefs", "set", "alpha", "first"], profile: "laptop").status == 0)

        try machine.openTerminal("laptop")
        // tmux keeps what an application copies with OSC 52 as a paste buffer when set-clipboard is on; the raw
        // output goes to a file as well, to see the escape sequence itself.
        try tmux.command("set-option", "-g", "set-clipboard", "on")
        let raw = home.appendingPathComponent("pane-output")
        try tmux.command("pipe-pane", "-t", "laptop", "-o", "cat >> '\(raw.path)'")
        try machine.startUI(in: "laptop", flags: "--mouse")

        // The list tells the two long values apart: each side is cut to show where they first differ.
        let list = try tmux.waitFor("Conflicts", in: "laptop")
        #expect(list.contains("laptop-end") && list.contains("desktop-end"), "\(list)")

        // Enter on the undecided row shows it in full, the differing characters marked in the text.
        try tmux.keys("Enter", into: "laptop")
        try tmux.waitFor("Conflict · signature", in: "laptop")
        try tmux.keys("G", into: "laptop")
        let detail = try tmux.waitUntil("laptop", "the marked difference") { $0.contains("⟦lap⟧top-end") }
        #expect(detail.contains("⟦desk⟧top-end!"), "\(detail)")
        #expect(detail.contains("differs from remote at character 489"))

        // y copies this device's value: OSC 52 on the wire, a paste buffer in tmux.
        try tmux.keys("y", into: "laptop")
        try tmux.waitFor("to the clipboard", in: "laptop")
        var buffer = ""
        let deadline = Date().addingTimeInterval(10)
        while buffer != laptopValue, Date() < deadline {
            buffer = (try? tmux.command("show-buffer")) ?? ""
            if buffer != laptopValue { Thread.sleep(forTimeInterval: 0.1) }
        }
        #expect(buffer == laptopValue, "tmux received the copied value through OSC 52")
        let written = (try? Data(contentsOf: raw)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        #expect(written.contains("\u{1B}]52;c;" + Data(laptopValue.utf8).base64EncodedString() + "\u{07}"))

        // r takes the remote value; Enter applies and pushes.
        try tmux.keys("r", into: "laptop")
        try tmux.waitFor("take remote", in: "laptop")
        try tmux.keys("Enter", into: "laptop")
        try tmux.waitFor("Choices applied and pushed", in: "laptop")
        let applied = try machine.tandem(["prefs", "get", "signature"], profile: "laptop")
        #expect(applied.output == desktopValue + "\n")

        // With --mouse, a click on a row selects it (an X10 mouse report, as tmux-256color's terminfo declares).
        try tmux.waitUntil("laptop", "the preferences") { $0.contains(/alpha +first/) && $0.contains(/signature +0123/) }
        let screen = try tmux.capture("laptop").split(separator: "\n", omittingEmptySubsequences: false)
        let row = try #require(screen.firstIndex { $0.contains("signature") && $0.contains("0123") })
        try tmux.type(Self.x10Click(x: 5, y: row), into: "laptop", enter: false)
        try tmux.keys("v", into: "laptop")
        try tmux.waitFor("Preference · signature", in: "laptop")
        // q closes the detail view (as in tig), and quits from the list.
        try tmux.keys("q", into: "laptop")
        try tmux.waitFor("Preferences (2)", in: "laptop")
        try tmux.keys("q", into: "laptop")
        try tmux.waitFor("exit=0", in: "laptop")
    }

    /// A left-button press and release at (x, y), zero-based, in the X10 encoding (`Esc [ M` and three bytes).
    static func x10Click(x: Int, y: Int) -> String {
        func byte(_ value: Int) -> String { String(UnicodeScalar(UInt8(32 + value))) }
        return "\u{1B}[M" + byte(0) + byte(x + 1) + byte(y + 1) + "\u{1B}[M" + byte(3) + byte(x + 1) + byte(y + 1)
    }
}
