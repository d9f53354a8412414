import Foundation
import TandemClient
import TandemCore
import TandemCrypto
import Testing

/// A device as a user has it: a SyncEngine over a real state file, HTTP and the websocket.
struct Device {
    let engine: SyncEngine
    let statePath: String

    /// Test setting: the same weakened key derivation on every device of the test (full strength takes seconds).
    static let testCost = KeyDerivation.Cost.reducedForTesting(log2N: 10)

    static func make(_ name: String, in directory: URL) async throws -> Device {
        let path = directory.appendingPathComponent("\(name).sqlite").path
        var configuration = SyncEngine.Configuration()
        configuration.keyDerivationCost = testCost
        let engine = try await SyncEngine(
            store: try SQLiteSyncStateStore(path: path),
            makeRemote: { HTTPWalletRemote(server: URL(string: $0)!, timeout: 120) },
            makeFeed: { WebSocketUpdateFeed(server: URL(string: $0)!) },
            configuration: configuration)
        // These tests push and pull by hand; auto-sync would push on its own in between.
        try await engine.setAutoSync(false)
        return Device(engine: engine, statePath: path)
    }

    var snapshot: SyncSnapshot { get async { await engine.snapshot } }
    var preferences: Preferences { get async { await engine.snapshot.preferences } }

    /// Waits (up to `seconds`) until a snapshot satisfies `condition`; records an issue if none does.
    @discardableResult
    func waitUntil(_ what: String, seconds: Double = 20, _ condition: @escaping @Sendable (SyncSnapshot) -> Bool,
                   sourceLocation: SourceLocation = #_sourceLocation) async -> SyncSnapshot? {
        let snapshots = await engine.snapshots()
        let found = await withTaskGroup(of: SyncSnapshot?.self) { group in
            group.addTask {
                for await snapshot in snapshots where condition(snapshot) { return snapshot }
                return nil
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(seconds))
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
        if found == nil { Issue.record("timed out waiting until \(what)", sourceLocation: sourceLocation) }
        return found
    }
}

enum TemporaryDirectory {
    static func make(_ label: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tandem-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
