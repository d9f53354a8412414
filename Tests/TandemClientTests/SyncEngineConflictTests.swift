import Foundation
import TandemClient
import TandemCore
import Testing

/// Edits while a merge waits, and byte-exact keys and values, engine to engine through the server.
@Suite struct SyncEngineConflictTests {
    /// Two devices that synced `car = VW` and `x = 1`, then wrote `car` differently: `device` waits with one conflict.
    static func conflicted(_ harness: EngineHarness) async throws -> (device: SyncEngine, other: SyncEngine) {
        let device = try await harness.engine(), other = try await harness.engine()
        try await harness.signIn(device, other)
        try await other.setPreference("car", to: "VW")
        try await other.setPreference("x", to: "1")
        _ = await other.sync()
        _ = await device.pull()
        try await other.setPreference("car", to: "BMW")
        _ = await other.sync()
        try await device.setPreference("car", to: "Audi")
        #expect(await device.sync() == .conflictsWaiting(count: 1))
        return (device, other)
    }

    @Test func editsMadeWhileAMergeWaitsArePushedWithItsResult() async throws {
        try await EngineHarness.run { harness in
            let (device, other) = try await Self.conflicted(harness)
            try await device.setPreference("theme", to: "dark")
            try await device.removePreference("x")
            #expect(await device.snapshot.preferences == ["car": "Audi", "theme": "dark"])
            try await device.resolve("car", with: .keepLocal)
            #expect(try await device.applyResolutions() == .synced(sequence: 3))
            #expect(await device.snapshot.localChanges.isEmpty)
            _ = await other.pull()
            #expect(await other.preferences == ["car": "Audi", "theme": "dark"])
        }
    }

    @Test func editingAConflictingKeyIsItsDecisionUntilTheUserChoosesOtherwise() async throws {
        try await EngineHarness.run { harness in
            let (device, other) = try await Self.conflicted(harness)
            try await device.setPreference("car", to: "Mini")
            var snapshot = await device.snapshot
            #expect(snapshot.pendingMerge.map(\.choice) == [.edited("Mini")])
            #expect(snapshot.conflicts.isEmpty, "decided by the edit")
            #expect(snapshot.phase == .awaitingResolution, "nothing is pushed until applied")
            try await device.resolve("car", with: .takeRemote)
            snapshot = await device.snapshot
            #expect(snapshot.pendingResolutions == ["car": .takeRemote])
            #expect(try await device.applyResolutions() == .synced(sequence: 2), "nothing to push: the result is the remote wallet")
            #expect(await device.preferences == ["car": "BMW", "x": "1"])
            _ = await other.pull()
            #expect(await other.preferences == ["car": "BMW", "x": "1"])
        }
    }

    @Test func deletingAConflictingKeyDecidesItAsADeletion() async throws {
        try await EngineHarness.run { harness in
            let (device, other) = try await Self.conflicted(harness)
            try await device.removePreference("car")
            #expect(await device.snapshot.pendingMerge.map(\.choice) == [.edited(nil)])
            #expect(try await device.applyResolutions() == .synced(sequence: 3))
            _ = await other.pull()
            #expect(await other.preferences == ["x": "1"])
        }
    }

    @Test func applyingWithUndecidedKeysChangesNothing() async throws {
        try await EngineHarness.run { harness in
            let (device, _) = try await Self.conflicted(harness)
            let before = await device.snapshot
            #expect(try await device.applyResolutions() == .conflictsWaiting(count: 1))
            #expect(await device.sync() == .conflictsWaiting(count: 1))
            #expect(await device.snapshot.preferences == before.preferences)
        }
    }

    @Test func keysAndValuesThatDifferOnlyByNormalFormStayDistinct() async throws {
        try await EngineHarness.run { harness in
            let nfc = "\u{C5}", nfd = "A\u{30A}"
            let device = try await harness.engine(try SQLiteSyncStateStore(path: StoreBackend.temporaryPath()))
            let other = try await harness.engine()
            try await harness.signIn(device, other)
            try await device.setPreference(nfc, to: "composed")
            try await device.setPreference(nfd, to: "decomposed")
            try await device.setPreference("value", to: nfc)
            #expect(await device.sync() == .synced(sequence: 1))
            #expect(await other.pull() == .synced(sequence: 1))
            let preferences = await other.preferences
            #expect(preferences.count == 3)
            #expect(preferences[ExactText(nfc)] == "composed")
            #expect(preferences[ExactText(nfd)] == "decomposed")

            // Rewriting a value in its other normal form is a change, pushed byte for byte.
            try await other.setPreference("value", to: nfd)
            #expect(await other.snapshot.localChanges == [LocalChange(key: "value", kind: .changed)])
            #expect(await other.sync() == .synced(sequence: 2))
            #expect(await device.pull() == .synced(sequence: 2))
            #expect(await device.preferences["value"]?.utf8 == Array(nfd.utf8))

            // Two devices writing the two forms is a conflict, not a silent merge.
            try await device.setPreference("value", to: "\u{E9}")
            try await other.setPreference("value", to: "e\u{301}")
            _ = await other.sync()
            #expect(await device.sync() == .conflictsWaiting(count: 1))
        }
    }
}
