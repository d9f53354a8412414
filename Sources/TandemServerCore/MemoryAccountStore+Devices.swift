import Foundation
import TandemWire

extension MemoryAccountStore.State {
    /// Records a new token's device times; a device logging in again keeps its first log-in as `createdAt`.
    mutating func noteIssued(_ grant: TokenGrant, replacing replaced: String?) {
        var createdAt = grant.issuedAt
        if let replaced {
            createdAt = deviceCreatedAt.removeValue(forKey: replaced) ?? createdAt
            lastSeenAt[replaced] = nil
        }
        deviceCreatedAt[grant.digest] = createdAt
        lastSeenAt[grant.digest] = grant.issuedAt.startOfMinute
    }

    func isLive(_ grant: TokenGrant, now: Date) -> Bool {
        grant.expiresAt > now && accounts[grant.account]?.generation == grant.generation
    }

    mutating func removeToken(_ digest: String) {
        tokens[digest] = nil
        deviceCreatedAt[digest] = nil
        lastSeenAt[digest] = nil
    }

    func devices(of account: AccountID, now: Date) -> [DeviceRecord] {
        tokens.values.filter { $0.account == account && isLive($0, now: now) }
            .map { grant in
                DeviceRecord(deviceID: grant.deviceID, createdAt: deviceCreatedAt[grant.digest] ?? grant.issuedAt,
                             lastSeenAt: lastSeenAt[grant.digest] ?? grant.issuedAt.startOfMinute, tokenDigest: grant.digest)
            }
            .sorted { ($0.createdAt, $0.deviceID) < ($1.createdAt, $1.deviceID) }
    }
}

extension MemoryAccountStore: AccountAdministration {
    public func devices(of account: AccountID, now: Date) async throws -> [DeviceRecord] {
        state.withLock { $0.devices(of: account, now: now) }
    }

    public func recordActivity(tokenDigest: String, minute: Date) async throws {
        state.withLock { state in
            guard state.tokens[tokenDigest] != nil, (state.lastSeenAt[tokenDigest] ?? .distantPast) < minute else { return }
            state.lastSeenAt[tokenDigest] = minute
        }
    }

    public func revokeDevice(_ deviceID: String, of account: AccountID, now: Date) async throws -> RevokeDeviceOutcome {
        state.withLock { state in
            guard let grant = state.tokens.values.first(where: { $0.account == account && $0.deviceID == deviceID }) else {
                return .noSuchDevice
            }
            state.removeToken(grant.digest)
            return state.isLive(grant, now: now) ? .revoked : .noSuchDevice
        }
    }

    public func revokeToken(digest: String, now: Date) async throws -> RevokeTokenOutcome {
        state.withLock { state in
            guard let grant = state.tokens[digest], state.isLive(grant, now: now) else { return .notFound }
            state.removeToken(digest)
            return .revoked(deviceID: grant.deviceID)
        }
    }

    public func deleteAccount(_ account: AccountID, generation: Int64) async throws -> DeleteAccountOutcome {
        state.withLock { state in
            guard let record = state.accounts[account], record.generation == generation else { return .generationMoved }
            state.accounts[account] = nil
            state.accountByEmailKey[FieldValidation.emailKey(record.email)] = nil
            state.accountCreatedAt[account] = nil
            state.tickets[account] = nil
            state.wallets[account] = nil
            for digest in state.tokens.values.filter({ $0.account == account }).map(\.digest) { state.removeToken(digest) }
            return .deleted
        }
    }

    public func accountSummaries(matching filter: String?, now: Date) async throws -> [AccountSummary] {
        let key = filter.map(FieldValidation.emailKey)
        return state.withLock { state in
            state.accounts.values
                .filter { account in key.map { FieldValidation.emailKey(account.email).contains($0) } ?? true }
                .map { account in
                    let devices = state.devices(of: account.id, now: now)
                    return AccountSummary(id: account.id, email: account.email, verified: account.verified,
                                          createdAt: state.accountCreatedAt[account.id], devices: devices.count,
                                          lastSeenAt: devices.map(\.lastSeenAt).max(),
                                          walletSequence: state.wallets[account.id]?.sequence ?? 0)
                }
                .sorted { (FieldValidation.emailKey($0.email), $0.id) < (FieldValidation.emailKey($1.email), $1.id) }
        }
    }

    /// Nothing to do: a memory store lives in one process, whose server tells its own sockets.
    public func announceToRunningServers(_ event: AccountEvent) async throws {}

    public func deleteAccountAnnouncing(_ account: AccountID, generation: Int64) async throws -> DeleteAccountOutcome {
        try await deleteAccount(account, generation: generation)
    }

    public func markVerified(_ account: AccountID) async throws -> Bool {
        state.withLock { state in
            guard state.accounts[account] != nil else { return false }
            state.accounts[account]?.verified = true
            state.tickets[account] = nil
            return true
        }
    }
}
