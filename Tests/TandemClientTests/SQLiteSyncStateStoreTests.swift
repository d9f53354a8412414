import Foundation
import TandemClient
import TandemCore
import TandemCrypto
import Testing

@Suite struct SQLiteSyncStateStoreTests {
    func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("tandem-state-\(UUID().uuidString)/profile.sqlite").path
    }

    @Test func everythingSurvivesReopeningAndTheFileIsPrivate() async throws {
        let path = temporaryPath()
        let keys = DerivedKeys(derivedBytes: Array(0..<96))
        let tricky = "100% \"q\" \\ \u{0} é e\u{301} 🧑‍🤝‍🧑"
        var remote = WalletDocument(preferences: ["theme": "dark", "editor": "vim"])
        remote.preferences[tricky] = tricky
        let merge = PendingMerge(base: ["editor": "vi"], local: ["editor": "nano"], remote: remote.preferences,
                                 remoteSequence: 4, resolutions: ["editor": .keepLocal])
        let deviceID: String
        do {
            let store = try SQLiteSyncStateStore(path: path)
            deviceID = try await store.load().deviceID
            try await store.saveAccount(DeviceAccount(email: "joe@example.com", clientSaltSeed: "ab", keys: keys, token: "t"),
                                        server: "http://127.0.0.1:8090")
            try await store.saveSync(base: SyncedWallet(sequence: 3, document: WalletDocument(preferences: ["editor": "vi"])),
                                     preferences: ["editor": "nano"], pending: nil)
            try await store.setPreference(tricky, to: tricky)
            try await store.setPreference("gone", to: "soon")
            try await store.setPreference("gone", to: nil)
            try await store.savePending(PendingSync(merge: merge, remote: SyncedWallet(sequence: 4, document: remote)))
        }
        let state = try await SQLiteSyncStateStore(path: path).load()
        #expect(state.deviceID == deviceID, "the device id is stable")
        #expect(state.server == "http://127.0.0.1:8090")
        #expect(state.account?.keys == keys)
        #expect(state.account?.token == "t")
        #expect(state.base?.sequence == 3)
        #expect(state.preferences == ["editor": "nano", tricky: tricky])
        #expect(state.pending?.merge == merge, "a half-resolved merge survives a restart")
        #expect(state.pending?.remote.document == remote)

        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func profilesMapToFilesUnderXDGDataHome() throws {
        #expect(try SQLiteSyncStateStore.path(forProfile: "laptop", environment: ["XDG_DATA_HOME": "/data", "HOME": "/home/joe"])
            == "/data/tandem/laptop.sqlite")
        #expect(try SQLiteSyncStateStore.path(forProfile: "default", environment: ["HOME": "/home/joe"])
            == "/home/joe/.local/share/tandem/default.sqlite")
        for bad in ["", "../etc", "a/b", ".hidden"] {
            #expect(throws: SQLiteSyncStateStore.StoreError.self) { try SQLiteSyncStateStore.path(forProfile: bad, environment: [:]) }
        }
    }
}
