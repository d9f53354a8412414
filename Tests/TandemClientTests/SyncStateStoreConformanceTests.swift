import Foundation
import TandemClient
import TandemCore
import TandemCrypto
import Testing

/// What every `SyncStateStore` promises, run against memory, SQLite, and two SQLite instances on one file.
@Suite struct SyncStateStoreConformanceTests {
    static let nfc = "\u{C5}"          // Å as one scalar
    static let nfd = "A\u{30A}"        // Å as A + combining ring
    static let tricky = "100% \"q\" \\ \u{0} é e\u{301} 🧑‍🤝‍🧑\nline"

    @Test(arguments: StoreBackend.allCases)
    func aNewProfileHasOneDeviceIDAndAutoSyncOn(_ backend: StoreBackend) async throws {
        let (first, second) = try backend.makePair()
        let a = try await first.load(), b = try await second.load()
        #expect(!a.state.deviceID.isEmpty)
        #expect(a.state.deviceID == b.state.deviceID)
        #expect(a.state.autoSync)
        #expect(a.state.account == nil && a.state.base == nil && a.state.preferences.isEmpty && a.state.pending == nil)
        #expect(try await first.revision() == a.revision)
    }

    @Test(arguments: StoreBackend.allCases)
    func theRevisionMovesOnlyWhenSomethingChanged(_ backend: StoreBackend) async throws {
        let (first, second) = try backend.makePair()
        let start = try await first.revision()
        let (_, unchanged) = try await first.update { _ in }
        #expect(unchanged.revision == start)
        let (_, changed) = try await first.update { $0.preferences["k"] = "v" }
        #expect(changed.revision > start)
        #expect(try await second.revision() == changed.revision, "the other handle sees the new revision")
        let (_, same) = try await second.update { $0.preferences["k"] = "v" }
        #expect(same.revision == changed.revision, "writing the same value is no change")
    }

    @Test(arguments: StoreBackend.allCases)
    func aThrowingChangeWritesNothing(_ backend: StoreBackend) async throws {
        struct Refused: Error {}
        let (first, second) = try backend.makePair()
        let before = try await first.load()
        await #expect(throws: Refused.self) {
            try await first.update { state in
                state.preferences["k"] = "v"
                throw Refused()
            }
        }
        #expect(try await second.load() == before)
    }

    @Test(arguments: StoreBackend.allCases)
    func concurrentChangesThroughBothHandlesAreAllKept(_ backend: StoreBackend) async throws {
        let (first, second) = try backend.makePair()
        let start = try await first.revision()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<40 {
                let store = index.isMultiple(of: 2) ? first : second
                group.addTask {
                    // Each change reads what is stored: a counter incremented 40 times ends at 40.
                    _ = try await store.update { state in
                        state.preferences[ExactText("key \(index)")] = "v"
                        let count = state.preferences["count"].flatMap { Int($0.string) } ?? 0
                        state.preferences["count"] = ExactText(String(count + 1))
                    }
                }
            }
            try await group.waitForAll()
        }
        let stored = try await second.load()
        #expect(stored.state.preferences.count == 41)
        #expect(stored.state.preferences["count"] == "40")
        #expect(stored.revision == start + 40)
    }

    @Test(arguments: StoreBackend.allCases)
    func anEditThroughOneHandleSurvivesAPullAndPushThroughTheOther(_ backend: StoreBackend) async throws {
        let (ui, cli) = try backend.makePair()
        _ = try await ui.update { $0.preferences["theme"] = "light" }
        _ = try await cli.update { $0.preferences["cli.edit"] = "1" }
        // The UI records a pull: the merge runs on what is stored, not on the UI's old copy.
        _ = try await ui.update { state in
            let remote = WalletDocument(preferences: ["car": "Audi"])
            let merged = ThreeWayMerge.merge(base: state.base?.document.preferences ?? [:], local: state.preferences,
                                             remote: remote.preferences)
            state.base = SyncedWallet(sequence: 1, document: remote)
            state.preferences = merged.merged
        }
        // And a push result: only the base moves.
        _ = try await ui.update { state in state.base = SyncedWallet(sequence: 2, document: WalletDocument(preferences: state.preferences)) }
        _ = try await cli.update { $0.preferences["late"] = "edit" }
        let stored = try await ui.load().state
        #expect(stored.preferences == ["theme": "light", "cli.edit": "1", "car": "Audi", "late": "edit"])
        #expect(stored.localChanges == [LocalChange(key: "late", kind: .added)])
    }

    @Test(arguments: StoreBackend.allCases)
    func everythingRoundTripsByteForByte(_ backend: StoreBackend) async throws {
        let (first, second) = try backend.makePair()
        let keys = DerivedKeys(derivedBytes: Array(0..<96))
        let nfc = ExactText(Self.nfc), nfd = ExactText(Self.nfd), tricky = ExactText(Self.tricky)
        var remote = WalletDocument(preferences: [nfc: nfd, nfd: nfc, "editor": "vim"])
        remote.preferences[tricky] = tricky
        let merge = PendingMerge(base: ["editor": "vi", nfc: "1"], local: ["editor": "nano", nfd: ""], remote: remote.preferences,
                                 remoteSequence: 4, resolutions: ["editor": .use(nfd), nfc: .edited(nil), nfd: .keepLocal, tricky: .edited(tricky)])
        let expected = DeviceState(
            deviceID: try await first.load().state.deviceID, server: "http://127.0.0.1:8090",
            account: DeviceAccount(email: "joe@example.com", clientSaltSeed: "ab", keys: keys, token: "t"),
            base: SyncedWallet(sequence: 3, document: WalletDocument(preferences: [nfc: "base"])),
            preferences: [nfc: "é", nfd: "e\u{301}", tricky: tricky, "empty": ""],
            pending: PendingSync(merge: merge, remote: SyncedWallet(sequence: 4, document: remote)), autoSync: false)
        _ = try await first.update { $0 = expected }
        let stored = try await second.load().state
        #expect(stored == expected)
        #expect(stored.preferences.count == 4, "NFC and NFD keys are two keys")
        #expect(stored.preferences[nfd].map(\.utf8) == Array("e\u{301}".utf8))
        #expect(stored.pending?.merge.resolutions[nfc] == .edited(nil))
    }

    @Test(arguments: StoreBackend.allCases)
    func oneHandleAtATimeHoldsTheServerLock(_ backend: StoreBackend) async throws {
        let (first, second) = try backend.makePair()
        let lease = try #require(try first.tryLockServer())
        #expect(try second.tryLockServer() == nil)
        #expect(try first.tryLockServer() == nil, "not even the same handle twice")
        lease.release()
        let again = try #require(try second.tryLockServer())
        again.release()
    }
}
