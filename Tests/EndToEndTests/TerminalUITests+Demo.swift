import Foundation
import Testing

/// The real `tandem` binary in a real terminal (tmux), one test at a time so they do not compete for the CPU.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed (Scripts/test installs it)"))
struct TerminalUITests {
    static var tandem: String { ServerProcess.binaryDirectory.appendingPathComponent("tandem").path }
}

/// `tandem demo`: edit on one device and see it on the other, make a conflict and resolve it by keystroke, resize
/// mid-way, then quit and find the shell's terminal as it was.
extension TerminalUITests {
    @Test func demoEditSyncConflictResizeAndQuit() async throws {
        try await onOwnThread { try self.demoWalkthrough() }
    }

    /// Blocking throughout (tmux and child processes), so it runs on a thread of its own.
    private func demoWalkthrough() throws {
        let home = try TemporaryDirectory.make("demo-ui")
        defer { try? FileManager.default.removeItem(at: home) }
        let tmux = TmuxSession()
        defer { tmux.kill() }
        try tmux.start("demo", environment: ["HOME": home.path, "TERM": "tmux-256color", "LANG": "C.UTF-8"])
        try tmux.type("\(Self.tandem) demo; echo \"exit=$?\"", into: "demo")
        let ready = try tmux.waitFor("Ready: laptop and desktop share demo@example.com", in: "demo", seconds: 120)
        #expect(ready.contains("demo: weakened key derivation"))
        let server = try #require(ready.firstMatch(of: /Server    (http:\/\/127\.0\.0\.1:\d+)/)?.1).description

        // An edit on the laptop reaches the desktop, which is notified and pulls by itself.
        try tmux.keys("e", into: "demo")
        try tmux.keys(repeating: "BSpace", 10, into: "demo")
        try tmux.type("emacs", into: "demo")
        try tmux.keys("s", into: "demo")
        let synced = try tmux.waitUntil("demo", "the desktop to pull the laptop's edit") {
            $0.matches(of: /editor +emacs/).count == 2 && $0.contains("Pulled sequence 2 and merged 1 change")
        }
        #expect(synced.contains("The server announced sequence 2; pulling."))
        #expect(synced.occurrences(of: "Last note sequence 2") == 2)

        // Conflicting edits of two keys; the desktop pushes first, so the laptop's merge stops for the user.
        try edit(row: "G", to: "light", tmux)
        try edit(row: "k", to: "fish", tmux)
        try tmux.keys("Tab", into: "demo")
        try edit(row: "G", to: "solarized", tmux)
        try edit(row: "k", to: "bash", tmux)
        try tmux.keys("s", into: "demo")
        try tmux.waitFor("laptop · Conflicts · 2 of 2 undecided", in: "demo")

        // Resized mid-way, the conflicts view is laid out for the new size.
        try tmux.resize("demo", width: 90, height: 30)
        let resized = try tmux.waitUntil("demo", "the frame to follow the resize") { screen in
            let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
            return lines.count >= 30 && lines.contains { $0.hasPrefix("┗") && $0.count == 90 } && screen.contains("2 of 2 undecided")
        }
        #expect(resized.contains("Local (here)") && resized.contains("Remote (server)"))

        // shell (first row): keep local "fish"; theme: take remote "solarized"; Enter applies and pushes.
        try tmux.keys("l", into: "demo")
        try tmux.waitFor("1 of 2 undecided", in: "demo")
        try tmux.keys("r", into: "demo")
        try tmux.waitFor("all decided: Enter applies", in: "demo")
        try tmux.keys("Enter", into: "demo")
        try tmux.waitFor("Choices applied and pushed", in: "demo")
        try tmux.resize("demo", width: 120, height: 40)
        try tmux.waitUntil("demo", "both devices to show the merged result") {
            $0.matches(of: /shell +fish/).count == 2 && $0.matches(of: /theme +solarized/).count == 2
        }

        // The server's final state, as a third device sees it after logging in with the real CLI.
        let check = try Self.cli(["login", "--email", "demo@example.com", "--password-stdin", "--profile", "check", "--server", server],
                                 input: "tandem-demo\n", home: home)
        #expect(check.status == 0, "\(check.errors)")
        let list = try Self.cli(["prefs", "list", "--json", "--profile", "check"], home: home)
        let preferences = try #require(try JSONSerialization.jsonObject(with: Data(list.output.utf8)) as? [String: String])
        #expect(preferences["editor"] == "emacs")
        #expect(preferences["shell"] == "fish")
        #expect(preferences["theme"] == "solarized")

        // Quit: the shell gets its screen, modes and cursor back.
        try tmux.keys("q", into: "demo")
        try tmux.waitFor("exit=0", in: "demo")
        #expect(try tmux.value("#{alternate_on}", of: "demo") == "0")
        #expect(try tmux.value("#{cursor_flag}", of: "demo") == "1")
        try tmux.type("stty -a | tr ' ' '\\n' | grep -xE -- '-?(icanon|echo|isig)' | tr '\\n' ' '; echo", into: "demo")
        try tmux.waitFor("isig icanon echo", in: "demo")
    }

    /// Moves with `row` (a key such as G or k), then replaces the value with `value`.
    private func edit(row: String, to value: String, _ tmux: TmuxSession) throws {
        try tmux.keys(row, "e", into: "demo")
        try tmux.keys(repeating: "BSpace", 12, into: "demo")
        try tmux.type(value, into: "demo")
    }

    /// The real CLI with the demo's (weakened) key derivation and a data directory of the test's own.
    static func cli(_ arguments: [String], input: String = "", home: URL) throws -> CLIProcess.Result {
        try CLIProcess.execute(arguments, environment: [
            "HOME": home.path, "XDG_DATA_HOME": home.appendingPathComponent("data").path,
            "TANDEM_INSECURE_KDF_LOG2N": "14", "PATH": "/usr/bin:/bin",
        ], input: input)
    }
}

extension TmuxSession {
    func keys(repeating name: String, _ count: Int, into session: String) throws {
        try keys(Array(repeating: name, count: count), into: session)
    }
}

extension String {
    func occurrences(of text: String) -> Int {
        components(separatedBy: text).count - 1
    }
}
