import Synchronization
import TandemCrypto
import TandemServerCore
import Testing

/// The bounded hashing queue: work for a client that left is dropped, a full queue refuses at once.
@Suite struct PasswordHasherTests {
    final class Outcomes: Sendable {
        let seen = Mutex<[PasswordHasher.Outcome]>([])
        func record(_ outcome: PasswordHasher.Outcome) { seen.withLock { $0.append(outcome) } }
        var all: [PasswordHasher.Outcome] { seen.withLock { $0 } }
    }

    @Test func aClientThatLeftIsNotHashedFor() async throws {
        let outcomes = Outcomes()
        let hasher = PasswordHasher(cost: .reducedForTesting(log2N: 10), observe: outcomes.record)
        let encoded = try await hasher.hash("password-1")
        await #expect(throws: CancellationError.self) { _ = try await hasher.verify("password-1", against: encoded, isWanted: { false }) }
        #expect(try await hasher.verify("password-1", against: encoded))
        #expect(outcomes.all == [.performed, .dropped, .performed])
    }

    @Test func aFullQueueAnswers503AtOnce() async throws {
        let outcomes = Outcomes()
        let hasher = PasswordHasher(cost: .reducedForTesting(log2N: 10), capacity: 0, observe: outcomes.record)
        await #expect(throws: ServiceFailure.unavailable("Too many log-ins in progress; try again shortly", retryAfter: 2)) {
            _ = try await hasher.hash("password-1")
        }
        #expect(outcomes.all == [.refused])
    }
}
