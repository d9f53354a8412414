import ArgumentParser
import Foundation
import TandemCore

struct Pull: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Fetch the server's wallet and merge it into the local preferences.")
    @OptionGroup var options: ProfileOptions
    func run() async throws { try await EngineSession.run(options) { await $0.pull() } }
}

struct Push: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Upload local changes; if another device wrote first, fetch, merge and retry.")
    @OptionGroup var options: ProfileOptions
    func run() async throws { try await EngineSession.run(options) { await $0.push() } }
}

struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sync", abstract: "Pull, merge and push in one go.")
    @OptionGroup var options: ProfileOptions
    func run() async throws { try await EngineSession.run(options) { await $0.sync() } }
}

struct Watch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Stay connected: print the server's notices and what the engine did about them (Ctrl-C stops).")
    @OptionGroup var options: ProfileOptions

    func run() async throws {
        try await EngineSession.run(options, printActivity: false) { engine in
            guard await engine.snapshot.phase != .signedOut else { throw EngineError.notSignedIn }
            await engine.startWatching()
            var printed = 0
            var feed = FeedStatus.off
            for await snapshot in await engine.snapshots() {
                if snapshot.feed != feed {
                    feed = snapshot.feed
                    print(Describe.feed(feed))
                }
                // The log keeps its newest entries only; print those not seen yet.
                let fresh = snapshot.activity.suffix(max(0, min(snapshot.activity.count, snapshot.activity.count - printed)))
                for entry in fresh { print(entry.message) }
                printed = snapshot.activity.count
                if snapshot.phase == .needsPassword {
                    throw CLIError("The password was changed on another device; run `tandem login` with the new password.")
                }
            }
        }
    }
}

struct Status: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Show the account, sequences, local changes and conflicts.")
    @OptionGroup var options: ProfileOptions
    @Flag(help: "Machine-readable output.") var json = false

    func run() async throws {
        try await EngineSession.run(options, printActivity: false) { engine in
            let snapshot = await engine.snapshot
            if json {
                var object: [String: Any] = [
                    "profile": options.profileName, "deviceId": snapshot.deviceID, "phase": Describe.phaseName(snapshot.phase),
                    "localChanges": snapshot.localChanges.map { ["key": $0.key, "kind": $0.kind.rawValue] },
                    "conflicts": snapshot.conflicts.count, "preferences": snapshot.preferences.count,
                ]
                object["server"] = snapshot.server
                object["email"] = snapshot.email
                object["syncedSequence"] = snapshot.syncedSequence.map { Int($0) }
                JSONOutput.print(object)
                return
            }
            print("Profile:       \(options.profileName) (device \(snapshot.deviceID))")
            print("Server:        \(snapshot.server ?? "none")")
            print("Account:       \(snapshot.email ?? "not signed in")")
            print("State:         \(Describe.phase(snapshot.phase))")
            print("Synced:        \(snapshot.syncedSequence.map { "sequence \($0)" } ?? "never")")
            print("Preferences:   \(snapshot.preferences.count)")
            let changes = snapshot.localChanges
            print("Local changes: \(changes.isEmpty ? "none" : changes.map { "\($0.key) (\($0.kind.rawValue))" }.joined(separator: ", "))")
            if !snapshot.conflicts.isEmpty { print("Conflicts:     \(snapshot.conflicts.map(\.key).joined(separator: ", "))") }
        }
    }
}

/// Plain words for engine states.
enum Describe {
    static func phaseName(_ phase: SyncPhase) -> String {
        switch phase {
        case .signedOut: "signedOut"
        case .idle: "idle"
        case .pulling: "pulling"
        case .pushing: "pushing"
        case .awaitingResolution: "awaitingResolution"
        case .needsPassword: "needsPassword"
        }
    }

    static func phase(_ phase: SyncPhase) -> String {
        switch phase {
        case .signedOut: "signed out"
        case .idle: "ready"
        case .pulling: "pulling"
        case .pushing: "pushing"
        case .awaitingResolution: "conflicts wait for you (tandem conflicts list)"
        case .needsPassword: "the password changed elsewhere: run tandem login"
        }
    }

    static func feed(_ status: FeedStatus) -> String {
        switch status {
        case .off: "Not listening for notices."
        case .connecting: "Connecting to the server's notices…"
        case .connected: "Connected; waiting for notices."
        case let .reconnecting(at, reason): "Disconnected (\(reason)); reconnecting in \(max(0, Int(at.timeIntervalSinceNow.rounded())))s."
        case .closedByServer(let reason): "The server closed the connection: \(reason)."
        }
    }
}
