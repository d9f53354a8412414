/// The three secrets a device derives from the root password (PROTOCOL "Client cryptography", step 3).
public struct DerivedKeys: Sendable, Hashable, Codable {
    /// Number of scrypt output bytes the keys are cut from.
    public static let derivedByteCount = 96

    /// `base64(k[0..<32])`: sent to the server as `password`; the server only stores its scrypt hash.
    public let loginPassword: String
    /// `k[32..<64]`: authenticates `(sequence, encryptedWallet)` pairs with HMAC-SHA256.
    public let hmacKey: [UInt8]
    /// `k[64..<96]`: the ChaCha20-Poly1305 key of the wallet envelope (Tandem extension).
    public let encryptionKey: [UInt8]

    /// Wraps keys obtained elsewhere, e.g. restored from the device's key store.
    public init(loginPassword: String, hmacKey: [UInt8], encryptionKey: [UInt8]) {
        self.loginPassword = loginPassword
        self.hmacKey = hmacKey
        self.encryptionKey = encryptionKey
    }

    /// Splits the 96 bytes of `scrypt(rootPassword, salt, N, r, p, 96)`.
    public init(derivedBytes: [UInt8]) {
        precondition(
            derivedBytes.count == Self.derivedByteCount,
            "DerivedKeys needs \(Self.derivedByteCount) derived bytes, got \(derivedBytes.count)"
        )
        self.init(
            loginPassword: Base64.encode(derivedBytes[0..<32]),
            hmacKey: Array(derivedBytes[32..<64]),
            encryptionKey: Array(derivedBytes[64..<96])
        )
    }
}

extension DerivedKeys: CustomStringConvertible, CustomDebugStringConvertible {
    /// Redacted, so that logging or printing the keys by accident leaks nothing.
    public var description: String { "DerivedKeys(<redacted>)" }
    /// Redacted like `description`.
    public var debugDescription: String { description }
}
