import NIOPosix
import Synchronization
import TandemCrypto

/// Server-side scrypt on a thread pool, so a burst of logins never stalls the event loops serving wallets and sockets.
///
/// The work is bounded: at most `capacity` hashes are queued or running; beyond that a request is refused at once
/// (503 with `Retry-After`) instead of making every login wait longer. A queued hash whose client has gone away by the
/// time a thread is free is dropped unhashed, so abandoned requests cost nothing.
public struct PasswordHasher: Sendable {
    /// What happened to one hash, for the metrics.
    public enum Outcome: Sendable {
        case performed
        /// The client was gone when its turn came.
        case dropped
        /// The queue was full.
        case refused
    }

    public let cost: ServerPasswordHash.Cost
    public let capacity: Int
    private let pool: NIOThreadPool
    private let queued = Counter()
    private let observe: @Sendable (Outcome) -> Void

    /// `cost` is `.standard` in production; tests may pass `ServerPasswordHash.Cost.reducedForTesting(log2N:)`.
    public init(cost: ServerPasswordHash.Cost = .standard, capacity: Int = 64, pool: NIOThreadPool = .singleton,
                observe: @escaping @Sendable (Outcome) -> Void = { _ in }) {
        self.cost = cost
        self.capacity = capacity
        self.pool = pool
        self.observe = observe
    }

    public func hash(_ password: String, isWanted: @escaping @Sendable () -> Bool = { true }) async throws -> String {
        let cost = cost
        return try await run(isWanted) { try ServerPasswordHash.make(password: password, cost: cost) }
    }

    public func verify(_ password: String, against encoded: String,
                       isWanted: @escaping @Sendable () -> Bool = { true }) async throws -> Bool {
        try await run(isWanted) { try ServerPasswordHash.verify(password: password, against: encoded) }
    }

    private func run<T: Sendable>(_ isWanted: @escaping @Sendable () -> Bool,
                                  _ work: @escaping @Sendable () throws -> T) async throws -> T {
        guard queued.value.wrappingAdd(1, ordering: .relaxed).newValue <= capacity else {
            queued.value.wrappingSubtract(1, ordering: .relaxed)
            observe(.refused)
            throw ServiceFailure.unavailable("Too many log-ins in progress; try again shortly", retryAfter: 2)
        }
        defer { queued.value.wrappingSubtract(1, ordering: .relaxed) }
        let cancelled = Flag()
        let observe = observe
        return try await withTaskCancellationHandler {
            try await pool.runIfActive {
                guard !cancelled.value.load(ordering: .relaxed), isWanted() else {
                    observe(.dropped)
                    throw CancellationError()
                }
                observe(.performed)
                return try work()
            }
        } onCancel: {
            cancelled.value.store(true, ordering: .relaxed)
        }
    }
}

private final class Counter: Sendable {
    let value = Atomic(0)
}

private final class Flag: Sendable {
    let value = Atomic(false)
}
