import Crypto

/// Server-issued bearer tokens; the server keeps only their digests.
public enum AccessToken {
    /// A new token: 32 random bytes as 64 lowercase hex characters.
    public static func generate() -> String {
        Hex.encode(SecureRandom.bytes(count: 32))
    }

    /// Lowercase hex SHA-256 of the token's UTF-8 bytes: what the server stores and looks tokens up by.
    public static func digest(_ token: String) -> String {
        Hex.encode(SHA256.hash(data: Array(token.utf8)))
    }
}
