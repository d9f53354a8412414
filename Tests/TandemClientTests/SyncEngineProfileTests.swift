import Foundation
import TandemClient
import TandemCore
import Testing

/// Several processes on one profile file (two engines, two store instances, one file), as a UI and a CLI would be.
@Suite struct SyncEngineProfileTests {
    @Test func anEditThroughTheCLIIsNotLostWhenTheUIPullsAndPushes() async throws {
        try await EngineHarness.run { harness in
            let path = StoreBackend.temporaryPath()
            let ui = try await harness.engine(try SQLiteSyncStateStore(path: path))
            let other = try await harness.engine()
            try await harness.signIn(ui, other)
            let cli = try await harness.engine(try SQLiteSyncStateStore(path: path))
            try await cli.setPreference("cli.edit", to: "1")
            try await other.setPreference("car", to: "Audi")
            #expect(await other.sync() == .synced(sequence: 1))

            // The UI has not looked at the file since the CLI wrote it; its pull must not write its old copy back.
            #expect(await ui.pull() == .synced(sequence: 1))
            #expect(await ui.preferences == ["car": "Audi", "cli.edit": "1"])
            #expect(await ui.sync() == .synced(sequence: 2))
            #expect(await other.pull() == .synced(sequence: 2))
            #expect(await other.preferences == ["car": "Audi", "cli.edit": "1"])
            #expect(await cli.sync() == .upToDate(sequence: 2), "the CLI sees the UI's push in the file")
        }
    }

    @Test func anEditMadeWhileAPushIsInFlightStaysALocalChange() async throws {
        try await EngineHarness.run { harness in
            let path = StoreBackend.temporaryPath()
            let cli = try await harness.engine(try SQLiteSyncStateStore(path: path))
            let ui = try await harness.engine(try SQLiteSyncStateStore(path: path), remote: { http in
                InterceptingRemote(http, .init(upload: { _ in
                    // The CLI edits the profile while the UI's upload is on the wire.
                    try? await cli.setPreference("late", to: "edit")
                    return nil
                }))
            })
            try await harness.signIn(ui)
            try await ui.setPreference("early", to: "1")
            #expect(await ui.push() == .synced(sequence: 1))
            let snapshot = await ui.snapshot
            #expect(snapshot.preferences == ["early": "1", "late": "edit"])
            #expect(snapshot.localChanges == [LocalChange(key: "late", kind: .added)])
            #expect(await ui.push() == .synced(sequence: 2))
        }
    }

    /// The watching engine polls the profile's revision (every 250 ms by default) and publishes what another process
    /// wrote, with nobody asking. How fast is a benchmark's question on a shared machine; the bound is only a hang guard.
    @Test func aWatchingEngineShowsAnotherProcessesEditByItself() async throws {
        let path = StoreBackend.temporaryPath()
        let ui = try await SyncEngine(store: try SQLiteSyncStateStore(path: path), makeRemote: { _ in fatalError("offline") })
        await ui.startWatching()
        let cli = try await SyncEngine(store: try SQLiteSyncStateStore(path: path), makeRemote: { _ in fatalError("offline") })
        try await cli.setPreference("from.cli", to: "yes")
        await ui.waitUntil("the UI shows the CLI's edit", seconds: 20) { $0.preferences["from.cli"] == "yes" }
        await ui.stopWatching()
    }

    @Test func onlyOneProcessTalksToTheServerAtATime() async throws {
        try await EngineHarness.run { harness in
            let path = StoreBackend.temporaryPath()
            let store = try SQLiteSyncStateStore(path: path)
            let engine = try await harness.engine(store, configure: { $0.serverLockWait = .milliseconds(200) })
            try await harness.signIn(engine)
            try await engine.setPreference("k", to: "v")
            // Another process holds the lock for longer than this one waits.
            let other = try #require(try SQLiteSyncStateStore(path: path).tryLockServer())
            #expect(await engine.sync() == .anotherProcessIsSyncing)
            #expect(await engine.snapshot.localChanges.count == 1, "nothing changed")
            // Once it is released within the wait, the round runs.
            Task {
                try? await Task.sleep(for: .milliseconds(50))
                other.release()
            }
            #expect(await engine.sync() == .synced(sequence: 1))
        }
    }

    @Test func autoSyncPushesShortlyAfterTheLastEditAndTheSettingIsRemembered() async throws {
        try await EngineHarness.run { harness in
            let path = StoreBackend.temporaryPath()
            let engine = try await harness.engine(try SQLiteSyncStateStore(path: path), configure: { $0.autoSyncDelay = .milliseconds(300) })
            try await harness.signIn(engine)
            await engine.startWatching()
            #expect(await engine.snapshot.autoSync, "on by default")
            try await engine.setPreference("a", to: "1")
            try await engine.setPreference("b", to: "2")
            await engine.waitUntil("both edits are pushed in one go", seconds: 5) { $0.syncedSequence == 1 && $0.localChanges.isEmpty }

            try await engine.setAutoSync(false)
            try await engine.setPreference("c", to: "3")
            try await Task.sleep(for: .milliseconds(600))
            #expect(await engine.snapshot.localChanges.count == 1, "off: nothing is pushed by itself")
            await engine.stopWatching()
            let reopened = try await harness.engine(try SQLiteSyncStateStore(path: path))
            #expect(await reopened.snapshot.autoSync == false)
        }
    }

    @Test func aHalfResolvedMergeSurvivesARestart() async throws {
        try await EngineHarness.run { harness in
            let path = StoreBackend.temporaryPath()
            let device = try await harness.engine(try SQLiteSyncStateStore(path: path))
            let other = try await harness.engine()
            try await harness.signIn(device, other)
            for (key, value) in [("car", "VW"), ("city", "Oslo")] { try await other.setPreference(key, to: value) }
            _ = await other.sync()
            _ = await device.pull()
            for (key, value) in [("car", "BMW"), ("city", "Paris")] { try await other.setPreference(key, to: value) }
            _ = await other.sync()
            for (key, value) in [("car", "Audi"), ("city", "Bergen")] { try await device.setPreference(key, to: value) }
            #expect(await device.sync() == .conflictsWaiting(count: 2))
            try await device.resolve("car", with: .keepLocal)

            let restarted = try await harness.engine(try SQLiteSyncStateStore(path: path))
            let snapshot = await restarted.snapshot
            #expect(snapshot.phase == .awaitingResolution)
            #expect(snapshot.pendingMerge.map(\.key) == ["car", "city"])
            #expect(snapshot.pendingMerge.map(\.choice) == [.keepLocal, nil])
            #expect(snapshot.pendingMerge.last?.conflict == Conflict(key: "city", base: "Oslo", local: "Bergen", remote: "Paris"))
            #expect(snapshot.conflicts.map(\.key) == ["city"])
            try await restarted.resolve("city", with: .takeRemote)
            #expect(try await restarted.applyResolutions() == .synced(sequence: 3))
            _ = await other.pull()
            #expect(await other.preferences == ["car": "Audi", "city": "Paris"])
        }
    }
}
