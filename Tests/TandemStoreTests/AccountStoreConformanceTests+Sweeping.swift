import Foundation
import TandemServerCore
import Testing

extension AccountStoreConformanceTests {
    @Test(arguments: StoreBackend.allCases)
    func expiredTokensAreSweptAndLiveOnesKept(_ backend: StoreBackend) async throws {
        let store = try await backend.makeStore()
        let sweeping = try #require(store as? any ExpiredTokenSweeping, "every backend sweeps")
        let account = try await created(store)
        var old = grant(account, device: "old", digest: "t-old")
        old.expiresAt = now.addingTimeInterval(-1)
        #expect(try await store.issueToken(old) == .issued)
        #expect(try await store.issueToken(grant(account, device: "live", digest: "t-live")) == .issued)
        #expect(try await sweeping.deleteExpiredTokens(now: now) == 1)
        #expect(try await sweeping.deleteExpiredTokens(now: now) == 0)
        #expect(try await store.tokenOwner(digest: "t-live", now: now) != nil)
        // A device that logs in again after its token was swept gets a new one as usual.
        #expect(try await store.issueToken(grant(account, device: "old", digest: "t-again")) == .issued)
        #expect(try await store.tokenOwner(digest: "t-again", now: now) != nil)
    }
}
