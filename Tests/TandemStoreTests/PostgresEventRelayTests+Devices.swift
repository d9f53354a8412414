import Foundation
import TandemServerCore
@testable import TandemStorePostgres
import Testing

/// Log-ins, revocations, log-outs and deletions reach every instance's relay, like wallet writes; refusals announce nothing.
extension PostgresEventRelayTests {
    @Test func revocationsLogOutsAndDeletionsReachEveryInstance() async throws {
        let settings = try await PostgresTestServer.makeDatabase()
        let a = try await Instance(store: PostgresTestServer.makeStore(settings), relaySettings: settings)
        let b = try await Instance(store: PostgresTestServer.makeStore(settings), relaySettings: settings)
        let account = try await PostgresAccountStoreTests.created(a.store, "joe@example.com").id
        let now = Date()
        for (device, digest) in [("laptop", "t1"), ("desktop", "t2")] {
            let grant = TokenGrant(digest: digest, account: account, deviceID: device, generation: 1,
                                   expiresAt: now.addingTimeInterval(3600), issuedAt: now)
            #expect(try await a.store.issueToken(grant) == .issued)
        }
        #expect(try await b.store.revokeDevice("phone", of: account, now: now) == .noSuchDevice)
        #expect(try await b.store.revokeDevice("laptop", of: account, now: now) == .revoked)
        #expect(try await a.store.revokeToken(digest: "t2", now: now) == .revoked(deviceID: "desktop"))
        #expect(try await a.store.revokeToken(digest: "t2", now: now) == .notFound)
        #expect(try await b.store.deleteAccount(account, generation: 2) == .generationMoved)
        #expect(try await b.store.deleteAccount(account, generation: 1) == .deleted)

        // Log-ins are relayed too: another instance may hold the device's earlier token in its cache.
        let expected: [AccountEvent] = [.deviceLoggedIn(account, deviceKey: DeviceKey.of("laptop")),
                                        .deviceLoggedIn(account, deviceKey: DeviceKey.of("desktop")),
                                        .deviceRevoked(account, deviceKey: DeviceKey.of("laptop")),
                                        .deviceRevoked(account, deviceKey: DeviceKey.of("desktop")),
                                        .accountDeleted(account)]
        for instance in [a, b] {
            #expect(try await eventually { instance.events.values.count >= expected.count })
        }
        try await Task.sleep(for: .milliseconds(300))  // room for an event that should not be there
        #expect(a.events.values == expected)
        #expect(b.events.values == expected)
    }
}
