import Foundation

/// Latency samples in nanoseconds and what a report needs from them.
struct LatencyStats {
    private(set) var samples: [UInt64] = []
    var errors = 0

    mutating func add(_ nanoseconds: UInt64) { samples.append(nanoseconds) }
    mutating func merge(_ other: LatencyStats) {
        samples += other.samples
        errors += other.errors
    }

    func percentile(_ p: Double) -> Double {
        guard !samples.isEmpty else { return .nan }
        let sorted = samples.sorted()
        let rank = min(sorted.count - 1, max(0, Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1))
        return Double(sorted[rank]) / 1e6
    }

    /// "p50 0.84 ms, p99 3.10 ms".
    var summary: String { String(format: "p50 %.2f ms, p99 %.2f ms", percentile(50), percentile(99)) }
}

/// Wall-clock nanoseconds from a monotonic clock.
func monotonicNanoseconds() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
