import Prometheus
import TandemServerCore

/// The server's Prometheus metrics, served at `/metrics`.
public struct ServerMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    private let sockets: Gauge
    private let walletUpdates: Counter
    private let passwordChanges: Counter
    private let requestMetrics: RequestMetrics
    // MetricNameDescriptor is not Sendable, so these are made per use rather than stored statically.
    private static var requests: MetricNameDescriptor {
        MetricNameDescriptor(namespace: "tandem", metricName: "http_requests", unitName: "total", helpText: "HTTP requests answered")
    }
    private static var durations: MetricNameDescriptor {
        MetricNameDescriptor(namespace: "tandem", metricName: "http_request_duration", unitName: "seconds",
                             helpText: "Time to answer HTTP requests")
    }
    private static let buckets: [Duration] = [.milliseconds(1), .milliseconds(5), .milliseconds(25), .milliseconds(100),
                                              .milliseconds(500), .seconds(2)]

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        requestMetrics = RequestMetrics(registry: registry)
        sockets = registry.makeGauge(descriptor: MetricNameDescriptor(
            namespace: "tandem", metricName: "websocket_connections", unitName: "", helpText: "Open websocket connections on this instance"))
        walletUpdates = registry.makeCounter(descriptor: MetricNameDescriptor(
            namespace: "tandem", metricName: "wallet_updates", unitName: "total", helpText: "Wallet writes accepted"))
        passwordChanges = registry.makeCounter(descriptor: MetricNameDescriptor(
            namespace: "tandem", metricName: "password_changes", unitName: "total", helpText: "Password changes accepted"))
    }

    func recordRequest(path: String, status: Int, duration: Duration) {
        requestMetrics.record(path: path, status: status, duration: duration) { registry in
            (registry.makeCounter(descriptor: Self.requests, labels: [("path", path), ("status", String(status))]),
             registry.makeDurationHistogram(descriptor: Self.durations, labels: [("path", path)], buckets: Self.buckets))
        }
    }

    func record(_ event: AccountEvent) {
        switch event {
        case .walletUpdated: walletUpdates.increment()
        case .passwordChanged: passwordChanges.increment()
        case .deviceRevoked, .accountDeleted, .deviceLoggedIn: break
        }
    }

    /// Whether the cross-instance relay (PostgreSQL LISTEN) is connected; only servers with a relay report it.
    public func relayListening(_ listening: Bool) {
        registry.makeGauge(descriptor: Self.listening).set(to: listening ? 1.0 : 0.0)
        _ = registry.makeCounter(descriptor: Self.listenReconnects)  // shown as 0 until the first reconnect
    }

    /// Counts LISTEN connections re-established after a loss.
    public func relayReconnected() { registry.makeCounter(descriptor: Self.listenReconnects).increment() }

    private static var listening: MetricNameDescriptor {
        MetricNameDescriptor(namespace: "tandem", metricName: "postgres_listening", unitName: "",
                             helpText: "1 while this instance's PostgreSQL LISTEN connection is up, else 0")
    }
    private static var listenReconnects: MetricNameDescriptor {
        MetricNameDescriptor(namespace: "tandem", metricName: "postgres_listen_reconnects", unitName: "total",
                             helpText: "PostgreSQL LISTEN connections re-established after a loss")
    }

    /// Counts what became of one password hash (performed, dropped for a client that left, refused when full).
    func recordHash(_ outcome: PasswordHasher.Outcome) {
        registry.makeCounter(descriptor: Self.hashes, labels: [("outcome", "\(outcome)")]).increment()
    }

    private static var hashes: MetricNameDescriptor {
        MetricNameDescriptor(namespace: "tandem", metricName: "password_hashes", unitName: "total",
                             helpText: "Server-side password hashes by outcome: performed, dropped (client gone), refused (queue full)")
    }

    /// What the token cache holds; set when `/metrics` is read, so the requests themselves pay nothing for it.
    func recordTokenCache(_ counts: (tokens: Int, answerBytes: Int)) {
        registry.makeGauge(descriptor: Self.cachedTokens).set(to: Double(counts.tokens))
        registry.makeGauge(descriptor: Self.cachedAnswerBytes).set(to: Double(counts.answerBytes))
    }

    private static var cachedTokens: MetricNameDescriptor {
        MetricNameDescriptor(namespace: "tandem", metricName: "token_cache_tokens", unitName: "",
                             helpText: "Live tokens this instance's GET /wallet cache holds")
    }
    private static var cachedAnswerBytes: MetricNameDescriptor {
        MetricNameDescriptor(namespace: "tandem", metricName: "token_cache_answer_bytes", unitName: "",
                             helpText: "Bytes of wallet answers this instance's GET /wallet cache holds")
    }

    func socketOpened() { sockets.increment() }
    func socketClosed() { sockets.decrement() }

    /// The Prometheus text exposition of every metric.
    public func exposition() -> [UInt8] {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return buffer
    }
}
