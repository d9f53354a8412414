import Synchronization
import TandemServerCore

/// Open websockets per account on this instance, so one token cannot hold thousands of sockets.
final class SocketCounter: Sendable {
    let limit: Int
    private let counts = Mutex<[AccountID: Int]>([:])

    init(limit: Int) { self.limit = limit }

    /// Counts a new socket of `account` unless it already has `limit`.
    func open(for account: AccountID) -> Bool {
        counts.withLock { counts in
            guard counts[account, default: 0] < limit else { return false }
            counts[account, default: 0] += 1
            return true
        }
    }

    func close(for account: AccountID) {
        counts.withLock { counts in
            counts[account, default: 1] -= 1
            if counts[account] == 0 { counts[account] = nil }
        }
    }
}
