import Foundation
import TandemCore
@testable import TandemTUI

/// Deterministic states for reducer and render tests: a fixed clock, UTC, and snapshots as the engine would send.
enum Fixtures {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)  // 2027-01-15 08:00:00 UTC
    static let utc = TimeZone(identifier: "UTC")!

    static func minutesAgo(_ minutes: Double) -> Date { now.addingTimeInterval(-minutes * 60) }

    static let preferences: Preferences = [
        "editor": "vim", "font.size": "13", "greeting": "héllo, 世界", "language": "en", "shell": "zsh", "theme": "dark",
    ]

    /// A signed-in device, synced at sequence 4, with one local edit and a little activity.
    static func signedIn(preferences: Preferences = preferences, localChanges: [LocalChange] = [LocalChange(key: "theme", kind: .changed)]) -> SyncSnapshot {
        var snapshot = SyncSnapshot()
        snapshot.phase = .idle
        snapshot.deviceID = "3f2a1b2c-0000-4000-8000-000000000001"
        snapshot.server = "http://127.0.0.1:8090"
        snapshot.email = "joe@example.com"
        snapshot.syncedSequence = 4
        snapshot.latestRemoteSequence = 4
        snapshot.preferences = preferences
        snapshot.localChanges = localChanges
        snapshot.lastSync = minutesAgo(2)
        snapshot.connection = .online(latency: .milliseconds(12))
        snapshot.feed = .connected
        snapshot.lastNotice = (4, minutesAgo(2))
        snapshot.activity = [
            ActivityEntry(date: minutesAgo(3), level: .info, message: "Logged in as joe@example.com on http://127.0.0.1:8090."),
            ActivityEntry(date: minutesAgo(2), level: .info, message: "Pulled sequence 4 and merged 2 changes from other devices."),
        ]
        return snapshot
    }

    /// The same device with the server unreachable and the websocket retrying.
    static func offline() -> SyncSnapshot {
        var snapshot = signedIn()
        snapshot.connection = .offline("cannot reach the server: http://127.0.0.1:8090 (Connection refused)")
        snapshot.feed = .reconnecting(at: now.addingTimeInterval(4), reason: "connection lost")
        snapshot.activity.append(ActivityEntry(date: minutesAgo(1), level: .error,
                                               message: "Sync failed: cannot reach the server: http://127.0.0.1:8090 (Connection refused)."))
        return snapshot
    }

    static let conflicts = [
        Conflict(key: "font.size", base: "13", local: "14", remote: "16"),
        Conflict(key: "shell", base: "zsh", local: nil, remote: "fish"),
        Conflict(key: "theme", base: "dark", local: "light", remote: "solarized"),
    ]

    /// A pull whose merge has conflicts on three keys (the working copy holds the local sides).
    static func conflicted(resolutions: [ExactText: Resolution] = [:]) -> SyncSnapshot {
        var snapshot = signedIn()
        snapshot.phase = .awaitingResolution
        snapshot.latestRemoteSequence = 5
        snapshot.preferences["font.size"] = "14"
        snapshot.preferences["shell"] = nil
        snapshot.preferences["theme"] = "light"
        snapshot.localChanges = [LocalChange(key: "font.size", kind: .changed), LocalChange(key: "shell", kind: .deleted),
                                 LocalChange(key: "theme", kind: .changed)]
        snapshot.pendingMerge = conflicts.map { PendingConflict(conflict: $0, choice: resolutions[$0.key]) }
        snapshot.activity.append(ActivityEntry(date: minutesAgo(0.5), level: .warning,
                                               message: "Sequence 5 conflicts with local edits on 3 keys: choose local, remote or a new value."))
        return snapshot
    }

    static func signedOut() -> SyncSnapshot {
        var snapshot = SyncSnapshot()
        snapshot.deviceID = "3f2a1b2c-0000-4000-8000-000000000001"
        return snapshot
    }

    /// One device (as `tandem` shows it) that has received `snapshot`.
    static func state(_ snapshot: SyncSnapshot = signedIn(), size: Size = Size(width: 80, height: 24), name: String = "default") -> AppState {
        var state = AppState(devices: [DevicePanel(name: name)], size: size, themeNames: ["default", "light", "high-contrast", "monochrome"],
                             now: now, timeZone: utc)
        _ = reduce(&state, .snapshot(snapshot, device: 0))
        return state
    }

    /// Two devices side by side, as `tandem demo` shows them.
    static func demo(size: Size = Size(width: 120, height: 40)) -> AppState {
        var state = AppState(devices: [DevicePanel(name: "laptop"), DevicePanel(name: "desktop")], size: size,
                             themeNames: ["default"], now: now, timeZone: utc)
        state.banner = "demo: weakened key derivation (scrypt N=2^14)"
        state.hint = "Make a conflict: edit the same key on both devices (Tab switches, e edits), then press s on each."
        var desktop = signedIn(localChanges: [])
        desktop.deviceID = "9b8c7d6e-0000-4000-8000-000000000002"
        _ = reduce(&state, .snapshot(signedIn(), device: 0))
        _ = reduce(&state, .snapshot(desktop, device: 1))
        return state
    }

    /// Presses keys in order and returns every effect they asked for.
    @discardableResult
    static func press(_ keys: [Key], on state: inout AppState) -> [Effect] {
        keys.flatMap { reduce(&state, .key($0)) }
    }

    /// Keys for typing `text`.
    static func typing(_ text: String) -> [Key] { text.map { .character($0) } }
}
