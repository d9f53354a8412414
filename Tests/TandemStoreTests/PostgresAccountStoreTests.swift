import Foundation
import PostgresNIO
import Synchronization
import TandemServerCore
@testable import TandemStorePostgres
import TandemWire
import Testing

/// What only PostgreSQL has to show: several instances (pools) on one database, migrations racing at startup, and
/// the retry of a transaction the server aborted to break a deadlock.
@Suite(.enabled(if: PostgresTestServer.isConfigured, PostgresTestServer.notConfigured))
struct PostgresAccountStoreTests {
    static func account(_ email: String) -> NewAccount {
        NewAccount(email: email, passwordHash: "h", clientSaltSeed: String(repeating: "0", count: 64), verified: true)
    }

    static func created(_ store: PostgresAccountStore, _ email: String) async throws -> AccountRecord {
        guard case .created(let account) = try await store.createAccount(account(email)) else {
            throw PostgresTestServer.Unusable()
        }
        return account
    }

    @Test func instancesStartingTogetherMigrateOnce() async throws {
        let settings = try await PostgresTestServer.makeDatabase()
        let stores = try await withThrowingTaskGroup(of: PostgresAccountStore.self) { group in
            for _ in 0..<4 { group.addTask { try await PostgresTestServer.makeStore(settings) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        try await stores[0].migrate()
        let versions = try await PostgresTestServer.withConnection(settings) { connection in
            try await connection.query("SELECT count(*)::BIGINT FROM schema_migration", logger: PostgresTestServer.logger)
                .collect().first?.decode(Int64.self)
        }
        #expect(versions == Int64(PostgresAccountStore.migrations.count))
    }

    @Test func twoInstancesOnOneDatabaseStillHaveOneWinner() async throws {
        let settings = try await PostgresTestServer.makeDatabase()
        let first = try await PostgresTestServer.makeStore(settings)
        let second = try await PostgresTestServer.makeStore(settings)
        let account = try await Self.created(first, "a@example.com")
        #expect(try await second.createAccount(Self.account("A@example.com")) == .duplicateEmail)
        for sequence: UInt32 in 1...3 {
            let outcomes = try await withThrowingTaskGroup(of: WalletWriteOutcome.self) { group in
                for writer in 0..<20 {
                    let store = writer.isMultiple(of: 2) ? first : second
                    group.addTask {
                        try await store.replaceWallet(WalletPayload(encryptedWallet: "w\(writer)", sequence: sequence, hmac: "h"),
                                                      of: account.id, ifSequenceIs: sequence - 1, generation: 1)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 == .replaced }.count == 1)
        }
    }

    @Test func aDeadlockIsRetriedInsteadOfReported() async throws {
        let store = try await PostgresTestServer.makeStore()
        let a = try await Self.created(store, "a@example.com").id
        let b = try await Self.created(store, "b@example.com").id
        let attempts = Recorder<Int>()
        let firstLocks = Recorder<Int>()
        // Two transactions lock the same two rows in opposite orders; each waits until both hold their first row, so
        // PostgreSQL must abort one with 40P01 whatever the machine's load. The rerun finds the other one finishing.
        @Sendable func crossing(_ first: AccountID, _ second: AccountID) async throws {
            try await store.transaction { connection in
                attempts.append(1)
                let logger = PostgresTestServer.logger
                _ = try await connection.rows("UPDATE account SET verified = verified WHERE id = \(first)", logger: logger)
                firstLocks.append(1)
                for _ in 0..<1000 where firstLocks.values.count < 2 { try await Task.sleep(for: .milliseconds(10)) }
                _ = try await connection.rows("UPDATE account SET verified = verified WHERE id = \(second)", logger: logger)
            }
        }
        async let one: Void = crossing(a, b)
        async let two: Void = crossing(b, a)
        _ = try await (one, two)
        #expect(attempts.values.count == 3, "exactly one of the two ran again, and neither failed")
    }

    @Test func aStatementOnAClosedConnectionFailsInsteadOfWaitingForever() async throws {
        let connection = try await PostgresConnection.connect(
            on: PostgresConnection.defaultEventLoopGroup.any(),
            configuration: PostgresTestServer.adminSettings().connectionConfiguration, id: 1, logger: PostgresTestServer.logger)
        try await connection.close()
        // It must end with an error; if it never answered, the test run would hang and Scripts/test's bound would fail it.
        await #expect(throws: (any Error).self) {
            try await connection.rows("SELECT 1", logger: PostgresTestServer.logger)
        }
    }

    @Test func killedConnectionsNeverLeaveAnOperationWaiting() async throws {
        // What a PostgreSQL restart does to a pool in use, several times over.
        let settings = try await PostgresTestServer.makeDatabase()
        let store = try await PostgresTestServer.makeStore(settings)
        let account = try await Self.created(store, "a@example.com").id
        let killer = Task {
            for _ in 0..<5 {
                try await Task.sleep(for: .milliseconds(150))
                _ = try await PostgresTestServer.withConnection(settings) { connection in
                    try await connection.query("""
                        SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                        WHERE datname = current_database() AND pid <> pg_backend_pid()
                        """, logger: PostgresTestServer.logger).collect()
                }
            }
        }
        let finished = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    var finished = 0
                    for _ in 0..<150 {
                        _ = try? await store.wallet(of: account)  // a failure is fine, waiting forever is not
                        finished += 1
                    }
                    return finished
                }
            }
            return try await group.reduce(0, +)
        }
        try await killer.value
        #expect(finished == 8 * 150)
        #expect(try await store.wallet(of: account) == nil, "the pool works again")
    }

    @Test func theOutboxForgetsOldEvents() async throws {
        let settings = try await PostgresTestServer.makeDatabase()
        let store = try await PostgresTestServer.makeStore(settings)
        let account = try await Self.created(store, "a@example.com").id
        for sequence: UInt32 in 1...3 {
            _ = try await store.replaceWallet(WalletPayload(encryptedWallet: "w", sequence: sequence, hmac: "h"),
                                              of: account, ifSequenceIs: sequence - 1, generation: 1)
        }
        func count() async throws -> Int64? {
            try await store.rows("SELECT count(*)::BIGINT FROM account_event").first?.decode(Int64.self)
        }
        _ = try await store.rows("UPDATE account_event SET created_at = now() - INTERVAL '2 hours' WHERE value < 3")
        try await store.pruneEvents()
        #expect(try await count() == 1)
        #expect(try await store.latestEventID() > 0)
    }

    @Test func failuresNeverShowThePassword() async throws {
        var settings = try PostgresTestServer.adminSettings()
        settings.password = "not-the-password-\(UUID().uuidString)"
        let store = PostgresAccountStore(settings: settings, logger: PostgresTestServer.logger)
        do {
            try await store.checkConnection()
            Issue.record("a wrong password was accepted")
        } catch let error as PostgresStoreError {
            #expect(error.sqlState == "28P01")
            #expect(!"\(error)".contains(settings.password!))
            #expect(!"\(settings)".contains(settings.password!))
            #expect("\(settings)".contains(":***@"))
        }
    }
}

/// Values appended from any task.
final class Recorder<Value: Sendable>: Sendable {
    private let storage = Mutex<[Value]>([])
    func append(_ value: Value) { storage.withLock { $0.append(value) } }
    var values: [Value] { storage.withLock { $0 } }
}

/// Polls `condition` until it holds or `timeout` passes; returns whether it held.
func eventually(timeout: Duration = .seconds(20), _ condition: () -> Bool) async throws -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if condition() { return true }
        try await Task.sleep(for: .milliseconds(20))
    }
    return condition()
}
