/// The per-account `clientSaltSeed` a client generates at signup and at every password change.
public enum SaltSeed {
    /// A new seed: 32 random bytes as 64 lowercase hex characters.
    public static func generate() -> String {
        Hex.encode(SecureRandom.bytes(count: 32))
    }
}
