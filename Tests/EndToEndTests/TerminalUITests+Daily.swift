import Foundation
import Testing

/// Daily use in a real terminal: undo a delete, keys inert while the terminal is too small, the theme remembered.
extension TerminalUITests {
    @Test func undoADeleteTypingWhileTooSmallAndTheThemeSurvivesARestart() async throws {
        try await onOwnThread { try self.dailyWalkthrough() }
    }

    @Test func aNonUTF8LocaleGetsOnlyASCII() async throws {
        try await onOwnThread { try self.asciiWalkthrough() }
    }

    /// With LANG=C the terminal receives not one byte above 0x7F: é is drawn as e, each column of 世界 as ?.
    private func asciiWalkthrough() throws {
        let home = try TemporaryDirectory.make("ascii-ui")
        defer { try? FileManager.default.removeItem(at: home) }
        let base = ["HOME": home.path, "TERM": "tmux-256color", "XDG_DATA_HOME": home.appendingPathComponent("data").path,
                    "XDG_CONFIG_HOME": home.appendingPathComponent("config").path]
        let tmux = TmuxSession()
        defer { tmux.kill() }
        try tmux.start("utf8", width: 100, height: 30, environment: base.merging(["LANG": "C.UTF-8"]) { $1 })
        try tmux.type("\(Self.tandem) --profile p; echo \"exit=$?\"", into: "utf8")
        try tmux.waitFor("Server", in: "utf8")
        try tmux.keys("Escape", "a", into: "utf8")
        try tmux.type("greeting", into: "utf8", enter: false)
        try tmux.keys("Tab", into: "utf8")
        try tmux.type("héllo 世界", into: "utf8")
        try tmux.waitUntil("utf8", seconds: 10, "the new preference") { $0.contains("héllo 世界") }
        try tmux.keys("q", into: "utf8")
        try tmux.waitFor("exit=0", in: "utf8")

        let raw = home.appendingPathComponent("raw.out")
        try tmux.start("ascii", width: 100, height: 30, environment: base.merging(["LANG": "C", "LC_ALL": "C"]) { $1 })
        try tmux.command("pipe-pane", "-t", "ascii", "-o", "cat >> '\(raw.path)'")
        try tmux.type("\(Self.tandem) --profile p; echo \"exit=$?\"", into: "ascii")
        try tmux.waitFor("Server", in: "ascii")
        try tmux.keys("Escape", into: "ascii")
        let screen = try tmux.waitUntil("ascii", seconds: 10, "the ASCII value") { $0.contains("hello ????") }
        #expect(screen.contains("#= Preferences (1) ="), "lines in ASCII")
        try tmux.keys("q", into: "ascii")
        try tmux.waitFor("exit=0", in: "ascii")
        let bytes = try Data(contentsOf: raw)
        #expect(!bytes.isEmpty && bytes.allSatisfy { $0 < 0x80 }, "no Latin-1 or UTF-8 bytes reach a C-locale terminal")
    }

    /// Blocking throughout (tmux and child processes), so it runs on a thread of its own.
    private func dailyWalkthrough() throws {
        let machine = try UserMachine("daily-ui")
        defer { machine.close() }
        let tmux = machine.tmux
        func tandem(_ arguments: [String], input: String = "") throws -> CLIProcess.Result { try machine.tandem(arguments, input: input) }
        #expect(try tandem(["register", "--email", "joe@example.com", "--password-stdin"], input: "pw\n").status == 0)
        #expect(try tandem(["prefs", "set", "car", "Volvo"]).status == 0)
        #expect(try tandem(["prefs", "set", "editor", "vim"]).status == 0)
        #expect(try tandem(["sync"]).status == 0)

        try machine.openTerminal("ui")
        try machine.startUI(in: "ui")
        try tmux.waitUntil("ui", "the UI to connect") { $0.contains("Notices   connected") && $0.contains(/car +Volvo/) }

        // Delete "car" (the first row), then undo: it comes back with its value.
        try tmux.keys("g", "d", into: "ui")
        try tmux.waitFor("Delete 'car'?", in: "ui")
        try tmux.keys("y", into: "ui")
        try tmux.waitUntil("ui", seconds: 10, "the deletion") { !$0.contains(/car +Volvo/) }
        try tmux.keys("u", into: "ui")
        let undone = try tmux.waitUntil("ui", seconds: 10, "the undo") { $0.contains(/car +Volvo/) }
        #expect(undone.contains("Undone: 'car' is back, with 'Volvo'."))

        // At 30×8 only the notice shows, and blind typing changes nothing (this once deleted a preference).
        try tmux.resize("ui", width: 30, height: 8)
        try tmux.waitFor("Terminal too small", in: "ui")
        try tmux.keys("g", "d", "y", "a", "x", "Enter", "Escape", into: "ui")
        Thread.sleep(forTimeInterval: 0.5)
        try tmux.resize("ui", width: 100, height: 30)
        let after = try tmux.waitUntil("ui", seconds: 10, "the panes again") { $0.contains("Preferences") }
        #expect(after.contains(/car +Volvo/) && after.contains(/editor +vim/), "nothing was deleted or added")
        #expect(!after.contains("Are you sure?") && !after.contains("Add a preference"), "no dialog opened behind the notice")

        // The theme chosen with t is remembered in the settings file and used at the next start.
        try tmux.keys("t", into: "ui")
        try tmux.waitFor("theme light", in: "ui")
        try tmux.keys("q", into: "ui")
        try tmux.waitFor("exit=0", in: "ui")
        let file = try String(contentsOf: machine.config.appendingPathComponent("tandem/config"), encoding: .utf8)
        #expect(file.contains("theme = light"), "\(file)")
        try tmux.type("clear", into: "ui")
        try machine.startUI(in: "ui")
        try tmux.waitFor("theme light", in: "ui")
        try tmux.keys("q", into: "ui")
        try tmux.waitFor("exit=0", in: "ui")
    }
}
