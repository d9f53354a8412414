import Foundation
import TandemServerCore
import TandemStoreSQLite
import Testing

/// Every backend the conformance suite runs against. PostgreSQL joins when its test server is configured
/// (`TANDEM_TEST_POSTGRES_URL`, set by Scripts/test); without it `PostgresAccountStoreTests` reports a skip.
enum StoreBackend: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case memory
    case sqlite
    case postgres

    static var allCases: [StoreBackend] {
        PostgresTestServer.isConfigured ? [.memory, .sqlite, .postgres] : [.memory, .sqlite]
    }

    var testDescription: String { rawValue }

    /// A fresh, empty store: SQLite in its own temporary directory, PostgreSQL in a database of its own.
    func makeStore() async throws -> any AccountStore {
        switch self {
        case .memory:
            return MemoryAccountStore()
        case .sqlite:
            return try SQLiteAccountStore(path: TemporaryDirectory.make().appendingPathComponent("accounts.sqlite").path)
        case .postgres:
            return try await PostgresTestServer.makeStore()
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
