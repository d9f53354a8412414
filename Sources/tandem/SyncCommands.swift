import ArgumentParser
import Foundation
import TandemCore

struct Pull: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Fetch the server's wallet and merge it into the local preferences.")
    @OptionGroup var options: ProfileOptions
    func run() async throws { try await EngineSession.run(options) { try await SyncRound.run(on: $0) { await $0.pull() } } }
}

struct Push: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Upload local changes; if another device wrote first, fetch, merge and retry.")
    @OptionGroup var options: ProfileOptions
    func run() async throws { try await EngineSession.run(options) { try await SyncRound.run(on: $0) { await $0.push() } } }
}

struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sync", abstract: "Pull, merge and push in one go.")
    @OptionGroup var options: ProfileOptions
    func run() async throws { try await EngineSession.run(options) { try await SyncRound.run(on: $0) { await $0.sync() } } }
}

struct Status: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show the account, sequences, local changes and conflicts.")
    @OptionGroup var options: ProfileOptions
    @Flag(help: "Machine-readable output.") var json = false

    func run() async throws {
        try await EngineSession.run(options) { engine in
            let snapshot = await engine.snapshot
            if json {
                var object: [String: Any] = [
                    "profile": options.profileName, "deviceId": snapshot.deviceID, "phase": Describe.phaseName(snapshot.phase),
                    "localChanges": snapshot.localChanges.map { ["key": $0.key.string, "kind": $0.kind.rawValue] },
                    "conflicts": snapshot.conflicts.count, "preferences": snapshot.preferences.count, "autoSync": snapshot.autoSync,
                ]
                object["server"] = snapshot.server
                object["email"] = snapshot.email
                object["syncedSequence"] = snapshot.syncedSequence.map { Int($0) }
                Output.json(object)
                return
            }
            Output.line("Profile:       \(options.profileName) (device \(snapshot.deviceID))")
            Output.line("Server:        \(snapshot.server ?? "none")")
            Output.line("Account:       \(snapshot.email ?? "not signed in")")
            Output.line("State:         \(Describe.phase(snapshot.phase))")
            Output.line("Synced:        \(snapshot.syncedSequence.map { "sequence \($0)" } ?? "never")")
            Output.line("Preferences:   \(snapshot.preferences.count)")
            let changes = snapshot.localChanges
            Output.line("Local changes: \(changes.isEmpty ? "none" : changes.map { "\($0.key) (\($0.kind.rawValue))" }.joined(separator: ", "))")
            Output.line("Auto-sync:     \(snapshot.autoSync ? "on" : "off")")
            if !snapshot.conflicts.isEmpty { Output.line("Conflicts:     \(snapshot.conflicts.map(\.key.string).joined(separator: ", "))") }
        }
    }
}
