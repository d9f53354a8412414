import Foundation
import Synchronization

/// Which tokens this instance has already recorded as seen in the current minute.
///
/// `lastSeenAt` is kept to the minute, so a token needs at most one write per minute; remembering the tokens seen this
/// minute keeps every other authenticated request a pure read. The set starts empty with each new minute, so it holds
/// at most the tokens active in one minute. Several instances each write once, and the store's `lastSeenAt < minute`
/// condition makes the later writes change nothing.
public final class DeviceActivity: Sendable {
    private struct State {
        var minute = Date.distantPast
        var recorded: Set<String> = []
    }

    private let state = Mutex(State())

    public init() {}

    /// True the first time `digest` is seen in `minute`, which the caller then records.
    func claim(_ digest: String, minute: Date) -> Bool {
        state.withLock { state in
            if state.minute != minute {
                state.minute = minute
                state.recorded = []
            }
            return state.recorded.insert(digest).inserted
        }
    }

    /// Forgets a claim whose write failed, so the next request tries again.
    func release(_ digest: String, minute: Date) {
        state.withLock { state in
            if state.minute == minute { state.recorded.remove(digest) }
        }
    }

    /// A new token's log-in already stored its minute.
    func noteIssued(_ grant: TokenGrant) {
        _ = claim(grant.digest, minute: grant.issuedAt.startOfMinute)
    }
}
