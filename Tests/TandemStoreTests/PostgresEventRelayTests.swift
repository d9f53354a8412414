import Foundation
import PostgresNIO
import TandemServerCore
@testable import TandemStorePostgres
import TandemWire
import Testing

/// The cross-instance relay against a real PostgreSQL: every instance hears every write once, in order, and a lost
/// LISTEN connection is re-established and catches up on what was committed while it was down.
@Suite(.enabled(if: PostgresTestServer.isConfigured, PostgresTestServer.notConfigured))
struct PostgresEventRelayTests {
    /// One instance's relay and what it delivered.
    final class Instance: Sendable {
        let store: PostgresAccountStore
        let relay: PostgresEventRelay
        let events: Recorder<AccountEvent>
        let listening: Recorder<Bool>
        let reconnects: Recorder<Int>
        private let task: Task<Void, Never>

        init(store: PostgresAccountStore, relaySettings: PostgresConnectionSettings) async throws {
            let events = Recorder<AccountEvent>(), listening = Recorder<Bool>(), reconnects = Recorder<Int>()
            (self.store, self.events, self.listening, self.reconnects) = (store, events, listening, reconnects)
            relay = PostgresEventRelay(
                settings: relaySettings, store: store,
                observer: .init(listening: { listening.append($0) }, reconnected: { reconnects.append(1) }),
                logger: PostgresTestServer.logger) { events.append($0) }
            try await relay.startFromLatestEvent()
            let relay = relay
            task = Task { await relay.run() }
            #expect(try await eventually { listening.values.last == true }, "the relay is listening")
        }

        deinit { task.cancel() }
    }

    func wallet(_ sequence: UInt32) -> WalletPayload {
        WalletPayload(encryptedWallet: "blob-\(sequence)", sequence: sequence, hmac: "hmac-\(sequence)")
    }

    @Test func everyInstanceHearsEveryWriteOnceInOrder() async throws {
        let settings = try await PostgresTestServer.makeDatabase()
        let a = try await Instance(store: PostgresTestServer.makeStore(settings), relaySettings: settings)
        let b = try await Instance(store: PostgresTestServer.makeStore(settings), relaySettings: settings)
        let account = try await PostgresAccountStoreTests.created(a.store, "joe@example.com").id
        for sequence: UInt32 in 1...10 {
            let writer = sequence.isMultiple(of: 2) ? a.store : b.store
            #expect(try await writer.replaceWallet(wallet(sequence), of: account, ifSequenceIs: sequence - 1, generation: 1) == .replaced)
        }
        #expect(try await a.store.replaceWallet(wallet(5), of: account, ifSequenceIs: 4, generation: 1) == .staleSequence)
        let change = PasswordChange(account: account, expectedGeneration: 1, newPasswordHash: "h2",
                                    newClientSaltSeed: String(repeating: "1", count: 64), wallet: wallet(11))
        #expect(try await b.store.changePassword(change) == .changed(newGeneration: 2))

        let expected = (1...10).map { AccountEvent.walletUpdated(account, sequence: $0) } + [.passwordChanged(account)]
        for instance in [a, b] {
            #expect(try await eventually { instance.events.values.count >= expected.count })
        }
        try await Task.sleep(for: .milliseconds(300))  // room for a duplicate to show up
        #expect(a.events.values == expected)
        #expect(b.events.values == expected)
    }

    @Test func aLostListenConnectionIsReestablishedAndCatchesUp() async throws {
        let settings = try await PostgresTestServer.makeDatabase()
        let store = try await PostgresTestServer.makeStore(settings)
        let (role, relaySettings) = try await makeRelayRole(settings)
        let instance = try await Instance(store: store, relaySettings: relaySettings)
        let account = try await PostgresAccountStoreTests.created(store, "joe@example.com").id
        #expect(try await store.replaceWallet(wallet(1), of: account, ifSequenceIs: 0, generation: 1) == .replaced)
        #expect(try await eventually { instance.events.values.count == 1 })

        try await lockOut(role, settings)
        #expect(try await eventually { instance.listening.values.last == false }, "the relay noticed the loss")
        // Committed while nobody of this instance listens: only the outbox can bring these back.
        #expect(try await store.replaceWallet(wallet(2), of: account, ifSequenceIs: 1, generation: 1) == .replaced)
        let change = PasswordChange(account: account, expectedGeneration: 1, newPasswordHash: "h2",
                                    newClientSaltSeed: String(repeating: "1", count: 64), wallet: wallet(3))
        #expect(try await store.changePassword(change) == .changed(newGeneration: 2))
        try await Task.sleep(for: .milliseconds(300))
        #expect(instance.events.values.count == 1, "nothing arrives while the relay is locked out")

        try await admin(settings, "ALTER ROLE \(role) LOGIN")
        #expect(try await eventually { instance.events.values.count >= 3 })
        #expect(instance.reconnects.values.count == 1)
        #expect(instance.listening.values.last == true)
        #expect(try await store.replaceWallet(wallet(4), of: account, ifSequenceIs: 3, generation: 2) == .replaced)
        #expect(try await eventually { instance.events.values.count >= 4 })
        try await Task.sleep(for: .milliseconds(300))
        #expect(instance.events.values == [.walletUpdated(account, sequence: 1), .walletUpdated(account, sequence: 2),
                                           .passwordChanged(account), .walletUpdated(account, sequence: 4)])
    }

    /// A role of its own for the relay, so that it alone can be locked out while writes go on.
    func makeRelayRole(_ settings: PostgresConnectionSettings) async throws -> (role: String, settings: PostgresConnectionSettings) {
        let role = "relay_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        var relaySettings = settings
        relaySettings.user = role
        relaySettings.password = "relay-password"
        try await admin(settings, "CREATE ROLE \(role) LOGIN PASSWORD 'relay-password'",
                        "GRANT SELECT, DELETE ON account_event TO \(role)")
        return (role, relaySettings)
    }

    /// Refuses the role's log-ins and ends its connections (the relay's LISTEN connection dies).
    func lockOut(_ role: String, _ settings: PostgresConnectionSettings) async throws {
        try await admin(settings, "ALTER ROLE \(role) NOLOGIN",
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '\(role)'")
    }

    func admin(_ settings: PostgresConnectionSettings, _ statements: String...) async throws {
        try await PostgresTestServer.withConnection(settings) { connection in
            for statement in statements {
                _ = try await connection.query(PostgresQuery(unsafeSQL: statement), logger: PostgresTestServer.logger).collect()
            }
        }
    }
}
