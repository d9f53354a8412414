#if canImport(Glibc)
import Glibc
#endif
import NIOCore
import NIOPosix

/// The threads password hashes run on: one per core, at a lower scheduling priority (nice 10) than the event loops.
/// A storm of log-ins then uses every core the requests leave idle, yet a request that arrives does not wait behind
/// a hash for its turn on a core: the scheduler gives the event loops about nine tenths of a contended core.
public final class HashingThreads: Sendable {
    public static let shared = HashingThreads(count: System.coreCount)
    /// The nice value hashing threads run at (0 is normal; higher is yielded to).
    public static let niceness: Int32 = 10

    private let pool: NIOThreadPool

    public init(count: Int) {
        pool = NIOThreadPool(numberOfThreads: count)
        pool.start()
    }

    /// Runs `work` on one of the threads, unless they are shutting down.
    public func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await pool.runIfActive {
            Self.yieldToOtherThreads()
            return try work()
        }
    }

    public func shutdown() async throws { try await pool.shutdownGracefully() }

    /// With Linux threads (NPTL) the nice value belongs to the thread, so this lowers only the one calling it. A
    /// process already started nicer keeps its value (raising priority would need a privilege).
    private static func yieldToOtherThreads() {
        #if os(Linux)
        let which = __priority_which_t(PRIO_PROCESS.rawValue)
        errno = 0
        let current = getpriority(which, 0)
        if errno == 0 && current < niceness { _ = setpriority(which, 0, niceness) }
        #endif
    }
}
