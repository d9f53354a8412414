import Foundation
import Synchronization
import TandemServerCore
import TandemWire

/// A memory store that counts `recordActivity` calls: the writes `lastSeenAt` costs.
final class ActivityCountingStore: ForwardingAccountStore {
    let base = MemoryAccountStore()
    private let writes = Mutex(0)
    var activityWrites: Int { writes.withLock { $0 } }

    func recordActivity(tokenDigest: String, minute: Date) async throws {
        writes.withLock { $0 += 1 }
        try await base.recordActivity(tokenDigest: tokenDigest, minute: minute)
    }
}
