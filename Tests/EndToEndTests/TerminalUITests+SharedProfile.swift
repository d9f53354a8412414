import Foundation
import Testing

/// The UI and the CLI on one profile while another device pushes: the CLI's edit shows in the UI by itself, survives
/// the UI's pull of the other device's write, and reaches the other device (auto-sync pushes it).
extension TerminalUITests {
    @Test func theUIAndTheCLIShareAProfileWithoutLosingAnEdit() async throws {
        try await onOwnThread { try self.sharedProfileWalkthrough() }
    }

    /// Blocking throughout (tmux and child processes), so it runs on a thread of its own.
    private func sharedProfileWalkthrough() throws {
        let machine = try UserMachine("shared-profile-ui")
        defer { machine.close() }
        let tmux = machine.tmux
        #expect(try machine.tandem(["register", "--email", "joe@example.com", "--password-stdin"], profile: "laptop", input: "pw\n").status == 0)
        #expect(try machine.tandem(["login", "--email", "joe@example.com", "--password-stdin"], profile: "desktop", input: "pw\n").status == 0)

        try machine.openTerminal("laptop")
        try machine.startUI(in: "laptop")
        let connected = try tmux.waitUntil("laptop", "the UI to connect") { $0.contains("Notices   connected") }
        #expect(connected.contains("Auto-sync on"), "a real profile starts with auto-sync on")

        // The CLI edits the profile the UI has open: the UI shows it without a key pressed.
        #expect(try machine.tandem(["prefs", "set", "cli.edit", "1"], profile: "laptop").status == 0)
        try tmux.waitUntil("laptop", seconds: 10, "the UI to show the CLI's edit") { $0.contains(/cli\.edit +1/) }

        // Another device pushes; the UI pulls it and keeps the CLI's edit, which auto-sync then pushes.
        #expect(try machine.tandem(["prefs", "set", "other.device", "yes"], profile: "desktop").status == 0)
        let pushed = try machine.tandem(["sync"], profile: "desktop")
        #expect(pushed.status == 0, "\(pushed.errors)")
        let merged = try tmux.waitUntil("laptop", seconds: 10, "the UI to pull the other device's edit") { $0.contains(/other\.device +yes/) }
        #expect(merged.contains(/cli\.edit +1/), "the CLI's edit is still there")
        var reached = false
        let deadline = Date().addingTimeInterval(15)
        while !reached, Date() < deadline {
            _ = try machine.tandem(["pull"], profile: "desktop")
            reached = try machine.tandem(["prefs", "get", "cli.edit"], profile: "desktop").output == "1\n"
            if !reached { Thread.sleep(forTimeInterval: 0.5) }
        }
        #expect(reached, "the CLI's edit reached the other device")

        try tmux.keys("q", into: "laptop")
        try tmux.waitFor("exit=0", in: "laptop")
    }
}
