import Foundation
import Testing

/// The `tandem` CLI, two profiles acting as two devices against the real server process.
@Suite(.serialized) struct CLITests {
    @Test func twoProfilesSyncResolveAConflictAndChangeThePassword() async throws {
        let directory = try TemporaryDirectory.make("cli")
        defer { try? FileManager.default.removeItem(at: directory) }
        let server = try await ServerProcess.start(arguments: ServerProcess.sqliteArguments(in: directory))
        defer { _ = server.stop() }
        let cli = CLIProcess(dataHome: directory, server: server.baseURL)

        let registered = try await cli.run(["register", "--email", "joe@example.com", "--password-stdin"], profile: "laptop", input: "pw one\n")
        #expect(registered.status == 0, "\(registered.errors)")
        #expect(registered.output.contains("Logged in as joe@example.com"))
        #expect(try await cli.run(["login", "--email", "joe@example.com", "--password-stdin"], profile: "desktop", input: "pw one\n").status == 0)

        #expect(try await cli.run(["prefs", "set", "editor", "vim"], profile: "laptop").status == 0)
        #expect(try await cli.run(["prefs", "set", "empty", ""], profile: "laptop").status == 0)
        let pushed = try await cli.run(["sync"], profile: "laptop")
        #expect(pushed.output.contains("Pushed 2 changes as sequence 1: editor and empty."), "\(pushed.output)\(pushed.errors)")
        #expect(try await cli.run(["pull"], profile: "desktop").output.contains("Pulled sequence 1"))
        #expect(try await cli.run(["prefs", "get", "editor"], profile: "desktop").output == "vim\n")
        let listed = try await cli.run(["prefs", "list", "--json"], profile: "desktop")
        #expect(try JSONSerialization.jsonObject(with: Data(listed.output.utf8)) as? [String: String] == ["editor": "vim", "empty": ""])

        // Conflict: both edit the same key.
        _ = try await cli.run(["prefs", "set", "editor", "emacs"], profile: "laptop")
        _ = try await cli.run(["sync"], profile: "laptop")
        _ = try await cli.run(["prefs", "set", "editor", "nano"], profile: "desktop")
        let conflicted = try await cli.run(["sync"], profile: "desktop")
        #expect(conflicted.status == 3, "exit status 3 means conflicts wait")
        #expect(conflicted.errors.contains("1 conflict to resolve"))
        let conflicts = try await cli.run(["conflicts", "list", "--json"], profile: "desktop")
        let rows = try JSONSerialization.jsonObject(with: Data(conflicts.output.utf8)) as? [[String: String]]
        #expect(rows == [["key": "editor", "base": "vim", "local": "nano", "remote": "emacs", "kind": "bothEdited"]])
        let status = try await cli.run(["status", "--json"], profile: "desktop")
        let statusObject = try JSONSerialization.jsonObject(with: Data(status.output.utf8)) as? [String: Any]
        #expect(statusObject?["phase"] as? String == "awaitingResolution")
        #expect(statusObject?["conflicts"] as? Int == 1)
        let resolved = try await cli.run(["conflicts", "resolve", "editor", "--value", "helix"], profile: "desktop")
        #expect(resolved.status == 0, "\(resolved.errors)")
        #expect(resolved.output.contains("as sequence 3"))
        _ = try await cli.run(["pull"], profile: "laptop")
        #expect(try await cli.run(["prefs", "get", "editor"], profile: "laptop").output == "helix\n")

        // Password change from the desktop; the laptop is told to log in again and does.
        let changed = try await cli.run(["password", "change", "--password-stdin"], profile: "desktop", input: "pw one\npw two\n")
        #expect(changed.status == 0, "\(changed.errors)")
        let refused = try await cli.run(["pull"], profile: "laptop")
        #expect(refused.status == 1)
        #expect(refused.errors.contains("password was probably changed on another device"), "\(refused.errors)")
        #expect(try await cli.run(["login", "--password-stdin"], profile: "laptop", input: "pw two\n").status == 0)
        #expect(try await cli.run(["prefs", "get", "editor"], profile: "laptop").output == "helix\n")
    }

    @Test func errorsAreOneClearSentence() async throws {
        let directory = try TemporaryDirectory.make("cli-errors")
        defer { try? FileManager.default.removeItem(at: directory) }
        let cli = CLIProcess(dataHome: directory, server: "http://127.0.0.1:9")
        let unreachable = try await cli.run(["login", "--email", "joe@example.com", "--password-stdin"], profile: "p", input: "pw\n")
        #expect(unreachable.status == 1)
        #expect(unreachable.errors.hasPrefix("tandem: Cannot reach the server: http://127.0.0.1:9"))
        #expect(unreachable.errors.split(separator: "\n").count == 1)
        // The failed first log-in left no profile behind.
        let noProfile = try await cli.run(["conflicts", "resolve", "k", "--local"], profile: "p")
        #expect(noProfile.errors == "tandem: There is no profile 'p' (there are no profiles yet); `tandem register` or `tandem login` with --profile p creates it.\n")
        let badEmail = try await cli.run(["register", "--email", "Joe <joe@example.com>", "--password-stdin"], profile: "p", input: "pw\n")
        #expect(badEmail.errors == "tandem: 'Joe <joe@example.com>' is not an email address like joe@example.com.\n")
        let noPrompt = try await cli.run(["login", "--email", "joe@example.com"], profile: "p")
        #expect(noPrompt.errors == "tandem: No terminal to ask for the password on; pass it with --password-stdin.\n")
    }

    @Test func aKilledProcessLosesNoCommittedEdit() async throws {
        let directory = try TemporaryDirectory.make("cli-kill")
        defer { try? FileManager.default.removeItem(at: directory) }
        let server = try await ServerProcess.start(arguments: ServerProcess.sqliteArguments(in: directory))
        defer { _ = server.stop() }
        let cli = CLIProcess(dataHome: directory, server: server.baseURL)
        _ = try await cli.run(["register", "--email", "joe@example.com", "--password-stdin"], profile: "laptop", input: "pw\n")
        #expect(try await cli.run(["prefs", "set", "kept", "yes"], profile: "laptop").status == 0)
        // A watcher holds the state file open and is killed without warning.
        let watcher = try cli.start(["watch"], profile: "laptop")
        try await Task.sleep(for: .milliseconds(500))
        #expect(try await cli.run(["prefs", "set", "also", "kept"], profile: "laptop").status == 0)
        kill(watcher.processIdentifier, SIGKILL)
        _ = try await onOwnThread { watcher.waitUntilExit() }
        let listed = try await cli.run(["prefs", "list", "--json"], profile: "laptop")
        #expect(try JSONSerialization.jsonObject(with: Data(listed.output.utf8)) as? [String: String] == ["kept": "yes", "also": "kept"])
        // Both edits reach the server (the watcher may have pushed the first by itself: auto-sync is on).
        let synced = try await cli.run(["sync"], profile: "laptop")
        #expect(synced.status == 0, "\(synced.errors)")
        #expect(try await cli.run(["login", "--email", "joe@example.com", "--password-stdin"], profile: "desktop", input: "pw\n").status == 0)
        let pulled = try await cli.run(["prefs", "list", "--json"], profile: "desktop")
        #expect(try JSONSerialization.jsonObject(with: Data(pulled.output.utf8)) as? [String: String] == ["kept": "yes", "also": "kept"])
    }
}
