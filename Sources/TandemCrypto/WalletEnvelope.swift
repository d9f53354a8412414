import Crypto

/// Encryption of the wallet plaintext (PROTOCOL "Tandem wallet envelope").
///
/// The cipher is ChaCha20-Poly1305 (RFC 8439): fast without AES hardware and safe with random
/// 96-bit nonces at the number of wallet writes an account will ever make.
public enum WalletEnvelope {
    /// Marks a wallet written by Tandem; anything else is a foreign wallet.
    public static let prefix = "tandem1:"

    /// Bytes of nonce plus tag, the smallest possible sealed box (empty plaintext).
    static let overheadByteCount = 12 + 16

    /// Encrypts under a fresh random nonce: `"tandem1:" + base64(nonce(12) ‖ ciphertext ‖ tag(16))`.
    public static func seal(_ plaintext: [UInt8], encryptionKey: [UInt8]) throws(CryptoFailure) -> String {
        guard encryptionKey.count == 32 else {
            throw .invalidParameters("wallet encryption key must be 32 bytes, got \(encryptionKey.count)")
        }
        do {
            let box = try ChaChaPoly.seal(plaintext, using: SymmetricKey(data: encryptionKey), nonce: ChaChaPoly.Nonce())
            return prefix + Base64.encode(box.combined)
        } catch {
            throw .underlying("ChaCha20-Poly1305 seal: \(error)")
        }
    }

    /// Decrypts and authenticates a wallet written by `seal`.
    ///
    /// A key that is not 32 bytes cannot be the right key, so it fails as `authenticationFailed`.
    public static func open(_ encryptedWallet: String, encryptionKey: [UInt8]) throws(EnvelopeError) -> [UInt8] {
        guard encryptedWallet.hasPrefix(prefix) else { throw .foreignWallet }
        guard let combined = Base64.decode(String(encryptedWallet.dropFirst(prefix.count))),
              combined.count >= overheadByteCount,
              let box = try? ChaChaPoly.SealedBox(combined: combined)
        else { throw .malformed }
        guard encryptionKey.count == 32,
              let plaintext = try? ChaChaPoly.open(box, using: SymmetricKey(data: encryptionKey))
        else { throw .authenticationFailed }
        return Array(plaintext)
    }
}
