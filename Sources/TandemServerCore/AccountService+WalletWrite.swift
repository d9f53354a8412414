import Synchronization
import TandemWire

extension AccountService {
    /// Commits an upload like `uploadWallet` but leaves telling the account's sockets to the caller, so the writer
    /// gets its answer before the fan-out competes with it for the event loops (issue 11: with 1,000 sockets the
    /// writer's POST took 11-16 ms instead of 3). The notice still follows the commit: it is made only here, after
    /// the store answered `.replaced`.
    public func commitWallet(_ request: WalletUploadRequest) async throws -> WalletWriteNotice {
        let owner = try await owner(ofToken: request.token)
        let ticket = tokenCache.ticket()
        switch try await store.replaceWallet(request.wallet, of: owner.account, ifSequenceIs: request.sequence - 1,
                                             generation: owner.generation) {
        case .replaced:
            // Before the writer hears of success, so no GET here can answer an older wallet afterwards.
            tokenCache.committed(request.wallet, of: owner.account, ticket: ticket)
            return WalletWriteNotice(.walletUpdated(owner.account, sequence: request.sequence), to: events)
        case .staleSequence: throw ServiceFailure.staleSequence
        case .generationMoved: throw ServiceFailure.tokenNotFound
        }
    }
}

/// The announcement of a committed wallet write, sent exactly once: by `announce()` once the writer has its answer,
/// or, if the answer is dropped unwritten (the writer's connection went away first), when the last reference goes,
/// so a committed write always reaches the other devices' sockets.
public final class WalletWriteNotice: Sendable {
    private let event: AccountEvent
    private let events: any AccountEventPublisher
    private let sent = Atomic(false)

    init(_ event: AccountEvent, to events: any AccountEventPublisher) {
        self.event = event
        self.events = events
    }

    public func announce() async {
        guard claim() else { return }
        await events.publish(event)
    }

    private func claim() -> Bool {
        !sent.exchange(true, ordering: .acquiringAndReleasing)
    }

    deinit {
        guard claim() else { return }
        let (event, events) = (event, events)
        Task { await events.publish(event) }
    }
}
