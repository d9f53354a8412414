import Foundation
import TandemServerCore
import TandemStoreSQLite
import Testing

/// Every backend the conformance suite runs against. PostgreSQL joins when its test server is configured.
enum StoreBackend: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case memory
    case sqlite

    var testDescription: String { rawValue }

    /// A fresh, empty store; the SQLite one lives in its own temporary directory.
    func makeStore() throws -> any AccountStore {
        switch self {
        case .memory:
            return MemoryAccountStore()
        case .sqlite:
            return try SQLiteAccountStore(path: TemporaryDirectory.make().appendingPathComponent("accounts.sqlite").path)
        }
    }
}

enum TemporaryDirectory {
    static func make() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tandem-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
