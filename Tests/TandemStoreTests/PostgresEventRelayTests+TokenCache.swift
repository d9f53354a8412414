import Foundation
import Synchronization
import TandemServerCore
@testable import TandemStorePostgres
import Testing

/// The relay feeding a token cache, wired as `tandem-server` wires it (events to `apply`, the LISTEN state to
/// `listening`): while the LISTEN connection is down the cache serves and keeps nothing, so a revocation committed
/// meanwhile, whose event this instance cannot hear yet, is never answered from memory.
extension PostgresEventRelayTests {
    @Test func aCacheServesNothingWhileItsRelayIsDownAndNothingReadBeforeTheLoss() async throws {
        let settings = try await PostgresTestServer.makeDatabase()
        let store = try await PostgresTestServer.makeStore(settings)
        let (role, relaySettings) = try await makeRelayRole(settings)
        let cache = TokenCache(listening: false)
        let listening = Recorder<Bool>()
        let relay = PostgresEventRelay(
            settings: relaySettings, store: store,
            observer: .init(listening: { cache.listening($0); listening.append($0) }, reconnected: {}),
            logger: PostgresTestServer.logger) { cache.apply($0) }
        try await relay.startFromLatestEvent()
        let task = Task { await relay.run() }
        defer { task.cancel() }
        #expect(try await eventually { listening.values.last == true })

        let account = try await PostgresAccountStoreTests.created(store, "joe@example.com").id
        let now = Date()
        let grant = TokenGrant(digest: "t1", account: account, deviceID: "laptop", generation: 1,
                               expiresAt: now.addingTimeInterval(3600), issuedAt: now)
        #expect(try await store.issueToken(grant) == .issued)
        // The log-in's own event may still be on its way and would drop what is kept before it; keep until it stays.
        var kept = false
        for _ in 0..<100 where !kept {
            let ticket = cache.ticket()
            let found = try #require(try await store.wallet(forTokenDigest: "t1", now: now))
            cache.keep(found, digest: "t1", ticket: ticket)
            try await Task.sleep(for: .milliseconds(100))
            kept = cache.lookUp("t1", now: now) != nil
        }
        #expect(kept, "the token stays in the cache once the log-in's event is through")

        let ticket = cache.ticket()
        let readBeforeTheLoss = try #require(try await store.wallet(forTokenDigest: "t1", now: now))
        try await lockOut(role, settings)
        #expect(try await eventually { listening.values.last == false }, "the relay noticed the loss")
        #expect(cache.lookUp("t1", now: now) == nil, "nothing is served while the relay is down")
        // Another instance logs the device out; this instance cannot hear it now.
        #expect(try await store.revokeToken(digest: "t1", now: now) == .revoked(deviceID: "laptop"))
        cache.keep(readBeforeTheLoss, digest: "t1", ticket: cache.ticket())
        #expect(cache.counts.tokens == 0, "nothing is kept while the relay is down")

        try await admin(settings, "ALTER ROLE \(role) LOGIN")
        #expect(try await eventually { listening.values.last == true })
        cache.keep(readBeforeTheLoss, digest: "t1", ticket: ticket)
        #expect(cache.lookUp("t1", now: now) == nil, "a read from before the loss is not kept after it")
        #expect(try await store.wallet(forTokenDigest: "t1", now: now) == nil)
    }
}
