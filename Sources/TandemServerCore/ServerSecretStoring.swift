/// A store that keeps one random server secret, made on first use and the same for every instance on the database.
/// `--hide-accounts` derives the salt seeds of unknown emails from it, so they stay stable across restarts.
public protocol ServerSecretStoring: Sendable {
    /// The secret (32 random bytes), created if the database has none yet.
    func serverSecret() async throws -> [UInt8]
}
