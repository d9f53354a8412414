import Synchronization

/// The port the server listens on: the configured one, or, with port 0, the one picked, once the socket is bound.
final class BoundPort: Sendable {
    private let port: Atomic<Int>

    init(_ configured: Int) { port = Atomic(configured) }

    var value: Int {
        get { port.load(ordering: .acquiring) }
        set { port.store(newValue, ordering: .releasing) }
    }
}
