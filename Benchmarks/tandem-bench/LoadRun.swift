import Foundation
import Synchronization

/// Drives blocking workers, one thread and one keep-alive connection each, for a fixed time.
enum LoadRun {
    struct Result {
        var stats = LatencyStats()
        var requests = 0
        var seconds = 0.0
        var throughput: Double { Double(requests) / seconds }
    }

    /// One kind of request sent by `workers` threads; `step` sends one request and says whether it succeeded.
    struct Load {
        let workers: Int
        let step: @Sendable (_ worker: Int, _ connection: RawHTTPConnection) throws -> Bool
    }

    /// Runs `workers` threads for `seconds`, worker i connected to `ports[i % ports.count]`.
    static func run(workers: Int, ports: [Int], seconds: Double,
                    step: @escaping @Sendable (_ worker: Int, _ connection: RawHTTPConnection) throws -> Bool) async -> Result {
        await run([Load(workers: workers, step: step)], ports: ports, seconds: seconds)[0]
    }

    /// Runs several loads at the same time for `seconds`; one result per load, in order.
    static func run(_ loads: [Load], ports: [Int], seconds: Double) async -> [Result] {
        let totals = loads.map { _ in Tally() }
        let group = DispatchGroup()
        let start = monotonicNanoseconds()
        let deadline = start + UInt64(seconds * 1e9)
        for (load, total) in zip(loads, totals) {
            for worker in 0..<load.workers {
                group.enter()
                let thread = Thread {
                    defer { group.leave() }
                    var local = Result()
                    guard let connection = try? RawHTTPConnection(port: ports[worker % ports.count]) else {
                        local.stats.errors += 1
                        total.result.withLock { $0.stats.merge(local.stats) }
                        return
                    }
                    while monotonicNanoseconds() < deadline {
                        let begin = monotonicNanoseconds()
                        let ok = (try? load.step(worker, connection)) ?? false
                        local.stats.add(monotonicNanoseconds() - begin)
                        local.requests += 1
                        if !ok { local.stats.errors += 1 }
                    }
                    total.result.withLock {
                        $0.stats.merge(local.stats)
                        $0.requests += local.requests
                    }
                }
                thread.stackSize = 1 << 20
                thread.start()
            }
        }
        // Waits without blocking a thread of the cooperative pool.
        await withCheckedContinuation { continuation in group.notify(queue: .global()) { continuation.resume() } }
        let seconds = Double(monotonicNanoseconds() - start) / 1e9
        return totals.map { total in
            var result = total.result.withLock { $0 }
            result.seconds = seconds
            return result
        }
    }

    /// The running sum of one load's workers.
    private final class Tally: Sendable {
        let result = Mutex(Result())
    }
}
