import Synchronization
import TandemCrypto

/// Server-side scrypt on threads of its own (`HashingThreads`), so a burst of logins never stalls the event loops
/// serving wallets and sockets.
///
/// The work is bounded: at most `capacity` hashes are queued or running; beyond that a request is refused at once
/// (503 with `Retry-After`) instead of making every login wait longer. A queued hash whose client has gone away by the
/// time a thread is free is dropped unhashed, so abandoned requests cost nothing, and it does not hold its place
/// either: a full queue first lets go of the waiting hashes nobody wants any more, so a burst of abandoned log-ins
/// cannot turn a real one away.
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
    private let threads: HashingThreads
    private let queue = Queue()
    private let observe: @Sendable (Outcome) -> Void

    /// `cost` is `.standard` in production; tests may pass `ServerPasswordHash.Cost.reducedForTesting(log2N:)`.
    public init(cost: ServerPasswordHash.Cost = .standard, capacity: Int = 64, threads: HashingThreads = .shared,
                observe: @escaping @Sendable (Outcome) -> Void = { _ in }) {
        self.cost = cost
        self.capacity = capacity
        self.threads = threads
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

    /// Hashes queued or running.
    public var inProgress: Int { queue.places.withLock { $0.admitted.count } }

    private func run<T: Sendable>(_ isWanted: @escaping @Sendable () -> Bool,
                                  _ work: @escaping @Sendable () throws -> T) async throws -> T {
        guard let ticket = queue.admit(isWanted, capacity: capacity) else {
            observe(.refused)
            throw ServiceFailure.unavailable("Too many log-ins in progress; try again shortly", retryAfter: 2)
        }
        defer { queue.leave(ticket) }
        let cancelled = Flag()
        let (observe, queue) = (observe, queue)
        return try await withTaskCancellationHandler {
            try await threads.run {
                guard !cancelled.value.load(ordering: .relaxed), isWanted() else {
                    observe(.dropped)
                    throw CancellationError()
                }
                queue.start(ticket)
                observe(.performed)
                return try work()
            }
        } onCancel: {
            cancelled.value.store(true, ordering: .relaxed)
        }
    }
}

/// The places in the hashing queue. A waiting hash can be let go of while it waits; once running it keeps its place
/// until it ends.
private final class Queue: Sendable {
    struct Places {
        var admitted: Set<Int> = []
        /// The admitted hashes not running yet, with how to tell whether their client still wants them.
        var waiting: [Int: @Sendable () -> Bool] = [:]
        var nextTicket = 0
    }

    let places = Mutex(Places())

    /// A ticket for a place, or nil when all `capacity` places are taken by hashes someone still wants.
    func admit(_ isWanted: @escaping @Sendable () -> Bool, capacity: Int) -> Int? {
        places.withLock { places in
            if places.admitted.count >= capacity {
                // `isWanted` is a connection's atomic "still open": cheap enough to ask under the lock.
                for (ticket, stillWanted) in places.waiting where !stillWanted() {
                    places.waiting[ticket] = nil
                    places.admitted.remove(ticket)
                }
            }
            guard places.admitted.count < capacity else { return nil }
            let ticket = places.nextTicket
            places.nextTicket += 1
            places.admitted.insert(ticket)
            places.waiting[ticket] = isWanted
            return ticket
        }
    }

    func start(_ ticket: Int) {
        places.withLock { _ = $0.waiting.removeValue(forKey: ticket) }
    }

    func leave(_ ticket: Int) {
        places.withLock { places in
            places.waiting[ticket] = nil
            places.admitted.remove(ticket)
        }
    }
}

private final class Flag: Sendable {
    let value = Atomic(false)
}
