import Foundation
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

    final class Switch: Sendable {
        private let state: Atomic<Bool>
        init(_ on: Bool) { state = Atomic(on) }
        var isOn: Bool { state.load(ordering: .relaxed) }
        func set(_ on: Bool) { state.store(on, ordering: .relaxed) }
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

    /// A burst of abandoned log-ins fills the queue while a real hash runs; the next real log-in still gets a place.
    @Test func abandonedHashesGiveUpTheirPlaces() async throws {
        let threads = HashingThreads(count: 1)
        let outcomes = Outcomes()
        let hasher = PasswordHasher(cost: .reducedForTesting(log2N: 10), capacity: 2, threads: threads, observe: outcomes.record)
        // The only thread is busy until the test says so, as it would be with a real hash running.
        let busy = Switch(true)
        let blocker = Task { try await threads.run { while busy.isOn { usleep(1000) } } }
        let left = Switch(false)
        let abandoned = (0..<2).map { _ in Task { try await hasher.hash("password-1", isWanted: { !left.isOn }) } }
        while hasher.inProgress < 2 { try await Task.sleep(for: .milliseconds(5)) }
        left.set(true)  // Their clients hang up.

        let real = Task { try await hasher.hash("password-2") }
        // Admitted, the two abandoned ones let go: one place taken. Refused: two.
        while !outcomes.all.contains(.refused) && hasher.inProgress != 1 { try await Task.sleep(for: .milliseconds(5)) }
        busy.set(false)
        try await blocker.value
        #expect(try await real.value.isEmpty == false)
        for task in abandoned { await #expect(throws: CancellationError.self) { _ = try await task.value } }
        #expect(outcomes.all.filter { $0 == .refused }.isEmpty, "\(outcomes.all)")
        #expect(outcomes.all.filter { $0 == .dropped }.count == 2)
        #expect(outcomes.all.last == .performed)
        #expect(hasher.inProgress == 0)
        try await threads.shutdown()
    }
}
