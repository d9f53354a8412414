import NIOPosix
import TandemCrypto

/// Server-side scrypt on a thread pool, so a burst of logins never stalls the event loops serving wallets and sockets.
public struct PasswordHasher: Sendable {
    public let cost: ServerPasswordHash.Cost
    private let pool: NIOThreadPool

    /// `cost` is `.standard` in production; tests may pass `ServerPasswordHash.Cost.reducedForTesting(log2N:)`.
    public init(cost: ServerPasswordHash.Cost = .standard, pool: NIOThreadPool = .singleton) {
        self.cost = cost
        self.pool = pool
    }

    public func hash(_ password: String) async throws -> String {
        let cost = cost
        return try await pool.runIfActive { try ServerPasswordHash.make(password: password, cost: cost) }
    }

    public func verify(_ password: String, against encoded: String) async throws -> Bool {
        try await pool.runIfActive { try ServerPasswordHash.verify(password: password, against: encoded) }
    }
}
