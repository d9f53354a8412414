import Synchronization
import TandemWire

/// Fans account events out to every websocket of the account on this server instance.
///
/// Each socket gets an unbounded stream: a notice is never dropped because a queue was full. Notices are tiny and
/// a peer that stops reading is dropped by the server's pings, which ends its stream.
public final class WalletUpdateHub: AccountEventPublisher {
    /// What a socket must do next.
    public enum Delivery: Sendable, Equatable {
        case notice(WalletUpdateNotice)
        /// Close with code 4001; no more deliveries follow.
        case passwordChanged
    }

    /// One socket's registration; pass it back to `unsubscribe` when the socket ends.
    public struct Subscription: Sendable {
        public let id: UInt64
        public let account: AccountID
        public let deliveries: AsyncStream<Delivery>
    }

    private struct State {
        var sockets: [AccountID: [UInt64: AsyncStream<Delivery>.Continuation]] = [:]
        var nextID: UInt64 = 0
    }

    private let state = Mutex(State())

    public init() {}

    public func subscribe(account: AccountID) -> Subscription {
        let (stream, continuation) = AsyncStream.makeStream(of: Delivery.self, bufferingPolicy: .unbounded)
        let id = state.withLock { state in
            state.nextID += 1
            state.sockets[account, default: [:]][state.nextID] = continuation
            return state.nextID
        }
        return Subscription(id: id, account: account, deliveries: stream)
    }

    public func unsubscribe(_ subscription: Subscription) {
        let continuation = state.withLock { state -> AsyncStream<Delivery>.Continuation? in
            let removed = state.sockets[subscription.account]?.removeValue(forKey: subscription.id)
            if state.sockets[subscription.account]?.isEmpty == true { state.sockets[subscription.account] = nil }
            return removed
        }
        continuation?.finish()
    }

    public func publish(_ event: AccountEvent) {
        switch event {
        case let .walletUpdated(account, sequence):
            let targets = state.withLock { Array(($0.sockets[account] ?? [:]).values) }
            for continuation in targets { continuation.yield(.notice(WalletUpdateNotice(sequence: sequence))) }
        case let .passwordChanged(account):
            let targets = state.withLock { $0.sockets.removeValue(forKey: account) ?? [:] }
            for continuation in targets.values {
                continuation.yield(.passwordChanged)
                continuation.finish()
            }
        }
    }

    /// Open sockets on this instance, for metrics.
    public var socketCount: Int { state.withLock { $0.sockets.values.reduce(0) { $0 + $1.count } } }
}
