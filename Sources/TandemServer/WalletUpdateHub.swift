import NIOCore
import NIOWebSocket
import Synchronization
import TandemServerCore
import TandemWire

/// Fans account events out to every websocket of the account on this server instance.
///
/// An idle socket costs one small registration here: no stream and no task of its own (issue 11). An event becomes
/// one shared frame, handed to each event loop that holds sockets of the account in one call, which writes it to
/// those sockets in turn; nothing waits for a peer. Calls reach each socket in the order they were made (they are
/// made under the lock, and an event loop runs its calls in order), so a socket hears an account's close after the
/// notices published before it, and the socket itself skips a sequence lower than one it already wrote.
public final class WalletUpdateHub: AccountEventPublisher {
    /// One socket's registration; pass it back to `unregister` when the socket ends.
    struct Registration: Sendable {
        let id: UInt64
        let account: AccountID
    }

    private struct State {
        var sockets: [AccountID: [UInt64: WalletSocket]] = [:]
        var nextID: UInt64 = 0
    }

    private let state = Mutex(State())

    public init() {}

    func register(_ socket: WalletSocket, account: AccountID) -> Registration {
        let id = state.withLock { state in
            state.nextID += 1
            state.sockets[account, default: [:]][state.nextID] = socket
            return state.nextID
        }
        return Registration(id: id, account: account)
    }

    func unregister(_ registration: Registration) {
        state.withLock { state in
            state.sockets[registration.account]?.removeValue(forKey: registration.id)
            if state.sockets[registration.account]?.isEmpty == true { state.sockets[registration.account] = nil }
        }
    }

    /// Tells one newly opened socket the account's current sequence (`since` catch-up).
    func catchUp(_ socket: WalletSocket, to sequence: UInt32) {
        let frame = Self.frame(sequence)
        socket.eventLoop.execute { socket.notify(sequence, frame) }
    }

    public func publish(_ event: AccountEvent) {
        switch event {
        case let .walletUpdated(account, sequence):
            let frame = Self.frame(sequence)
            state.withLock { state in
                guard let sockets = state.sockets[account]?.values else { return }
                Self.onEachEventLoop(sockets) { $0.notify(sequence, frame) }
            }
        case let .passwordChanged(account):
            close(account, .passwordChanged) { _ in true }
        case let .deviceRevoked(account, deviceKey):
            close(account, .deviceRevoked) { $0.device == deviceKey }
        case let .accountDeleted(account):
            close(account, .accountDeleted) { _ in true }
        case .deviceLoggedIn:
            break  // the device's sockets stay open: the same device holds them
        }
    }

    /// Removes the account's sockets that match, so no later notice reaches them, and closes them after the notices
    /// already handed to them.
    private func close(_ account: AccountID, _ reason: SocketClose, where matches: (WalletSocket) -> Bool) {
        state.withLock { state in
            guard let sockets = state.sockets[account] else { return }
            let closing = sockets.filter { matches($0.value) }
            guard !closing.isEmpty else { return }
            let staying = sockets.filter { !matches($0.value) }
            state.sockets[account] = staying.isEmpty ? nil : staying
            Self.onEachEventLoop(closing.values) { $0.close(reason) }
        }
    }

    /// One call per event loop for all of its sockets, rather than one per socket: a fan-out to thousands of sockets
    /// costs as many hand-overs as the server has threads.
    private static func onEachEventLoop(_ sockets: some Collection<WalletSocket>,
                                        _ work: @escaping @Sendable (WalletSocket) -> Void) {
        var groups: [(loop: any EventLoop, sockets: [WalletSocket])] = []
        for socket in sockets {
            if let index = groups.firstIndex(where: { $0.loop === socket.eventLoop }) {
                groups[index].sockets.append(socket)
            } else {
                groups.append((socket.eventLoop, [socket]))
            }
        }
        for (loop, sockets) in groups {
            loop.execute { for socket in sockets { work(socket) } }
        }
    }

    /// One text frame for every socket of a fan-out: the bytes are shared, not copied per socket.
    private static func frame(_ sequence: UInt32) -> WebSocketFrame {
        WebSocketFrame(fin: true, opcode: .text, data: ByteBuffer(string: WalletUpdateNotice(sequence: sequence).text))
    }

    /// Open sockets on this instance, for metrics.
    public var socketCount: Int { state.withLock { $0.sockets.values.reduce(0) { $0 + $1.count } } }
}
