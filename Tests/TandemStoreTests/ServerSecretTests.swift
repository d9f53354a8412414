import Foundation
import TandemServerCore
import TandemStoreSQLite
import Testing

/// The server secret of `--hide-accounts` on the database backends (the in-memory store keeps none).
@Suite struct ServerSecretTests {
    @Test(arguments: StoreBackend.allCases.filter { $0 != .memory })
    func theSecretIsMadeOnceAndKept(_ backend: StoreBackend) async throws {
        let store = try #require(try await backend.makeStore() as? any ServerSecretStoring)
        let first = try await store.serverSecret()
        #expect(first.count == 32)
        #expect(try await store.serverSecret() == first)
    }

    @Test func anSQLiteSecretSurvivesReopening() async throws {
        let path = try TemporaryDirectory.make().appendingPathComponent("accounts.sqlite").path
        let first = try await SQLiteAccountStore(path: path).serverSecret()
        #expect(try await SQLiteAccountStore(path: path).serverSecret() == first)
    }
}
