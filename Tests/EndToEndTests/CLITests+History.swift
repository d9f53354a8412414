import Foundation
import Testing

/// `tandem history`, `undo` and `redo` as a user runs them, and TANDEM_SERVER on a profile signed in elsewhere.
@Suite(.serialized) struct CLIHistoryTests {
    @Test func historyUndoAndRedoOnTheCommandLine() async throws {
        let directory = try TemporaryDirectory.make("cli-history")
        defer { try? FileManager.default.removeItem(at: directory) }
        let server = try await ServerProcess.start(arguments: ServerProcess.sqliteArguments(in: directory))
        defer { _ = server.stop() }
        let cli = CLIProcess(dataHome: directory, server: server.baseURL)
        #expect(try await cli.run(["register", "--email", "joe@example.com", "--password-stdin"], profile: "laptop", input: "pw\n").status == 0)
        #expect(try await cli.run(["login", "--email", "joe@example.com", "--password-stdin"], profile: "desktop", input: "pw\n").status == 0)

        _ = try await cli.run(["prefs", "set", "car", "Saab"], profile: "laptop")
        _ = try await cli.run(["prefs", "set", "car", "Volvo"], profile: "laptop")
        _ = try await cli.run(["prefs", "unset", "car"], profile: "laptop")
        let undone = try await cli.run(["undo"], profile: "laptop")
        #expect(undone.status == 0, "\(undone.errors)")
        #expect(undone.output == "Undone: 'car' is back, with 'Volvo'.\n")
        #expect(try await cli.run(["prefs", "get", "car"], profile: "laptop").output == "Volvo\n", "undelete")
        #expect(try await cli.run(["undo"], profile: "laptop").output == "Undone: 'car' is 'Saab' again.\n")
        #expect(try await cli.run(["redo"], profile: "laptop").output == "Redone: 'car' is 'Volvo' again.\n")

        // Another device's push arrives by a pull and is journaled as such; undo leaves it alone.
        #expect(try await cli.run(["sync"], profile: "laptop").status == 0)
        _ = try await cli.run(["pull"], profile: "desktop")
        _ = try await cli.run(["prefs", "set", "car", "Tesla"], profile: "desktop")
        _ = try await cli.run(["sync"], profile: "desktop")
        _ = try await cli.run(["pull"], profile: "laptop")
        let history = try await cli.run(["history", "car"], profile: "laptop")
        let lines = history.output.split(separator: "\n").map(String.init)
        #expect(lines.count == 7, "\(history.output)")
        #expect(lines.first?.hasSuffix("car: added 'Saab'  (edited here)") == true)
        #expect(lines.last?.hasSuffix("car: 'Volvo' -> 'Tesla'  (pulled (sequence 2))") == true)
        let json = try await cli.run(["history", "car", "--json"], profile: "laptop")
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [[String: Any]])
        #expect(entries.map { $0["origin"] as? String } == ["local", "local", "local", "undo:3", "undo:2", "redo:5", "pulled:2"])
        #expect(entries.last?["new"] as? String == "Tesla" && entries.first?["old"] is NSNull)
        let nothing = try await cli.run(["undo"], profile: "desktop")
        #expect(nothing.output == "Undone: 'car' is 'Volvo' again.\n", "the desktop's own edit")
        let none = try await cli.run(["undo"], profile: "desktop")
        #expect(none.status == 1 && none.errors == "tandem: There is no change made on this device to undo.\n")
    }

    @Test func theSettingsFileGivesNewProfilesTheirAutoSync() async throws {
        let directory = try TemporaryDirectory.make("cli-settings")
        defer { try? FileManager.default.removeItem(at: directory) }
        let server = try await ServerProcess.start(arguments: ServerProcess.sqliteArguments(in: directory))
        defer { _ = server.stop() }
        let config = directory.appendingPathComponent("config/tandem")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try "# mine\nauto-sync = off\n".write(to: config.appendingPathComponent("config"), atomically: true, encoding: .utf8)
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_DATA_HOME"] = directory.path
        environment["XDG_CONFIG_HOME"] = directory.appendingPathComponent("config").path
        environment["TANDEM_INSECURE_KDF_LOG2N"] = "10"
        let env = environment
        func tandem(_ arguments: [String], input: String = "") async throws -> CLIProcess.Result {
            try await onOwnThread { try CLIProcess.execute(arguments + ["--profile", "new", "--server", server.baseURL], environment: env, input: input) }
        }
        #expect(try await tandem(["register", "--email", "joe@example.com", "--password-stdin"], input: "pw\n").status == 0)
        #expect(try await tandem(["config"]).output.contains("Auto-sync: off"), "a new profile starts as the settings file says")
        _ = try await tandem(["config", "auto-sync", "on"])
        #expect(try await tandem(["config"]).output.contains("Auto-sync: on"), "an existing profile keeps its own setting")
    }

    @Test func tandemServerInTheEnvironmentOnlyOffersAServer() async throws {
        let directory = try TemporaryDirectory.make("cli-env-server")
        defer { try? FileManager.default.removeItem(at: directory) }
        let server = try await ServerProcess.start(arguments: ServerProcess.sqliteArguments(in: directory))
        defer { _ = server.stop() }
        let cli = CLIProcess(dataHome: directory, server: server.baseURL)
        #expect(try await cli.run(["register", "--email", "joe@example.com", "--password-stdin"], profile: "laptop", input: "pw\n").status == 0)
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_DATA_HOME"] = directory.path
        environment["TANDEM_SERVER"] = "http://127.0.0.1:9"
        let env = environment
        let status = try await onOwnThread { try CLIProcess.execute(["sync", "--profile", "laptop"], environment: env) }
        #expect(status.status == 0, "a profile signed in elsewhere keeps its server: \(status.errors)")
        let flag = try await onOwnThread {
            try CLIProcess.execute(["sync", "--profile", "laptop", "--server", "http://127.0.0.1:9"], environment: env)
        }
        #expect(flag.status == 1 && flag.errors.contains("not http://127.0.0.1:9 (--server)"), "an explicit --server still is refused")
    }
}
