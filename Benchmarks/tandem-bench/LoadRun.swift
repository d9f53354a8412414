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

    /// Runs `workers` threads for `seconds`, worker i connected to `ports[i % ports.count]`; `step` sends one
    /// request and says whether it succeeded.
    static func run(workers: Int, ports: [Int], seconds: Double,
                    step: @escaping @Sendable (_ worker: Int, _ connection: RawHTTPConnection) throws -> Bool) -> Result {
        let total = Mutex(Result())
        let group = DispatchGroup()
        let start = monotonicNanoseconds()
        let deadline = start + UInt64(seconds * 1e9)
        for worker in 0..<workers {
            group.enter()
            let thread = Thread {
                defer { group.leave() }
                var local = Result()
                guard let connection = try? RawHTTPConnection(port: ports[worker % ports.count]) else {
                    local.stats.errors += 1
                    total.withLock { $0.stats.merge(local.stats) }
                    return
                }
                while monotonicNanoseconds() < deadline {
                    let begin = monotonicNanoseconds()
                    let ok = (try? step(worker, connection)) ?? false
                    local.stats.add(monotonicNanoseconds() - begin)
                    local.requests += 1
                    if !ok { local.stats.errors += 1 }
                }
                total.withLock {
                    $0.stats.merge(local.stats)
                    $0.requests += local.requests
                }
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        group.wait()
        var result = total.withLock { $0 }
        result.seconds = Double(monotonicNanoseconds() - start) / 1e9
        return result
    }
}
