import TandemServerCore

/// Counts account events and delivers them to this instance's sockets, unless a relay does that for every instance.
struct InstanceEventPublisher: AccountEventPublisher {
    let hub: WalletUpdateHub
    let metrics: ServerMetrics
    let deliversToHub: Bool

    func publish(_ event: AccountEvent) async {
        metrics.record(event)
        if deliversToHub { hub.publish(event) }
    }
}
