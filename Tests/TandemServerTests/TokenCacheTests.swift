import Foundation
import TandemServerCore
import TandemWire
import Testing

/// The token cache's own rules, without a server: what goes in, what an event takes out, what a fill that raced an
/// event may not put back, and the bounds.
struct TokenCacheTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let account: AccountID = 7

    func found(_ account: AccountID, wallet sequence: UInt32?, expiresIn seconds: TimeInterval = 3600,
               size: Int = 10) -> TokenWallet {
        TokenWallet(owner: TokenOwner(account: account, generation: 1), wallet: sequence.map { wallet($0, size: size) },
                    expiresAt: now.addingTimeInterval(seconds))
    }

    func wallet(_ sequence: UInt32, size: Int = 10) -> WalletPayload {
        WalletPayload(encryptedWallet: String(repeating: "w", count: size) + "\(sequence)", sequence: sequence, hmac: "h\(sequence)")
    }

    @Test func aKeptTokenIsAHitWithItsAnswerUntilItExpires() {
        let cache = TokenCache()
        #expect(cache.lookUp("t1", now: now) == nil)
        cache.keep(found(account, wallet: 3, expiresIn: 60), digest: "t1", ticket: cache.ticket())
        let hit = cache.lookUp("t1", now: now)
        #expect(hit?.account == account)
        #expect(hit?.answer?.bytes == wallet(3).answerJSON)
        #expect(cache.lookUp("t1", now: now.addingTimeInterval(59)) != nil)
        #expect(cache.lookUp("t1", now: now.addingTimeInterval(60)) == nil, "expiry is checked on every hit")
        #expect(cache.counts.tokens == 0, "an expired token is dropped when found")
    }

    @Test(arguments: [AccountEvent.passwordChanged(7), .accountDeleted(7), .deviceRevoked(7, deviceKey: "k"),
                      .deviceLoggedIn(7, deviceKey: "k")])
    func everyEventThatCanEndATokenDropsTheAccountsTokens(_ event: AccountEvent) {
        let cache = TokenCache()
        cache.keep(found(account, wallet: 1), digest: "t1", ticket: cache.ticket())
        cache.keep(found(account, wallet: 1), digest: "t2", ticket: cache.ticket())
        cache.keep(found(8, wallet: 1), digest: "other", ticket: cache.ticket())
        cache.apply(event)
        #expect(cache.lookUp("t1", now: now) == nil)
        #expect(cache.lookUp("t2", now: now) == nil)
        #expect(cache.lookUp("other", now: now) != nil, "another account's token stays")
    }

    @Test(arguments: [AccountEvent.passwordChanged(7), .accountDeleted(7), .deviceRevoked(7, deviceKey: "k"),
                      .deviceLoggedIn(7, deviceKey: "k")])
    func aFillThatReadTheStoreBeforeAnInvalidationIsNotKept(_ event: AccountEvent) {
        let cache = TokenCache()
        let ticket = cache.ticket()       // the fill starts and reads the store: the token is live
        cache.apply(event)                // meanwhile the token is ended and the event applied
        let answer = cache.keep(found(account, wallet: 2), digest: "t1", ticket: ticket)
        #expect(answer.sequence == 2, "the request that read before the change is still answered")
        #expect(cache.lookUp("t1", now: now) == nil, "but what it read is not put back")
        cache.keep(found(account, wallet: 2), digest: "t1", ticket: cache.ticket())
        #expect(cache.lookUp("t1", now: now) != nil, "a fill after the event is kept")
    }

    @Test func aWalletEventLeavesAFloorThatNoOlderReadGetsUnder() throws {
        let cache = TokenCache()
        cache.keep(found(account, wallet: 1), digest: "t1", ticket: cache.ticket())
        let ticket = cache.ticket()       // a read of the wallet (still 1) begins
        cache.apply(.walletUpdated(account, sequence: 2))
        let hit = try #require(cache.lookUp("t1", now: now))
        #expect(hit.answer == nil, "the answer of sequence 1 is gone; the token stays")
        cache.keep(wallet(1), of: account, ticket: ticket)
        #expect(cache.lookUp("t1", now: now)?.answer == nil, "a read older than the event is not kept")
        cache.keep(wallet(2), of: account, ticket: cache.ticket())
        #expect(cache.lookUp("t1", now: now)?.answer?.sequence == 2)
        cache.apply(.walletUpdated(account, sequence: 2))
        #expect(cache.lookUp("t1", now: now)?.answer?.sequence == 2, "an event of the answer's own sequence changes nothing")
        cache.apply(.walletUpdated(account, sequence: 1))
        #expect(cache.lookUp("t1", now: now)?.answer?.sequence == 2, "nor does an older one")
    }

    @Test func aLocalWriteReplacesTheAnswerOrAtLeastLeavesItsFloor() throws {
        let cache = TokenCache()
        cache.keep(found(account, wallet: 1), digest: "t1", ticket: cache.ticket())
        cache.committed(wallet(2), of: account, ticket: cache.ticket())
        #expect(cache.lookUp("t1", now: now)?.answer?.bytes == wallet(2).answerJSON)

        let ticket = cache.ticket()       // the write of 3 begins
        cache.apply(.deviceRevoked(8, deviceKey: "k"))  // anything that moves the epoch meanwhile
        cache.keep(found(account, wallet: 2), digest: "t1", ticket: cache.ticket())
        cache.committed(wallet(3), of: account, ticket: ticket)
        #expect(cache.lookUp("t1", now: now)?.answer == nil, "sequence 2 is never answered after 3 was acknowledged")
        cache.keep(wallet(2), of: account, ticket: cache.ticket())
        #expect(cache.lookUp("t1", now: now)?.answer == nil)
    }

    @Test func whileNotListeningNothingIsServedOrKept() {
        let cache = TokenCache(listening: false)
        cache.keep(found(account, wallet: 1), digest: "t1", ticket: cache.ticket())
        #expect(cache.counts.tokens == 0)
        cache.listening(true)
        cache.keep(found(account, wallet: 1), digest: "t1", ticket: cache.ticket())
        let ticket = cache.ticket()
        #expect(cache.lookUp("t1", now: now) != nil)
        cache.listening(false)
        #expect(cache.lookUp("t1", now: now) == nil, "a lost relay empties the cache")
        cache.listening(true)
        #expect(cache.lookUp("t1", now: now) == nil, "and it starts empty again")
        cache.keep(found(account, wallet: 1), digest: "t1", ticket: ticket)
        #expect(cache.lookUp("t1", now: now) == nil, "a fill from before the loss is not kept")
    }

    @Test func theCacheIsBoundedInTokensAndAnswerBytes() throws {
        let cache = TokenCache(limits: TokenCache.Limits(tokens: 3, answerBytes: 1_000))
        for index in 0..<10 {
            cache.keep(found(AccountID(index), wallet: 1, size: 200), digest: "t\(index)", ticket: cache.ticket())
            #expect(cache.counts.tokens <= 3)
            #expect(cache.counts.answerBytes <= 1_000)
        }
        #expect(cache.lookUp("t9", now: now) != nil, "the newest token is kept")
        cache.keep(found(100, wallet: 1, size: 2_000), digest: "big", ticket: cache.ticket())
        let hit = try #require(cache.lookUp("big", now: now))
        #expect(hit.answer == nil, "an answer larger than the whole budget is never kept")
        #expect(cache.counts.answerBytes <= 1_000)
    }

    @Test func sizeZeroKeepsNothing() {
        let cache = TokenCache(limits: .off)
        cache.keep(found(account, wallet: 1), digest: "t1", ticket: cache.ticket())
        cache.committed(wallet(2), of: account, ticket: cache.ticket())
        #expect(cache.lookUp("t1", now: now) == nil)
        #expect(cache.counts.tokens == 0 && cache.counts.answerBytes == 0)
    }
}
