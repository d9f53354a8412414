import Foundation
import Testing

/// The CLI tells the truth: results on stdout, a failure as one `tandem:` sentence on stderr with a non-zero status,
/// no silently ignored flags or profiles, `watch` lines written as they happen, and edits made while a merge waits
/// kept through its resolution. One server process for all of it (process-level tests are few and slow).
extension CLITests {
    @Test func reportsTruthfullyKeepsEditsDuringAMergeAndWatchesIntoAFile() async throws {
        let directory = try TemporaryDirectory.make("cli-reporting")
        defer { try? FileManager.default.removeItem(at: directory) }
        let server = try await ServerProcess.start(arguments: ServerProcess.sqliteArguments(in: directory))
        var serverStopped = false
        defer { if !serverStopped { _ = server.stop() } }
        let cli = CLIProcess(dataHome: directory, server: server.baseURL)
        #expect(try await cli.run(["register", "--email", "joe@example.com", "--password-stdin"], profile: "laptop", input: "pw\n").status == 0)
        #expect(try await cli.run(["login", "--email", "joe@example.com", "--password-stdin"], profile: "desktop", input: "pw\n").status == 0)

        // A mistyped profile is named with the ones that exist, and not created.
        let mistyped = try await cli.run(["prefs", "list"], profile: "lapto")
        #expect(mistyped.status == 1)
        #expect(mistyped.errors.hasPrefix("tandem: There is no profile 'lapto' (the profiles are 'desktop', 'laptop')"), "\(mistyped.errors)")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("tandem/lapto.sqlite").path))

        // The desktop watches into a file; with auto-sync on it pushes what the CLI writes to its profile.
        let log = directory.appendingPathComponent("watch.log")
        let watcher = try cli.start(["watch"], profile: "desktop", output: log)
        defer { if watcher.isRunning { watcher.terminate() } }
        try await waitUntil(log, contains: "Connected; waiting for notices.")

        // Two conflicts on the laptop; while they wait, one edit of another key and one of a conflicting key.
        for (key, value) in [("car", "red"), ("boat", "sail")] { _ = try await cli.run(["prefs", "set", key, value], profile: "laptop") }
        #expect(try await cli.run(["sync"], profile: "laptop").status == 0)
        try await waitUntil(log, contains: "Pulled sequence 1")
        for (key, value) in [("car", "green"), ("boat", "canoe")] { _ = try await cli.run(["prefs", "set", key, value], profile: "laptop") }
        for (key, value) in [("car", "blue"), ("boat", "yacht")] { _ = try await cli.run(["prefs", "set", key, value], profile: "desktop") }
        let pushedByWatcher = try await waitForStatus(of: "desktop", cli) { $0.localChanges == 0 && ($0.synced ?? 0) >= 2 }
        #expect(pushedByWatcher, "the watcher pushed the desktop's CLI edits by itself (auto-sync)")
        let conflicted = try await cli.run(["sync"], profile: "laptop")
        #expect(conflicted.status == 3 && conflicted.errors == "tandem: 2 conflicts to resolve: see `tandem conflicts list`.\n",
                "\(conflicted.status) \(conflicted.errors)")
        let kept = try await cli.run(["prefs", "set", "theme", "dark"], profile: "laptop")
        #expect(kept.status == 0 && kept.output.hasPrefix("Kept; it applies when the merge completes"), "\(kept.output)\(kept.errors)")
        let chosen = try await cli.run(["prefs", "set", "boat", "raft"], profile: "laptop")
        #expect(chosen.output.hasPrefix("Resolves the conflict on 'boat'"), "\(chosen.output)\(chosen.errors)")
        let resolved = try await cli.run(["conflicts", "resolve", "car", "--local"], profile: "laptop")
        #expect(resolved.status == 0 && resolved.output.contains("as sequence"), "\(resolved.output)\(resolved.errors)")
        let pushed = try #require(try await status(of: "laptop", cli).synced)
        #expect(try await cli.run(["conflicts", "resolve", "car", "--local"], profile: "laptop").errors == "tandem: There are no conflicts to resolve.\n")
        try await waitUntil(log, contains: "Pulled sequence \(pushed)")
        let desktop = try await cli.run(["prefs", "list", "--json"], profile: "desktop")
        #expect(try JSONSerialization.jsonObject(with: Data(desktop.output.utf8)) as? [String: String]
                == ["car": "green", "boat": "raft", "theme": "dark"])

        // The server goes away: a failed sync is one sentence on stderr, nothing on stdout claims otherwise.
        _ = server.stop()
        serverStopped = true
        _ = try await cli.run(["prefs", "set", "offline", "edit"], profile: "laptop")
        let failed = try await cli.run(["sync"], profile: "laptop")
        #expect(failed.status == 1)
        #expect(failed.errors.hasPrefix("tandem: Cannot reach the server: \(server.baseURL)"), "\(failed.errors)")
        #expect(failed.errors.split(separator: "\n").count == 1)
        #expect(!failed.output.lowercased().contains("failed"), "\(failed.output)")

        // Ctrl-C ends `watch` in order: every line it printed is in the file, the last one says it stopped.
        kill(watcher.processIdentifier, SIGINT)
        _ = try await onOwnThread { watcher.waitUntilExit() }
        #expect(watcher.terminationStatus == 130)
        let watched = try String(contentsOf: log, encoding: .utf8)
        #expect(watched.contains("Pulled sequence \(pushed)") && watched.hasSuffix("Stopped.\n"), "\(watched)")

        // Another --server is refused on a signed-in profile, with the explicit way to move it.
        let elsewhere = cli.with(server: "http://127.0.0.1:9")
        let refused = try await elsewhere.run(["status"], profile: "laptop")
        #expect(refused.status == 1)
        #expect(refused.errors.contains("`tandem config server http://127.0.0.1:9 --profile laptop`"), "\(refused.errors)")
        let moved = try await elsewhere.run(["config", "server", "http://127.0.0.1:9"], profile: "laptop")
        #expect(moved.status == 0 && moved.output.hasPrefix("Signed out of joe@example.com on \(server.baseURL); now using http://127.0.0.1:9."),
                "\(moved.output)\(moved.errors)")

        // Signed out, with local changes: sync, pull and push fail and say why.
        for command in ["sync", "pull", "push"] {
            let signedOut = try await elsewhere.run([command], profile: "laptop")
            #expect(signedOut.status == 1, "\(command)")
            #expect(signedOut.errors == "tandem: This device is not signed in: run `tandem login` or `tandem register` first.\n", "\(command): \(signedOut.errors)")
        }
        #expect(try await elsewhere.run(["prefs", "get", "theme"], profile: "laptop").output == "dark\n", "the preferences stay")
    }

    private struct Status {
        var synced: Int?
        var localChanges: Int
    }

    private func status(of profile: String, _ cli: CLIProcess) async throws -> Status {
        let result = try await cli.run(["status", "--json"], profile: profile)
        let object = try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any] ?? [:]
        return Status(synced: object["syncedSequence"] as? Int, localChanges: (object["localChanges"] as? [Any])?.count ?? -1)
    }

    /// Asks `tandem status` every 200 ms until `condition` holds (true) or 30 s passed (false).
    private func waitForStatus(of profile: String, _ cli: CLIProcess, _ condition: (Status) -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if condition(try await status(of: profile, cli)) { return true }
            try await Task.sleep(for: .milliseconds(200))
        }
        return false
    }

    /// Polls `file` (on a thread of its own) until it contains `text`.
    private func waitUntil(_ file: URL, contains text: String, seconds: Double = 30) async throws {
        let found = try await onOwnThread { () -> Bool in
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                if let contents = try? String(contentsOf: file, encoding: .utf8), contents.contains(text) { return true }
                Thread.sleep(forTimeInterval: 0.1)
            }
            return false
        }
        let contents = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
        #expect(found, "waited \(Int(seconds)) s for '\(text)' in \(file.lastPathComponent); it holds:\n\(contents)")
    }
}
