import Foundation
import TandemServerCore
import TandemStoreSQLite
import TandemWire
import Testing

@Suite struct SQLiteAccountStoreTests {
    @Test func everythingSurvivesReopeningTheFile() async throws {
        let path = try TemporaryDirectory.make().appendingPathComponent("accounts.sqlite").path
        let payload = WalletPayload(encryptedWallet: "tandem1:abc", sequence: 1, hmac: "00ff")
        do {
            let store = try SQLiteAccountStore(path: path)
            guard case .created(let account) = try await store.createAccount(
                NewAccount(email: "a@example.com", passwordHash: "h", clientSaltSeed: String(repeating: "0", count: 64), verified: true))
            else { Issue.record("not created"); return }
            #expect(try await store.replaceWallet(payload, of: account.id, ifSequenceIs: 0, generation: 1) == .replaced)
        }
        let reopened = try SQLiteAccountStore(path: path)
        let account = try #require(try await reopened.account(emailKey: "a@example.com"))
        #expect(try await reopened.wallet(of: account.id) == payload)
    }

    @Test func twoStoresOnOneFileStillHaveOneWinner() async throws {
        // Two pools stand in for two processes: writes from both must wait, never fail with "database is locked".
        let path = try TemporaryDirectory.make().appendingPathComponent("accounts.sqlite").path
        let first = try SQLiteAccountStore(path: path)
        let second = try SQLiteAccountStore(path: path)
        guard case .created(let account) = try await first.createAccount(
            NewAccount(email: "a@example.com", passwordHash: "h", clientSaltSeed: String(repeating: "0", count: 64), verified: true))
        else { Issue.record("not created"); return }
        let outcomes = try await withThrowingTaskGroup(of: WalletWriteOutcome.self) { group in
            for writer in 0..<20 {
                let store = writer.isMultiple(of: 2) ? first : second
                group.addTask {
                    try await store.replaceWallet(WalletPayload(encryptedWallet: "w\(writer)", sequence: 1, hmac: "h"),
                                                  of: account.id, ifSequenceIs: 0, generation: 1)
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 == .replaced }.count == 1)
    }
}
