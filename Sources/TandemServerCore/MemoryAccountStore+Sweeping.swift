import Foundation

extension MemoryAccountStore: ExpiredTokenSweeping {
    public func deleteExpiredTokens(now: Date) async throws -> Int {
        state.withLock { state in
            let expired = state.tokens.filter { $0.value.expiresAt <= now }.keys
            for digest in expired {
                state.tokens[digest] = nil
                state.deviceCreatedAt[digest] = nil
                state.lastSeenAt[digest] = nil
            }
            return expired.count
        }
    }
}
