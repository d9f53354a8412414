import Foundation
import Testing

/// Two `tandem` UI processes (two profiles, as two devices) against a real `tandem-server` process: register and log
/// in through the dialogs, edit and see the other device follow, change the password and re-enter it on the other
/// device, survive a broken user theme, restore the terminal after SIGTERM, and log out.
extension TerminalUITests {
    @Test func twoProfilesRegisterLogInEditAndFollow() async throws {
        try await onOwnThread { try self.twoProfilesWalkthrough() }
    }

    /// Blocking throughout (tmux and child processes), so it runs on a thread of its own.
    private func twoProfilesWalkthrough() throws {
        let home = try TemporaryDirectory.make("two-profiles-ui")
        defer { try? FileManager.default.removeItem(at: home) }
        let server = try ServerProcess(arguments: ServerProcess.sqliteArguments(in: home))
        defer { _ = server.stop() }
        let themes = home.appendingPathComponent("config/tandem/themes")
        try FileManager.default.createDirectory(at: themes, withIntermediateDirectories: true)
        try "text  white  blak\n".write(to: themes.appendingPathComponent("broken.theme"), atomically: true, encoding: .utf8)

        let tmux = TmuxSession()
        defer { tmux.kill() }
        let environment = ["HOME": home.path, "TERM": "tmux-256color", "LANG": "C.UTF-8", "TANDEM_INSECURE_KDF_LOG2N": "12",
                           "XDG_DATA_HOME": home.appendingPathComponent("data").path,
                           "XDG_CONFIG_HOME": home.appendingPathComponent("config").path]
        let tandem = Self.tandem
        for profile in ["one", "two"] {
            try tmux.start(profile, width: 100, height: 30, environment: environment)
            try tmux.type("\(tandem) --profile \(profile) --server \(server.baseURL); echo \"exit=$?\"", into: profile)
        }

        // First run: the server dialog (already holding --server), then register on "one"; a broken theme is
        // reported with its file and line, and the UI runs anyway.
        let first = try tmux.waitFor("Server", in: "one")
        #expect(first.contains(server.baseURL))
        #expect(first.contains("broken.theme:1: unknown colour 'blak'"))
        try tmux.keys("Enter", "n", into: "one")
        try tmux.type("joe@example.com", into: "one")
        try tmux.type("correct horse", into: "one")
        try tmux.type("correct horse", into: "one")
        let registered = try tmux.waitFor("Account created for joe@example.com", in: "one")
        #expect(!registered.contains("correct horse"), "the password is never echoed")

        try tmux.keys("a", into: "one")
        try tmux.type("color", into: "one", enter: false)
        try tmux.keys("Tab", into: "one")
        try tmux.type("blue", into: "one")
        try tmux.keys("s", into: "one")
        try tmux.waitFor("as sequence 1", in: "one")

        // "two" logs in through its dialog and pulls what "one" pushed.
        try tmux.waitFor("Server", in: "two")
        try tmux.keys("Enter", "i", into: "two")
        try tmux.type("joe@example.com", into: "two")
        try tmux.type("correct horse", into: "two")
        try tmux.waitUntil("two", "'two' to pull color=blue") { $0.contains(/color +blue/) }

        // An edit on "one" reaches "two" through the server's notice, with nobody touching "two".
        try tmux.keys("e", into: "one")
        try tmux.keys(repeating: "BSpace", 6, into: "one")
        try tmux.type("green", into: "one")
        try tmux.keys("s", into: "one")
        let followed = try tmux.waitUntil("two", "'two' to follow the edit") {
            $0.contains(/color +green/) && $0.contains("Last note sequence 2")
        }
        #expect(followed.contains("The server announced sequence 2;"))

        // A password change on "one" closes "two"'s websocket; "two" asks for the new password by itself.
        try tmux.keys("p", into: "one")
        try tmux.type("correct horse", into: "one")
        try tmux.type("battery staple", into: "one")
        try tmux.type("battery staple", into: "one")
        try tmux.waitFor("Password changed; every other device will ask for the new one.", in: "one")
        try tmux.waitFor("New password needed", in: "two")
        try tmux.type("battery staple", into: "two")
        try tmux.waitUntil("two", "'two' to log in again") { !$0.contains("New password needed") && $0.contains("State     ready") }

        // SIGTERM: the UI restores the terminal before it goes, and the exit status says why.
        let pid = try #require(try tmux.foregroundProcess(of: "one"))
        #expect(Foundation.kill(pid, SIGTERM) == 0)
        try tmux.waitFor("exit=143", in: "one")
        #expect(try tmux.value("#{alternate_on}", of: "one") == "0")
        try tmux.type("stty -a | tr ' ' '\\n' | grep -xE -- '-?(icanon|echo|isig)' | tr '\\n' ' '; echo", into: "one")
        try tmux.waitFor("isig icanon echo", in: "one")

        // Logging "two" out asks first, keeps its preferences and leaves it signed out.
        try tmux.keys("o", into: "two")
        try tmux.waitFor("Log this device out of joe@example.com?", in: "two")
        try tmux.keys("y", into: "two")
        let loggedOut = try tmux.waitFor("Logged out; press i to log in again.", in: "two")
        #expect(loggedOut.contains(/color +green/), "the preferences stay on the device")

        try tmux.keys("q", into: "two")
        try tmux.waitFor("exit=0", in: "two")
    }
}
