import Foundation
import TandemClient
import TandemCore
import TandemCrypto
import Testing

@Suite struct SQLiteSyncStateStoreTests {
    @Test func everythingSurvivesReopeningAndTheFilesArePrivate() async throws {
        let path = StoreBackend.temporaryPath()
        let merge = PendingMerge(base: ["editor": "vi"], local: ["editor": "nano"], remote: ["editor": "vim"],
                                 remoteSequence: 4, resolutions: ["editor": .keepLocal])
        let written: StoredState
        do {
            let store = try SQLiteSyncStateStore(path: path)
            (_, written) = try await store.update { state in
                state.server = "http://127.0.0.1:8090"
                state.preferences = ["editor": "nano", "A\u{30A}": "\u{C5}"]
                state.pending = PendingSync(merge: merge, remote: SyncedWallet(sequence: 4, document: WalletDocument(preferences: ["editor": "vim"])))
            }
            _ = try store.tryLockServer()
        }
        let reopened = try await SQLiteSyncStateStore(path: path).load()
        #expect(reopened == written, "a half-resolved merge survives a restart")

        for file in [path, path + ".lock"] {
            let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(file)")
        }
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
