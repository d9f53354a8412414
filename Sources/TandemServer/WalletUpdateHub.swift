import HummingbirdWebSocket
import NIOCore
import NIOWebSocket
import Synchronization
import TandemServerCore
import TandemWire

/// Fans account events out to every websocket of the account on this server instance.
///
/// An idle socket costs one small registration here: no stream and no task of its own (issue 11: per-socket
/// streams and delivery tasks made idle sockets heavy and woke a thousand tasks per write). Each event becomes one
/// job per account that writes one shared frame to every target socket in turn; an account's jobs run one after the
/// other, so each socket hears an account's events in order. A write only waits when a peer has stopped reading
/// for ~64 KiB of notices; such a peer is dropped by the server's pings, which fails the write and lets the job go on.
public final class WalletUpdateHub: AccountEventPublisher {
    /// One socket's registration; pass it back to `unregister` when the socket ends.
    struct Registration: Sendable {
        let id: UInt64
        let account: AccountID
        let socket: Socket
    }

    final class Socket: Sendable {
        let device: String
        let outbound: WebSocketOutboundWriter
        /// The highest sequence written; touched only by the account's jobs, which never run at the same time.
        private let delivered = Atomic<UInt32>(0)

        init(device: String, outbound: WebSocketOutboundWriter) {
            self.device = device
            self.outbound = outbound
        }

        /// Writes the notice unless the socket already heard of this write or a later one (a catch-up can race a
        /// fan-out), so a socket never hears a lower sequence after a higher one.
        func send(_ sequence: UInt32, _ frame: WebSocketFrame) async {
            guard sequence > delivered.load(ordering: .relaxed) else { return }
            delivered.store(sequence, ordering: .relaxed)
            // A socket that has gone is unregistering; nothing to do for it here.
            try? await outbound.write(.custom(frame))
        }
    }

    private struct State {
        var sockets: [AccountID: [UInt64: Socket]] = [:]
        var nextID: UInt64 = 0
        /// The newest job of each account with jobs queued; the next job of the account waits for it.
        var tails: [AccountID: (id: UInt64, job: Task<Void, Never>)] = [:]
    }

    private let state = Mutex(State())

    public init() {}

    func register(account: AccountID, device: String, outbound: WebSocketOutboundWriter) -> Registration {
        let socket = Socket(device: device, outbound: outbound)
        let id = state.withLock { state in
            state.nextID += 1
            state.sockets[account, default: [:]][state.nextID] = socket
            return state.nextID
        }
        return Registration(id: id, account: account, socket: socket)
    }

    func unregister(_ registration: Registration) {
        state.withLock { state in
            state.sockets[registration.account]?.removeValue(forKey: registration.id)
            if state.sockets[registration.account]?.isEmpty == true { state.sockets[registration.account] = nil }
        }
    }

    /// Tells one newly opened socket the account's current sequence (`since` catch-up), in order with the fan-outs.
    func catchUp(_ registration: Registration, to sequence: UInt32) {
        let frame = Self.frame(sequence)
        let socket = registration.socket
        state.withLock { state in
            enqueue(registration.account, in: &state) { await socket.send(sequence, frame) }
        }
    }

    public func publish(_ event: AccountEvent) {
        switch event {
        case let .walletUpdated(account, sequence):
            let frame = Self.frame(sequence)
            state.withLock { state in
                guard let sockets = state.sockets[account]?.values else { return }
                let targets = Array(sockets)
                enqueue(account, in: &state) {
                    for socket in targets { await socket.send(sequence, frame) }
                }
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

    /// Removes the account's sockets that match, so no later notice reaches them, and closes them after the
    /// account's queued notices.
    private func close(_ account: AccountID, _ reason: SocketClose, where matches: (Socket) -> Bool) {
        state.withLock { state in
            guard let sockets = state.sockets[account] else { return }
            let closing = sockets.filter { matches($0.value) }
            guard !closing.isEmpty else { return }
            let staying = sockets.filter { !matches($0.value) }
            state.sockets[account] = staying.isEmpty ? nil : staying
            let targets = Array(closing.values)
            enqueue(account, in: &state) {
                for socket in targets { try? await socket.outbound.close(.unknown(reason.code), reason: reason.reason) }
            }
        }
    }

    /// Starts `work` once the account's previous job has finished. Called under the lock, so jobs queue in the
    /// order their events were published.
    private func enqueue(_ account: AccountID, in state: inout State, _ work: @escaping @Sendable () async -> Void) {
        state.nextID += 1
        let id = state.nextID
        let previous = state.tails[account]?.job
        let job = Task {
            await previous?.value
            await work()
            self.finished(account, id)
        }
        state.tails[account] = (id, job)
    }

    private func finished(_ account: AccountID, _ id: UInt64) {
        state.withLock { state in
            if state.tails[account]?.id == id { state.tails[account] = nil }
        }
    }

    /// One text frame for every socket of a fan-out: the bytes are shared, not copied per socket.
    private static func frame(_ sequence: UInt32) -> WebSocketFrame {
        WebSocketFrame(fin: true, opcode: .text, data: ByteBuffer(string: WalletUpdateNotice(sequence: sequence).text))
    }

    /// Open sockets on this instance, for metrics.
    public var socketCount: Int { state.withLock { $0.sockets.values.reduce(0) { $0 + $1.count } } }
}
