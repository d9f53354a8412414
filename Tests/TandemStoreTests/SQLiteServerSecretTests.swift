import Foundation
import TandemServerCore
import TandemStoreSQLite
import Testing

@Suite struct SQLiteServerSecretTests {
    @Test func theSecretIsMadeOnceAndSurvivesReopening() async throws {
        let path = try TemporaryDirectory.make().appendingPathComponent("accounts.sqlite").path
        let first = try await SQLiteAccountStore(path: path).serverSecret()
        #expect(first.count == 32)
        #expect(try await SQLiteAccountStore(path: path).serverSecret() == first)
    }
}
