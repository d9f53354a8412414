import Synchronization
import TandemCrypto

/// Salt seeds for emails without an account (`--hide-accounts`): HMAC-SHA256 of the lower-cased email under the
/// server secret, as 64 hex characters like a real seed. Stable across restarts and instances, so asking twice
/// cannot tell an unknown email from a known one.
final class HiddenSeeds: Sendable {
    private let store: (any ServerSecretStoring)?
    private let secret = Mutex<[UInt8]?>(nil)

    /// Without a store that keeps a secret (the in-memory store), a secret of this process serves, which lives
    /// exactly as long as that store's accounts.
    init(store: (any ServerSecretStoring)?) { self.store = store }

    func seed(forEmailKey emailKey: String) async throws -> String {
        let key = try await currentSecret()
        // WalletHMAC is this package's HMAC-SHA256; the prefix keeps these inputs apart from any wallet's.
        return WalletHMAC.sign(sequence: 0, encryptedWallet: "hidden-account-seed:\(emailKey)", hmacKey: key)
    }

    private func currentSecret() async throws -> [UInt8] {
        if let known = secret.withLock({ $0 }) { return known }
        let loaded = try await store?.serverSecret() ?? Array(AccessToken.generate().utf8)
        return secret.withLock { current in
            if current == nil { current = loaded }
            return current!
        }
    }
}
