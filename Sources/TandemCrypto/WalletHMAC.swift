import Crypto

/// The HMAC binding a wallet to its sequence number (PROTOCOL "Client cryptography", step 4).
public enum WalletHMAC {
    /// Lowercase hex of HMAC-SHA256(hmacKey, UTF-8("\(sequence):\(encryptedWallet)")).
    public static func sign(sequence: UInt32, encryptedWallet: String, hmacKey: [UInt8]) -> String {
        let code = HMAC<SHA256>.authenticationCode(
            for: message(sequence: sequence, encryptedWallet: encryptedWallet),
            using: SymmetricKey(data: hmacKey)
        )
        return Hex.encode(code)
    }

    /// Whether `hmac` (hex, either case) authenticates the pair; the comparison takes constant time.
    public static func isValid(_ hmac: String, sequence: UInt32, encryptedWallet: String, hmacKey: [UInt8]) -> Bool {
        guard let code = Hex.decode(hmac), code.count == SHA256.byteCount else { return false }
        // swift-crypto compares authentication codes in constant time.
        return HMAC<SHA256>.isValidAuthenticationCode(
            code,
            authenticating: message(sequence: sequence, encryptedWallet: encryptedWallet),
            using: SymmetricKey(data: hmacKey)
        )
    }

    private static func message(sequence: UInt32, encryptedWallet: String) -> [UInt8] {
        Array("\(sequence):\(encryptedWallet)".utf8)
    }
}
