import Foundation
import TandemClient
import TandemCore

/// Device A pushes; device B hears the websocket notice, pulls and merges. Measures A's push start to B's state.
struct PropagationBenchmark {
    let port: Int
    let rounds: Int

    func run() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tandem-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let server = "http://127.0.0.1:\(port)"
        let email = "propagation-\(UUID().uuidString.prefix(8).lowercased())@example.com"
        let a = try await device("a", directory)
        let b = try await device("b", directory)
        _ = try await a.register(server: server, email: email, password: "benchmark")
        _ = try await b.logIn(server: server, email: email, password: "benchmark")
        await b.startWatching()
        let updates = await b.snapshots()
        var iterator = updates.makeAsyncIterator()
        while let snapshot = await iterator.next(), snapshot.feed != .connected {}

        var stats = LatencyStats()
        for round in 0..<rounds {
            try await a.setPreference("counter", to: String(round))
            let start = monotonicNanoseconds()
            _ = await a.push()
            while let snapshot = await iterator.next(), snapshot.preferences["counter"] != ExactText(String(round)) {}
            stats.add(monotonicNanoseconds() - start)
        }
        print("Push on device A to merged state on device B (websocket notice, GET, merge), \(rounds) pushes: \(stats.summary)")
    }

    private func device(_ name: String, _ directory: URL) async throws -> SyncEngine {
        var configuration = SyncEngine.Configuration()
        // Key derivation is not what is measured here; keep set-up quick.
        configuration.keyDerivationCost = .reducedForTesting(log2N: 10)
        return try await SyncEngine(
            store: try SQLiteSyncStateStore(path: directory.appendingPathComponent("\(name).sqlite").path),
            makeRemote: { HTTPWalletRemote(server: URL(string: $0)!) },
            makeFeed: { WebSocketUpdateFeed(server: URL(string: $0)!) },
            configuration: configuration)
    }
}
