import Foundation
import TandemServerCore
import TandemWire
import Testing

/// Devices, revocation, log-out, account deletion and the operator's queries, on every backend.
extension AccountStoreConformanceTests {
    func login(_ store: any AccountStore, _ account: AccountRecord, device: String, digest: String,
               at offset: TimeInterval = 0) async throws {
        var token = grant(account, device: device, digest: digest)
        token.issuedAt = now.addingTimeInterval(offset)
        #expect(try await store.issueToken(token) == .issued)
    }

    @Test(arguments: StoreBackend.allCases)
    func devicesAreTheLiveTokensWithTheirTimes(_ backend: StoreBackend) async throws {
        let store = try await backend.makeStore()
        let account = try await created(store)
        let other = try await created(store, "ann@example.com")
        try await login(store, account, device: "laptop", digest: "t1", at: -3600 + 7)
        try await login(store, account, device: "desktop", digest: "t2", at: -60)
        try await login(store, other, device: "phone", digest: "t3")
        var devices = try await store.devices(of: account.id, now: now)
        #expect(devices.map(\.deviceID) == ["laptop", "desktop"], "oldest first, other accounts' devices apart")
        #expect(devices.map(\.tokenDigest) == ["t1", "t2"])
        #expect(devices.first?.createdAt == now.addingTimeInterval(-3600 + 7))
        #expect(devices.first?.lastSeenAt == now.addingTimeInterval(-3600 + 7).startOfMinute, "kept to the minute")

        try await login(store, account, device: "laptop", digest: "t4", at: 30)
        devices = try await store.devices(of: account.id, now: now)
        #expect(devices.map(\.deviceID) == ["laptop", "desktop"])
        #expect(devices.first?.tokenDigest == "t4")
        #expect(devices.first?.createdAt == now.addingTimeInterval(-3600 + 7), "logging in again keeps the first log-in")
        #expect(devices.first?.lastSeenAt == now.addingTimeInterval(30).startOfMinute)

        #expect(try await store.devices(of: account.id, now: now.addingTimeInterval(3601)).isEmpty, "expired tokens")
        let change = PasswordChange(account: account.id, expectedGeneration: 1, newPasswordHash: "hash-2",
                                    newClientSaltSeed: String(repeating: "cd", count: 32), wallet: nil)
        #expect(try await store.changePassword(change) == .changed(newGeneration: 2))
        #expect(try await store.devices(of: account.id, now: now).isEmpty, "a password change logs every device out")
        #expect(try await store.devices(of: other.id, now: now).map(\.deviceID) == ["phone"])
    }

    @Test(arguments: StoreBackend.allCases)
    func lastSeenOnlyMovesForward(_ backend: StoreBackend) async throws {
        let store = try await backend.makeStore()
        let account = try await created(store)
        try await login(store, account, device: "laptop", digest: "t1")
        let later = now.addingTimeInterval(600).startOfMinute
        try await store.recordActivity(tokenDigest: "t1", minute: later)
        #expect(try await store.devices(of: account.id, now: now).first?.lastSeenAt == later)
        try await store.recordActivity(tokenDigest: "t1", minute: now.startOfMinute)
        #expect(try await store.devices(of: account.id, now: now).first?.lastSeenAt == later, "an older minute changes nothing")
        try await store.recordActivity(tokenDigest: "unknown", minute: later)
        #expect(try await store.devices(of: account.id, now: now).first?.createdAt == now)
    }

    @Test(arguments: StoreBackend.allCases)
    func revokingADeviceEndsOnlyItsToken(_ backend: StoreBackend) async throws {
        let store = try await backend.makeStore()
        let account = try await created(store)
        let other = try await created(store, "ann@example.com")
        let tricky = "100% \"quoted\" \u{0} ünïcødé"
        try await login(store, account, device: tricky, digest: "t1")
        try await login(store, account, device: "desktop", digest: "t2")
        try await login(store, other, device: "desktop", digest: "t3")
        #expect(try await store.revokeDevice(tricky, of: account.id, now: now) == .revoked)
        #expect(try await store.tokenOwner(digest: "t1", now: now) == nil)
        #expect(try await store.tokenOwner(digest: "t2", now: now) != nil)
        #expect(try await store.revokeDevice(tricky, of: account.id, now: now) == .noSuchDevice, "already gone")
        #expect(try await store.revokeDevice("nothing", of: account.id, now: now) == .noSuchDevice)
        #expect(try await store.revokeDevice("desktop", of: 999_999, now: now) == .noSuchDevice)
        #expect(try await store.tokenOwner(digest: "t3", now: now) != nil, "another account's device of that name stays")
        #expect(try await store.revokeDevice("desktop", of: account.id, now: now.addingTimeInterval(3601)) == .noSuchDevice,
                "an expired token is no device")
        #expect(try await store.devices(of: account.id, now: now).isEmpty)
    }

    @Test(arguments: StoreBackend.allCases)
    func logOutEndsTheCallingToken(_ backend: StoreBackend) async throws {
        let store = try await backend.makeStore()
        let account = try await created(store)
        try await login(store, account, device: "laptop", digest: "t1")
        try await login(store, account, device: "desktop", digest: "t2")
        #expect(try await store.revokeToken(digest: "t2", now: now) == .revoked(deviceID: "desktop"))
        #expect(try await store.revokeToken(digest: "t2", now: now) == .notFound)
        #expect(try await store.revokeToken(digest: "t1", now: now.addingTimeInterval(3601)) == .notFound, "expired")
        #expect(try await store.devices(of: account.id, now: now).map(\.deviceID) == ["laptop"])
    }

    @Test(arguments: StoreBackend.allCases)
    func deletingAnAccountRemovesEverythingAndFreesTheEmail(_ backend: StoreBackend) async throws {
        let store = try await backend.makeStore()
        var new = newAccount(verified: false)
        new.verificationTicket = VerificationTicket(digest: "ticket-1", expiresAt: now.addingTimeInterval(60))
        guard case .created(let account) = try await store.createAccount(new) else { Issue.record("not created"); return }
        let other = try await created(store, "ann@example.com")
        try await login(store, account, device: "laptop", digest: "t1")
        try await login(store, other, device: "laptop", digest: "t2")
        _ = try await store.replaceWallet(wallet(1), of: account.id, ifSequenceIs: 0, generation: 1)
        _ = try await store.replaceWallet(wallet(1), of: other.id, ifSequenceIs: 0, generation: 1)

        #expect(try await store.deleteAccount(account.id, generation: 2) == .generationMoved)
        #expect(try await store.wallet(of: account.id) == wallet(1), "a refusal deletes nothing")
        #expect(try await store.deleteAccount(account.id, generation: 1) == .deleted)
        #expect(try await store.deleteAccount(account.id, generation: 1) == .generationMoved, "nothing left to delete")

        #expect(try await store.account(emailKey: "joe@example.com") == nil)
        #expect(try await store.wallet(of: account.id) == nil)
        #expect(try await store.tokenOwner(digest: "t1", now: now) == nil)
        #expect(try await store.devices(of: account.id, now: now).isEmpty)
        #expect(try await store.verifyAccount(ticketDigest: "ticket-1", now: now) == .unknownOrExpired)
        #expect(try await store.tokenOwner(digest: "t2", now: now) != nil, "other accounts keep everything")
        #expect(try await store.wallet(of: other.id) == wallet(1))

        let again = try await created(store, "JOE@example.com")
        #expect(again.id != account.id)
        #expect(try await store.wallet(of: again.id) == nil, "the new account starts empty")
        #expect(try await store.devices(of: again.id, now: now).isEmpty)
        #expect(try await store.verifyAccount(ticketDigest: "ticket-1", now: now) == .unknownOrExpired)
    }

    @Test(arguments: StoreBackend.allCases)
    func aDeletionRacingWalletWritesAndLogInsLeavesNothing(_ backend: StoreBackend) async throws {
        let store = try await backend.makeStore()
        let account = try await created(store)
        _ = try await store.replaceWallet(wallet(1), of: account.id, ifSequenceIs: 0, generation: 1)
        // Every task authenticated before the deletion; whatever order they run in, none may leave a trace after it.
        let deletion = try await withThrowingTaskGroup(of: DeleteAccountOutcome?.self) { group in
            group.addTask { try await store.deleteAccount(account.id, generation: 1) }
            for index in 0..<20 {
                group.addTask {
                    let sequence = UInt32(2 + index % 2)
                    _ = try await store.replaceWallet(wallet(sequence, "racer-\(index)"), of: account.id,
                                                      ifSequenceIs: sequence - 1, generation: 1)
                    return nil
                }
                group.addTask {
                    _ = try await store.issueToken(grant(account, device: "device\(index)", digest: "race\(index)"))
                    return nil
                }
            }
            return try await group.reduce(into: [DeleteAccountOutcome]()) { if let outcome = $1 { $0.append(outcome) } }
        }
        #expect(deletion == [.deleted])
        #expect(try await store.account(emailKey: "joe@example.com") == nil)
        #expect(try await store.wallet(of: account.id) == nil, "no wallet write landed after the deletion")
        #expect(try await store.devices(of: account.id, now: now).isEmpty)
        for index in 0..<20 {
            #expect(try await store.tokenOwner(digest: "race\(index)", now: now) == nil, "token \(index) outlived the deletion")
        }
        let again = try await created(store)
        #expect(try await store.wallet(of: again.id) == nil)
        #expect(try await store.devices(of: again.id, now: now).isEmpty)
    }

    @Test(arguments: StoreBackend.allCases)
    func theOperatorSeesSummariesWithoutSecretsAndCanVerify(_ backend: StoreBackend) async throws {
        let store = try #require(try await backend.makeStore() as? any AccountAdministration)
        let joe = try await created(store)
        guard case .created(let ann) = try await store.createAccount(newAccount("Ann@Example.org", verified: false)) else {
            Issue.record("not created")
            return
        }
        try await login(store, joe, device: "laptop", digest: "t1")
        try await login(store, joe, device: "desktop", digest: "t2")
        try await store.recordActivity(tokenDigest: "t2", minute: now.addingTimeInterval(120).startOfMinute)
        _ = try await store.replaceWallet(wallet(1), of: joe.id, ifSequenceIs: 0, generation: 1)
        _ = try await store.replaceWallet(wallet(2), of: joe.id, ifSequenceIs: 1, generation: 1)

        let all = try await store.accountSummaries(matching: nil, now: now)
        #expect(all.map(\.email) == ["Ann@Example.org", "Joe@Example.com"], "ordered by lower-cased email")
        let summary = try #require(all.last)
        #expect(summary.id == joe.id)
        #expect(summary.verified)
        #expect(summary.devices == 2)
        #expect(summary.lastSeenAt == now.addingTimeInterval(120).startOfMinute)
        #expect(summary.walletSequence == 2)
        #expect(summary.createdAt.map { abs($0.timeIntervalSinceNow) < 600 } ?? false, "stamped when created")
        #expect(all.first?.devices == 0)
        #expect(all.first?.lastSeenAt == nil)
        #expect(all.first?.walletSequence == 0)
        #expect(try await store.accountSummaries(matching: "EXAMPLE.ORG", now: now).map(\.id) == [ann.id], "case-insensitive")
        #expect(try await store.accountSummaries(matching: "%", now: now).isEmpty, "a filter is plain text, no pattern")
        #expect(try await store.accountSummaries(matching: nil, now: now.addingTimeInterval(3601)).last?.devices == 0)

        #expect(!ann.verified)
        #expect(try await store.markVerified(ann.id))
        #expect(try await store.account(emailKey: "ann@example.org")?.verified == true)
        #expect(try await !store.markVerified(999_999))
    }
}
