import Foundation
import TandemClient
import TandemCore
import Testing

/// Log-in, password and server changes: the device changes only when the server said yes.
@Suite struct SyncEngineAccountTests {
    /// What must not move when an account intent fails.
    struct Kept: Equatable {
        let email: String?, server: String?, sequence: UInt32?, preferences: Preferences, changes: [LocalChange], phase: SyncPhase
        init(_ snapshot: SyncSnapshot) {
            (email, server, sequence, preferences, changes, phase) = (snapshot.email, snapshot.server, snapshot.syncedSequence,
                                                                      snapshot.preferences, snapshot.localChanges, snapshot.phase)
        }
    }

    @Test func aFailedLogInLeavesASignedInDeviceWorking() async throws {
        try await EngineHarness.run { harness in
            let device = try await harness.engine(), other = try await harness.engine()
            try await harness.signIn(device, other)
            try await device.setPreference("synced", to: "1")
            _ = await device.sync()
            try await device.setPreference("local", to: "edit")
            let before = Kept(await device.snapshot)

            #expect(try await device.logIn(server: harness.url, email: harness.email, password: "wrong") == .wrongPassword)
            #expect(Kept(await device.snapshot) == before)
            let unreachable = try await device.logIn(server: "http://127.0.0.1:1", email: harness.email, password: EngineHarness.password)
            guard case .serverUnreachable = unreachable else { Issue.record("\(unreachable)"); return }
            #expect(Kept(await device.snapshot) == before, "another server URL is only adopted on success")
            #expect(try await device.logIn(server: harness.url, email: "nobody@example.com", password: "x") == .accountNotFound)
            #expect(Kept(await device.snapshot) == before)

            #expect(await device.sync() == .synced(sequence: 2), "keys and token still work")
            _ = await other.pull()
            #expect(await other.preferences == ["synced": "1", "local": "edit"])
        }
    }

    @Test func loggingInAgainToTheSameAccountKeepsTheBase() async throws {
        try await EngineHarness.run { harness in
            let device = try await harness.engine()
            try await harness.signIn(device)
            try await device.setPreference("k", to: "v")
            _ = await device.sync()
            let outcome = try await device.logIn(server: harness.url, email: harness.email, password: EngineHarness.password)
            #expect(outcome == .signedIn(email: harness.email, sync: .upToDate(sequence: 1)))
            #expect(await device.snapshot.localChanges.isEmpty)
        }
    }

    @Test func changingTheServerSignsOutAndKeepsThePreferencesAsLocalChanges() async throws {
        try await EngineHarness.run { harness in
            let device = try await harness.engine()
            try await harness.signIn(device)
            try await device.setPreference("k", to: "v")
            _ = await device.sync()
            #expect(try await device.changeServer(harness.url) == .serverChanged(signedOut: false))
            #expect(try await device.changeServer("http://127.0.0.1:1") == .serverChanged(signedOut: true))
            let snapshot = await device.snapshot
            #expect(snapshot.phase == .signedOut && snapshot.email == nil && snapshot.server == "http://127.0.0.1:1")
            #expect(snapshot.preferences == ["k": "v"])
            #expect(snapshot.localChanges == [LocalChange(key: "k", kind: .added)])
            #expect(await device.sync() == .notSignedIn)
        }
    }

    @Test func aTokenRefusedMidRoundAsksForTheNewPasswordAndTheDeviceContinues() async throws {
        try await EngineHarness.run { harness in
            let device = try await harness.engine(), other = try await harness.engine()
            try await harness.signIn(device, other)
            #expect(try await other.changePassword(old: EngineHarness.password, new: "new password")
                == .passwordChanged(sync: .upToDate(sequence: nil)))
            try await device.setPreference("k", to: "v")
            #expect(await device.sync() == .needsPassword)
            #expect(await device.snapshot.phase == .needsPassword)
            #expect(await device.sync() == .needsPassword, "stays refused without a new log-in")
            #expect(try await device.adoptNewPassword("wrong") == .wrongPassword)
            #expect(await device.snapshot.phase == .needsPassword)
            let outcome = try await device.adoptNewPassword("new password")
            #expect(outcome == .signedIn(email: harness.email, sync: .upToDate(sequence: nil)))
            #expect(await device.sync() == .synced(sequence: 1))
        }
    }

    @Test func aPasswordChangeCatchesUpWhenAnotherDeviceWritesFirst() async throws {
        try await EngineHarness.run { harness in
            let other = try await harness.engine()
            let writes = WriteOnce()
            let device = try await harness.engine(remote: { http in
                InterceptingRemote(http, .init(beforePasswordChange: { await writes.run() }))
            })
            try await harness.signIn(device, other)
            try await device.setPreference("mine", to: "1")
            _ = await device.sync()
            _ = await other.pull()
            await writes.set {
                try? await other.setPreference("theirs", to: "2")
                _ = await other.sync()
            }
            let outcome = try await device.changePassword(old: EngineHarness.password, new: "new password")
            #expect(outcome == .passwordChanged(sync: .upToDate(sequence: 3)))
            #expect(await device.preferences == ["mine": "1", "theirs": "2"])
            #expect(await other.sync() == .needsPassword)
            #expect(try await other.adoptNewPassword("new password") == .signedIn(email: harness.email, sync: .synced(sequence: 3)))
        }
    }

    @Test func aPasswordChangeIsRefusedWithLocalChangesOrAWrongOldPassword() async throws {
        try await EngineHarness.run { harness in
            let device = try await harness.engine()
            try await harness.signIn(device)
            #expect(try await device.changePassword(old: "wrong", new: "new") == .wrongPassword)
            try await device.setPreference("k", to: "v")
            #expect(try await device.changePassword(old: EngineHarness.password, new: "new") == .unpushedChanges(count: 1))
            #expect(await device.sync() == .synced(sequence: 1), "the old password still works")
        }
    }
}

/// An action a test arms once and a hook runs once.
actor WriteOnce {
    private var action: (@Sendable () async -> Void)?
    func set(_ action: @escaping @Sendable () async -> Void) { self.action = action }
    func run() async {
        guard let action else { return }
        self.action = nil
        await action()
    }
}
