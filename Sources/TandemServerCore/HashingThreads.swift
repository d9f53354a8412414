import NIOCore
import NIOPosix

/// The threads password hashes run on, one per core, apart from NIO's shared pool (which runs sendmail and other
/// blocking work), so a storm of log-ins and a slow mail relay never wait for each other.
///
/// They run at normal priority. Running them nicer (nice 10) kept readers' p99 under 10 ms during a login storm,
/// but nice is machine-wide: with other work on the machine the hashes got almost no CPU, and log-ins that take
/// 90 ms took longer than clients wait (the end-to-end suite, which loads the machine, timed out on them).
public final class HashingThreads: Sendable {
    public static let shared = HashingThreads(count: System.coreCount)

    private let pool: NIOThreadPool

    public init(count: Int) {
        pool = NIOThreadPool(numberOfThreads: count)
        pool.start()
    }

    /// Runs `work` on one of the threads, unless they are shutting down.
    public func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await pool.runIfActive(work)
    }

    public func shutdown() async throws { try await pool.shutdownGracefully() }
}
