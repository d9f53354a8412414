import Synchronization

/// Token buckets by key, in this process's memory (behind a load balancer each instance limits on its own).
public final class RateLimiter: Sendable {
    private struct Bucket {
        var tokens: Double
        var updated: ContinuousClock.Instant
    }

    private let buckets = Mutex<[String: Bucket]>([:])
    /// Above this many buckets, those that have refilled are forgotten: spraying keys cannot grow memory for long.
    private let pruneThreshold: Int

    public init(pruneThreshold: Int = 100_000) { self.pruneThreshold = pruneThreshold }

    /// Takes one event from the bucket; when it is empty, takes nothing and returns how long until one is available.
    public func take(_ key: String, _ limit: RateLimit) -> Duration? {
        update(key, limit) { bucket in
            guard bucket.tokens >= 1 else { return Self.wait(for: bucket, limit) }
            bucket.tokens -= 1
            return nil
        }
    }

    /// How long until the bucket holds an event, without taking it; nil when it holds one now.
    public func wait(_ key: String, _ limit: RateLimit) -> Duration? {
        update(key, limit) { bucket in bucket.tokens >= 1 ? nil : Self.wait(for: bucket, limit) }
    }

    /// Whether the bucket is full: no event counted against it lately.
    public func isFull(_ key: String, _ limit: RateLimit) -> Bool {
        update(key, limit) { $0.tokens >= Double(limit.count) }
    }

    private func update<T>(_ key: String, _ limit: RateLimit, _ body: (inout Bucket) -> T) -> T {
        let now = ContinuousClock.now
        return buckets.withLock { buckets in
            if buckets.count > pruneThreshold { Self.prune(&buckets, now: now) }
            var bucket = buckets[key] ?? Bucket(tokens: Double(limit.count), updated: now)
            bucket.tokens = min(Double(limit.count), bucket.tokens + Self.refill(since: bucket.updated, now: now, limit))
            bucket.updated = now
            let result = body(&bucket)
            if bucket.tokens >= Double(limit.count) { buckets[key] = nil } else { buckets[key] = bucket }
            return result
        }
    }

    private static func refill(since: ContinuousClock.Instant, now: ContinuousClock.Instant, _ limit: RateLimit) -> Double {
        (now - since) / limit.period * Double(limit.count)
    }

    private static func wait(for bucket: Bucket, _ limit: RateLimit) -> Duration {
        limit.period * ((1 - bucket.tokens) / Double(limit.count))
    }

    /// Drops buckets untouched for an hour, which have refilled under any limit of an hour or less.
    private static func prune(_ buckets: inout [String: Bucket], now: ContinuousClock.Instant) {
        buckets = buckets.filter { _, bucket in now - bucket.updated < .seconds(3600) }
    }
}
