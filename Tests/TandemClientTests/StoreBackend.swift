import Foundation
import TandemClient
import TandemCore

/// The stores the `SyncStateStore` conformance suite runs against; each gives two handles on one profile, as two
/// processes would have (for memory: one shared instance; for SQLite: one instance or two on the same file).
enum StoreBackend: String, CaseIterable, Sendable, CustomStringConvertible {
    case memory
    case sqlite
    case twoSQLiteInstancesOnOneFile

    var description: String { rawValue }

    /// Two handles on one new profile.
    func makePair() throws -> (any SyncStateStore, any SyncStateStore) {
        switch self {
        case .memory:
            let store = MemorySyncStateStore()
            return (store, store)
        case .sqlite:
            let store = try SQLiteSyncStateStore(path: Self.temporaryPath())
            return (store, store)
        case .twoSQLiteInstancesOnOneFile:
            let path = Self.temporaryPath()
            return (try SQLiteSyncStateStore(path: path), try SQLiteSyncStateStore(path: path))
        }
    }

    /// A profile file in a new temporary directory.
    static func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("tandem-state-\(UUID().uuidString)/profile.sqlite").path
    }
}
