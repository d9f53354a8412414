import Foundation
import TandemServerCore
import TandemWire
import Testing

/// The consistency every `AccountStore` promises (see its documentation), checked on every backend.
@Suite struct AccountStoreConformanceTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func newAccount(_ email: String = "Joe@Example.com", verified: Bool = true) -> NewAccount {
        NewAccount(email: email, passwordHash: "hash-1", clientSaltSeed: String(repeating: "ab", count: 32), verified: verified)
    }

    func created(_ store: any AccountStore, _ email: String = "Joe@Example.com") async throws -> AccountRecord {
        guard case .created(let account) = try await store.createAccount(newAccount(email)) else {
            Issue.record("account was not created")
            throw CancellationError()
        }
        return account
    }

    func grant(_ account: AccountRecord, device: String, digest: String, generation: Int64? = nil) -> TokenGrant {
        TokenGrant(digest: digest, account: account.id, deviceID: device, generation: generation ?? account.generation,
                   expiresAt: now.addingTimeInterval(3600))
    }

    func wallet(_ sequence: UInt32, _ text: String = "blob") -> WalletPayload {
        WalletPayload(encryptedWallet: "\(text)-\(sequence)", sequence: sequence, hmac: "hmac-\(sequence)")
    }

    @Test(arguments: StoreBackend.allCases)
    func accountsAreUniqueByLowerCasedEmail(_ backend: StoreBackend) async throws {
        let store = try await backend.makeStore()
        let account = try await created(store)
        #expect(try await store.createAccount(newAccount("joe@example.COM")) == .duplicateEmail)
        let found = try await store.account(emailKey: "joe@example.com")
        #expect(found == account)
        #expect(found?.email == "Joe@Example.com")
        #expect(found?.generation == 1)
        #expect(try await store.account(emailKey: "Joe@Example.com") == nil, "lookups use the lower-cased key")
        #expect(try await created(store, "ann@example.com").id != account.id)
    }

    @Test(arguments: StoreBackend.allCases)
    func aDeviceHasOneLiveTokenAtATime(_ backend: StoreBackend) async throws {
        let store = try await backend.makeStore()
        let account = try await created(store)
        #expect(try await store.issueToken(grant(account, device: "laptop", digest: "t1")) == .issued)
        #expect(try await store.issueToken(grant(account, device: "desktop", digest: "t2")) == .issued)
        #expect(try await store.tokenOwner(digest: "t1", now: now) == TokenOwner(account: account.id, generation: 1))
        #expect(try await store.issueToken(grant(account, device: "laptop", digest: "t3")) == .issued)
        #expect(try await store.tokenOwner(digest: "t1", now: now) == nil, "logging in again replaces the device's token")
        #expect(try await store.tokenOwner(digest: "t2", now: now) != nil, "other devices keep theirs")
        #expect(try await store.tokenOwner(digest: "t3", now: now) != nil)
        #expect(try await store.tokenOwner(digest: "t3", now: now.addingTimeInterval(3601)) == nil, "expired")
        #expect(try await store.tokenOwner(digest: "unknown", now: now) == nil)
    }

    @Test(arguments: StoreBackend.allCases)
    func walletWritesAreCompareAndSet(_ backend: StoreBackend) async throws {
        let store = try await backend.makeStore()
        let account = try await created(store)
        #expect(try await store.wallet(of: account.id) == nil)
        #expect(try await store.replaceWallet(wallet(2), of: account.id, ifSequenceIs: 1, generation: 1) == .staleSequence)
        #expect(try await store.replaceWallet(wallet(1), of: account.id, ifSequenceIs: 0, generation: 1) == .replaced)
        #expect(try await store.replaceWallet(wallet(1, "other"), of: account.id, ifSequenceIs: 0, generation: 1) == .staleSequence)
        #expect(try await store.replaceWallet(wallet(3), of: account.id, ifSequenceIs: 2, generation: 1) == .staleSequence)
        #expect(try await store.replaceWallet(wallet(2), of: account.id, ifSequenceIs: 1, generation: 2) == .generationMoved)
        #expect(try await store.wallet(of: account.id) == wallet(1), "refused writes change nothing")
        #expect(try await store.replaceWallet(wallet(2), of: account.id, ifSequenceIs: 1, generation: 1) == .replaced)
        #expect(try await store.wallet(of: account.id) == wallet(2))
    }

    @Test(arguments: StoreBackend.allCases)
    func aTokensWalletIsReadWithItsOwner(_ backend: StoreBackend) async throws {
        let store = try await backend.makeStore()
        let account = try await created(store)
        _ = try await store.issueToken(grant(account, device: "laptop", digest: "t1"))
        let owner = TokenOwner(account: account.id, generation: 1)
        let empty = try #require(try await store.wallet(forTokenDigest: "t1", now: now))
        #expect(empty.owner == owner)
        #expect(empty.wallet == nil, "no wallet yet")
        // The cache refuses a token from its expiry on, so the store must give it (to the millisecond at least).
        #expect(abs(empty.expiresAt.timeIntervalSince(now.addingTimeInterval(3600))) < 0.001)
        _ = try await store.replaceWallet(wallet(1), of: account.id, ifSequenceIs: 0, generation: 1)
        let filled = try #require(try await store.wallet(forTokenDigest: "t1", now: now))
        #expect(filled.owner == owner)
        #expect(filled.wallet == wallet(1))
        #expect(try await store.wallet(forTokenDigest: "t1", now: now.addingTimeInterval(3601)) == nil, "expired")
        #expect(try await store.wallet(forTokenDigest: "unknown", now: now) == nil)
        let change = PasswordChange(account: account.id, expectedGeneration: 1, newPasswordHash: "hash-2",
                                    newClientSaltSeed: String(repeating: "cd", count: 32), wallet: wallet(2))
        _ = try await store.changePassword(change)
        #expect(try await store.wallet(forTokenDigest: "t1", now: now) == nil, "a token of the old password")
    }

    @Test(arguments: StoreBackend.allCases)
    func clientStringsRoundTripByteForByte(_ backend: StoreBackend) async throws {
        let store = try await backend.makeStore()
        let account = try await created(store)
        let tricky = "100% \"quoted\" back\\slash \u{0} nul, ünïcødé, 🧑‍🤝‍🧑, e\u{301}, '; DROP TABLE wallet; --"
        let payload = WalletPayload(encryptedWallet: tricky, sequence: 1, hmac: tricky + "h")
        #expect(try await store.replaceWallet(payload, of: account.id, ifSequenceIs: 0, generation: 1) == .replaced)
        #expect(try await store.wallet(of: account.id) == payload)
        #expect(try await store.issueToken(grant(account, device: tricky, digest: "d1")) == .issued)
        #expect(try await store.issueToken(grant(account, device: tricky + "x", digest: "d2")) == .issued)
        #expect(try await store.issueToken(grant(account, device: tricky, digest: "d3")) == .issued)
        #expect(try await store.tokenOwner(digest: "d1", now: now) == nil, "the same device id matched exactly")
        #expect(try await store.tokenOwner(digest: "d2", now: now) != nil)
    }

    @Test(arguments: StoreBackend.allCases)
    func longClientStringsAreStoredWhole(_ backend: StoreBackend) async throws {
        // Up to what a 100,000-byte request body can carry; indexes must not limit a device id's length.
        let store = try await backend.makeStore()
        let account = try await created(store)
        let payload = WalletPayload(encryptedWallet: String(repeating: "w", count: 90_000), sequence: 1,
                                    hmac: String(repeating: "h", count: 64))
        #expect(try await store.replaceWallet(payload, of: account.id, ifSequenceIs: 0, generation: 1) == .replaced)
        #expect(try await store.wallet(of: account.id) == payload)
        let device = String(repeating: "d", count: 50_000)
        #expect(try await store.issueToken(grant(account, device: device, digest: "long-1")) == .issued)
        #expect(try await store.issueToken(grant(account, device: device, digest: "long-2")) == .issued)
        #expect(try await store.tokenOwner(digest: "long-1", now: now) == nil, "the same long device id matched")
        #expect(try await store.tokenOwner(digest: "long-2", now: now) != nil)
    }

    @Test(arguments: StoreBackend.allCases)
    func exactlyOneOfManyRacingWritersWins(_ backend: StoreBackend) async throws {
        let store = try await backend.makeStore()
        let account = try await created(store)
        for sequence: UInt32 in 1...3 {
            let outcomes = try await withThrowingTaskGroup(of: WalletWriteOutcome.self) { group in
                for writer in 0..<24 {
                    group.addTask {
                        try await store.replaceWallet(wallet(sequence, "writer\(writer)"), of: account.id,
                                                      ifSequenceIs: sequence - 1, generation: 1)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 == .replaced }.count == 1)
            #expect(outcomes.filter { $0 == .staleSequence }.count == 23)
            #expect(try await store.wallet(of: account.id)?.sequence == sequence)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func passwordChangeIsOneTransaction(_ backend: StoreBackend) async throws {
        let store = try await backend.makeStore()
        let account = try await created(store)
        _ = try await store.issueToken(grant(account, device: "laptop", digest: "t1"))
        _ = try await store.issueToken(grant(account, device: "desktop", digest: "t2"))
        let seed = String(repeating: "cd", count: 32)
        func change(_ wallet: WalletPayload?, generation: Int64 = 1) -> PasswordChange {
            PasswordChange(account: account.id, expectedGeneration: generation, newPasswordHash: "hash-2",
                           newClientSaltSeed: seed, wallet: wallet)
        }
        #expect(try await store.changePassword(change(wallet(2))) == .staleSequence, "no wallet yet: only sequence 1 fits")
        #expect(try await store.changePassword(change(nil, generation: 7)) == .generationMoved)
        #expect(try await store.account(emailKey: "joe@example.com")?.passwordHash == "hash-1", "refusals change nothing")
        #expect(try await store.tokenOwner(digest: "t1", now: now) != nil)

        _ = try await store.replaceWallet(wallet(1), of: account.id, ifSequenceIs: 0, generation: 1)
        #expect(try await store.changePassword(change(nil)) == .walletExists)
        #expect(try await store.changePassword(change(wallet(2, "reencrypted"))) == .changed(newGeneration: 2))

        let after = try await store.account(emailKey: "joe@example.com")
        #expect(after?.passwordHash == "hash-2")
        #expect(after?.clientSaltSeed == seed)
        #expect(after?.generation == 2)
        #expect(try await store.wallet(of: account.id) == wallet(2, "reencrypted"))
        #expect(try await store.tokenOwner(digest: "t1", now: now) == nil, "every device is logged out")
        #expect(try await store.tokenOwner(digest: "t2", now: now) == nil)
        #expect(try await store.issueToken(grant(account, device: "laptop", digest: "t3", generation: 1)) == .generationMoved)
        #expect(try await store.replaceWallet(wallet(3), of: account.id, ifSequenceIs: 2, generation: 1) == .generationMoved)
        #expect(try await store.issueToken(grant(account, device: "laptop", digest: "t4", generation: 2)) == .issued)
    }

    @Test(arguments: StoreBackend.allCases)
    func passwordChangeRacingWritesAndLoginsLeavesNoOldPasswordToken(_ backend: StoreBackend) async throws {
        let store = try await backend.makeStore()
        let account = try await created(store)
        _ = try await store.replaceWallet(wallet(1), of: account.id, ifSequenceIs: 0, generation: 1)
        let change = PasswordChange(account: account.id, expectedGeneration: 1, newPasswordHash: "hash-2",
                                    newClientSaltSeed: String(repeating: "ef", count: 32), wallet: wallet(2, "new-password"))
        // Every task authenticated under generation 1 before the change; none may take effect after it.
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { _ = try await store.changePassword(change) }
            for index in 0..<20 {
                group.addTask {
                    let sequence = UInt32(2 + index % 2)
                    _ = try await store.replaceWallet(wallet(sequence, "old-password-\(index)"), of: account.id,
                                                      ifSequenceIs: sequence - 1, generation: 1)
                }
                group.addTask {
                    _ = try await store.issueToken(grant(account, device: "device\(index)", digest: "race\(index)", generation: 1))
                }
            }
            try await group.waitForAll()
        }
        let final = try #require(try await store.account(emailKey: "joe@example.com"))
        let stored = try #require(try await store.wallet(of: account.id))
        if final.generation == 2 {
            for index in 0..<20 {
                #expect(try await store.tokenOwner(digest: "race\(index)", now: now) == nil, "token \(index) outlived the change")
            }
            #expect(stored == wallet(2, "new-password"), "nothing written under the old password lands after the change")
        } else {
            // An old-password write took sequence 2 first, so the change was refused as stale, atomically.
            #expect(final.passwordHash == "hash-1")
            #expect(stored.encryptedWallet.hasPrefix("old-password-"))
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func verificationTicketsVerifyOnceBeforeTheyExpire(_ backend: StoreBackend) async throws {
        let store = try await backend.makeStore()
        var new = newAccount(verified: false)
        new.verificationTicket = VerificationTicket(digest: "ticket-1", expiresAt: now.addingTimeInterval(60))
        guard case .created(let account) = try await store.createAccount(new) else { Issue.record("not created"); return }
        #expect(account.verified == false)
        #expect(try await store.verifyAccount(ticketDigest: "wrong", now: now) == .unknownOrExpired)
        #expect(try await store.verifyAccount(ticketDigest: "ticket-1", now: now.addingTimeInterval(61)) == .unknownOrExpired)
        try await store.setVerificationTicket(VerificationTicket(digest: "ticket-2", expiresAt: now.addingTimeInterval(60)), for: account.id)
        #expect(try await store.verifyAccount(ticketDigest: "ticket-1", now: now) == .unknownOrExpired, "replaced by the new link")
        #expect(try await store.verifyAccount(ticketDigest: "ticket-2", now: now) == .verified(account.id))
        #expect(try await store.account(emailKey: "joe@example.com")?.verified == true)
        #expect(try await store.verifyAccount(ticketDigest: "ticket-2", now: now) == .unknownOrExpired, "links work once")
    }
}
