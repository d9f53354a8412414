import TandemServerCore

/// Delivers account events to this instance's sockets and counts them.
struct InstanceEventPublisher: AccountEventPublisher {
    let hub: WalletUpdateHub
    let metrics: ServerMetrics

    func publish(_ event: AccountEvent) async {
        metrics.record(event)
        hub.publish(event)
    }
}
