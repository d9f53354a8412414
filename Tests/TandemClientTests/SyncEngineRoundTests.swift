import Foundation
import Synchronization
import TandemClient
import TandemCore
import Testing

/// The round's edges against the in-process server: 409s without end, queued syncs, a rollback.
@Suite struct SyncEngineRoundTests {
    @Test func aServerThatAlways409sEndsTheRoundAfterTheBound() async throws {
        try await EngineHarness.run { harness in
            let uploads = Mutex(0)
            let device = try await harness.engine(remote: { http in
                InterceptingRemote(http, .init(upload: { _ in
                    uploads.withLock { $0 += 1 }
                    return .stale
                }))
            })
            try await harness.signIn(device)
            try await device.setPreference("k", to: "v")
            #expect(await device.sync() == .gaveUp(attempts: SyncMachine.maximumAttempts))
            #expect(uploads.withLock { $0 } == SyncMachine.maximumAttempts)
            #expect(await device.snapshot.phase == .idle)
            #expect(await device.snapshot.localChanges.count == 1, "the edit is kept for the next try")
        }
    }

    @Test func aSyncAskedForDuringARoundRunsOnceAfterItAndBothCallersHearTheirOutcome() async throws {
        try await EngineHarness.run { harness in
            let gate = Gate()
            let requests = Mutex(0)
            let device = try await harness.engine(remote: { http in
                InterceptingRemote(http, .init(beforeWallet: {
                    requests.withLock { $0 += 1 }
                    await gate.pass()
                }))
            })
            try await harness.signIn(device)
            await gate.close()
            try await device.setPreference("k", to: "v")
            async let first = device.pull()
            await gate.waitUntilHeld()
            async let second = device.sync()
            async let third = device.sync()
            try await Task.sleep(for: .milliseconds(50))
            await gate.open()
            let outcomes = await [first, second, third]
            #expect(outcomes == [.upToDate(sequence: nil), .synced(sequence: 1), .synced(sequence: 1)])
            #expect(requests.withLock { $0 } == 3, "the log-in's pull, the first round, one queued round for both")
        }
    }

    @Test func aWalletOlderThanTheSyncedOneIsRefused() async throws {
        try await EngineHarness.run { harness in
            let old = Mutex<SealedWallet?>(nil)
            let replay = Mutex(false)
            let device = try await harness.engine(remote: { http in
                InterceptingRemote(http, .init(wallet: { wallet in
                    if replay.withLock({ $0 }) { return old.withLock { $0 } }
                    old.withLock { $0 = $0 ?? wallet }
                    return wallet
                }))
            })
            let other = try await harness.engine()
            try await harness.signIn(device, other)
            try await other.setPreference("k", to: "1")
            _ = await other.sync()
            #expect(await device.pull() == .synced(sequence: 1))
            try await other.setPreference("k", to: "2")
            _ = await other.sync()
            #expect(await device.pull() == .synced(sequence: 2))
            replay.withLock { $0 = true }
            #expect(await device.pull() == .rollbackRefused(remote: 1, synced: 2))
            #expect(await device.preferences == ["k": "2"])
            #expect(await device.snapshot.syncedSequence == 2)
        }
    }

    @Test func aTokenRefusedBetweenTheFetchAndTheUploadEndsTheRoundAskingForThePassword() async throws {
        try await EngineHarness.run { harness in
            let refuse = Mutex(false)
            let device = try await harness.engine(remote: { http in
                InterceptingRemote(http, .init(uploadFailure: { refuse.withLock { $0 } ? .unauthorized("token expired") : nil }))
            })
            try await harness.signIn(device)
            try await device.setPreference("k", to: "v")
            refuse.withLock { $0 = true }
            // A 401 while the account's salt seed is unchanged looks like a revoked (or expired) session.
            #expect(await device.sync() == .signedOutByServer(.deviceRevoked))
            let snapshot = await device.snapshot
            #expect(snapshot.phase == .needsPassword)
            #expect(snapshot.localChanges == [LocalChange(key: "k", kind: .added)], "the edit waits for the new log-in")
            refuse.withLock { $0 = false }
            #expect(try await device.adoptNewPassword(EngineHarness.password) == .signedIn(email: harness.email, sync: .upToDate(sequence: nil)))
            #expect(await device.sync() == .synced(sequence: 1))
        }
    }
}

/// Holds GET /wallet requests while closed.
actor Gate {
    private var closed = false
    private var held: [CheckedContinuation<Void, Never>] = []
    private var heldWatchers: [CheckedContinuation<Void, Never>] = []

    func close() { closed = true }

    func open() {
        closed = false
        for request in held { request.resume() }
        held = []
    }

    func pass() async {
        guard closed else { return }
        await withCheckedContinuation { held.append($0) }
    }

    func waitUntilHeld() async {
        while held.isEmpty { try? await Task.sleep(for: .milliseconds(5)) }
    }
}
