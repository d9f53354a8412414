import Prometheus
import Synchronization

/// The request counter and duration histogram of each (path, status), looked up in the registry once: asking the
/// registry on every request built two label lists and searched them under its lock, on the hottest path.
/// Paths are the API's own (or "other") and statuses few, so the table stays small.
final class RequestMetrics: Sendable {
    private struct Key: Hashable {
        let path: String
        let status: Int
    }

    private let registry: PrometheusCollectorRegistry
    private let made = Mutex<[Key: (count: Counter, durations: DurationHistogram)]>([:])

    init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
    }

    /// Counts one answer; `make` creates the pair for a (path, status) not seen before.
    func record(path: String, status: Int, duration: Duration,
                make: (PrometheusCollectorRegistry) -> (count: Counter, durations: DurationHistogram)) {
        let key = Key(path: path, status: status)
        let metrics = made.withLock { made in
            if let found = made[key] { return found }
            let new = make(registry)
            made[key] = new
            return new
        }
        metrics.count.increment()
        metrics.durations.record(duration)
    }
}
