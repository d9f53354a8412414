import TandemCrypto
import TandemWire

/// A wallet as it crosses the wire: the `tandem1:` envelope, its sequence and HMAC. Never plaintext.
public typealias SealedWallet = WalletPayload

extension SealedWallet {
    /// Encrypts and signs `document` as the given sequence.
    public static func seal(_ document: WalletDocument, sequence: UInt32, keys: DerivedKeys) throws -> SealedWallet {
        let envelope = try WalletEnvelope.seal(document.encoded(), encryptionKey: keys.encryptionKey)
        return SealedWallet(encryptedWallet: envelope, sequence: sequence,
                            hmac: WalletHMAC.sign(sequence: sequence, encryptedWallet: envelope, hmacKey: keys.hmacKey))
    }

    /// Checks the HMAC, then decrypts and decodes; each failure has its own error.
    public func open(keys: DerivedKeys) throws(WalletOpenError) -> WalletDocument {
        guard WalletHMAC.isValid(hmac, sequence: sequence, encryptedWallet: encryptedWallet, hmacKey: keys.hmacKey) else {
            throw .hmacMismatch
        }
        let plaintext: [UInt8]
        do {
            plaintext = try WalletEnvelope.open(encryptedWallet, encryptionKey: keys.encryptionKey)
        } catch .foreignWallet {
            throw .foreignWallet
        } catch {
            throw .undecryptable
        }
        do {
            return try WalletDocument.decode(plaintext)
        } catch {
            throw .unreadable(error)
        }
    }
}

/// Why a downloaded wallet could not be opened.
public enum WalletOpenError: Error, Equatable, CustomStringConvertible {
    /// Wrong HMAC key (another password) or a wallet altered on the way.
    case hmacMismatch
    /// Not a Tandem wallet (no `tandem1:` prefix): written by another client; never overwritten silently.
    case foreignWallet
    /// Signed correctly but the envelope does not decrypt: tampered, or a different encryption key.
    case undecryptable
    case unreadable(WalletDocumentError)

    public var description: String {
        switch self {
        case .hmacMismatch: "the wallet's HMAC does not match: it was changed in transit or written with another password"
        case .foreignWallet: "the server holds a wallet that another (non-Tandem) client wrote; Tandem will not overwrite it"
        case .undecryptable: "the wallet could not be decrypted with this device's key"
        case .unreadable(let error): "the wallet decrypted but is not a readable Tandem document: \(error)"
        }
    }
}
