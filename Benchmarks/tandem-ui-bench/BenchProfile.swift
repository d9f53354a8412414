import Foundation
import TandemClient
import TandemCore
import TandemCrypto

/// A profile as a signed-in device leaves it: derived keys and token cached, `count` preferences synced.
enum BenchProfile {
    static func preferences(count: Int) -> Preferences {
        Preferences(uniqueKeysWithValues: (0..<count).map { index in
            (ExactText("group.\(index / 100).setting.\(index)"), ExactText("value \(index) with some text that is long enough to matter"))
        })
    }

    static func make(name: String, preferences: Preferences, dataHome: String) async throws {
        let path = try SQLiteSyncStateStore.path(forProfile: name, environment: ["XDG_DATA_HOME": dataHome])
        let store = try SQLiteSyncStateStore(path: path)
        let keys = DerivedKeys(derivedBytes: (0..<DerivedKeys.derivedByteCount).map { UInt8($0) })
        let account = DeviceAccount(email: "bench@example.com", clientSaltSeed: String(repeating: "ab", count: 32), keys: keys,
                                    token: "bench-token")
        // A server nobody listens on: the first frame must never wait for the network.
        _ = try await store.update { state in
            state.account = account
            state.server = "http://127.0.0.1:9"
            state.base = SyncedWallet(sequence: 1, document: WalletDocument(preferences: preferences))
            state.preferences = preferences
        }
    }
}
