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
        /// Close with this code and reason; no more deliveries follow.
        case close(SocketClose)
    }

    /// One socket's registration; pass it back to `unsubscribe` when the socket ends.
    public struct Subscription: Sendable {
        public let id: UInt64
        public let account: AccountID
        /// The `DeviceKey` of the device whose token opened the socket.
        public let device: String
        public let deliveries: AsyncStream<Delivery>
    }

    private struct Socket {
        let device: String
        let continuation: AsyncStream<Delivery>.Continuation
    }

    private struct State {
        var sockets: [AccountID: [UInt64: Socket]] = [:]
        var nextID: UInt64 = 0
    }

    private let state = Mutex(State())

    public init() {}

    public func subscribe(account: AccountID, device: String) -> Subscription {
        let (stream, continuation) = AsyncStream.makeStream(of: Delivery.self, bufferingPolicy: .unbounded)
        let id = state.withLock { state in
            state.nextID += 1
            state.sockets[account, default: [:]][state.nextID] = Socket(device: device, continuation: continuation)
            return state.nextID
        }
        return Subscription(id: id, account: account, device: device, deliveries: stream)
    }

    public func unsubscribe(_ subscription: Subscription) {
        let socket = state.withLock { state -> Socket? in
            let removed = state.sockets[subscription.account]?.removeValue(forKey: subscription.id)
            if state.sockets[subscription.account]?.isEmpty == true { state.sockets[subscription.account] = nil }
            return removed
        }
        socket?.continuation.finish()
    }

    public func publish(_ event: AccountEvent) {
        switch event {
        case let .walletUpdated(account, sequence):
            let targets = state.withLock { Array(($0.sockets[account] ?? [:]).values) }
            for socket in targets { socket.continuation.yield(.notice(WalletUpdateNotice(sequence: sequence))) }
        case let .passwordChanged(account):
            close(account, .passwordChanged) { _ in true }
        case let .deviceRevoked(account, deviceKey):
            close(account, .deviceRevoked) { $0.device == deviceKey }
        case let .accountDeleted(account):
            close(account, .accountDeleted) { _ in true }
        }
    }

    /// Removes the account's sockets that match and tells each to close.
    private func close(_ account: AccountID, _ reason: SocketClose, where matches: (Socket) -> Bool) {
        let targets = state.withLock { state -> [Socket] in
            guard let sockets = state.sockets[account] else { return [] }
            let (closing, staying) = (sockets.filter { matches($0.value) }, sockets.filter { !matches($0.value) })
            state.sockets[account] = staying.isEmpty ? nil : staying
            return Array(closing.values)
        }
        for socket in targets {
            socket.continuation.yield(.close(reason))
            socket.continuation.finish()
        }
    }

    /// Open sockets on this instance, for metrics.
    public var socketCount: Int { state.withLock { $0.sockets.values.reduce(0) { $0 + $1.count } } }
}

/// Why the server closes a websocket: a close code from the private range 4000-4999 and its reason text. LBRY clients
/// see an ordinary close; Tandem clients act on the code.
public struct SocketClose: Sendable, Equatable {
    public let code: UInt16
    public let reason: String

    public static let passwordChanged = SocketClose(code: 4001, reason: "password changed")
    public static let deviceRevoked = SocketClose(code: 4002, reason: "device revoked")
    public static let accountDeleted = SocketClose(code: 4003, reason: "account deleted")
}
