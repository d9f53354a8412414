import TandemCore
import TandemCrypto
import Testing

@Suite struct SealedWalletTests {
    let keys = DerivedKeys(derivedBytes: Array(0..<96))
    let otherKeys = DerivedKeys(derivedBytes: Array(100..<196))
    let document = WalletDocument(preferences: ["animal": "horse", "car": "Audi"])

    @Test func sealsAndOpensWithTheSameKeys() throws {
        let sealed = try SealedWallet.seal(document, sequence: 7, keys: keys)
        #expect(sealed.sequence == 7)
        #expect(sealed.encryptedWallet.hasPrefix("tandem1:"))
        #expect(WalletHMAC.isValid(sealed.hmac, sequence: 7, encryptedWallet: sealed.encryptedWallet, hmacKey: keys.hmacKey))
        #expect(try sealed.open(keys: keys) == document)
    }

    @Test func aWrongKeyFailsTheHMAC() throws {
        let sealed = try SealedWallet.seal(document, sequence: 1, keys: keys)
        #expect(throws: WalletOpenError.hmacMismatch) { try sealed.open(keys: otherKeys) }
    }

    @Test func aTamperedBlobOrSequenceFailsTheHMAC() throws {
        var blob = try SealedWallet.seal(document, sequence: 1, keys: keys)
        blob.encryptedWallet.removeLast()
        #expect(throws: WalletOpenError.hmacMismatch) { try blob.open(keys: keys) }
        var sequence = try SealedWallet.seal(document, sequence: 1, keys: keys)
        sequence.sequence = 2
        #expect(throws: WalletOpenError.hmacMismatch) { try sequence.open(keys: keys) }
    }

    @Test func aCorrectlySignedButUndecryptableEnvelopeIsItsOwnError() throws {
        // Signed with our HMAC key but encrypted under another key: the HMAC passes, the AEAD does not.
        let envelope = try WalletEnvelope.seal(document.encoded(), encryptionKey: otherKeys.encryptionKey)
        let sealed = SealedWallet(encryptedWallet: envelope, sequence: 1,
                                  hmac: WalletHMAC.sign(sequence: 1, encryptedWallet: envelope, hmacKey: keys.hmacKey))
        #expect(throws: WalletOpenError.undecryptable) { try sealed.open(keys: keys) }
    }

    @Test func aForeignWalletIsRecognised() throws {
        let lbry = "AQIDBAUGBwgJCgsMDQ4PEA=="
        let sealed = SealedWallet(encryptedWallet: lbry, sequence: 1,
                                  hmac: WalletHMAC.sign(sequence: 1, encryptedWallet: lbry, hmacKey: keys.hmacKey))
        #expect(throws: WalletOpenError.foreignWallet) { try sealed.open(keys: keys) }
        #expect(WalletOpenError.foreignWallet.description.contains("will not overwrite"))
    }

    @Test func aDecryptedButUnreadableDocumentSaysWhy() throws {
        let envelope = try WalletEnvelope.seal(Array(#"{"version":2,"preferences":{}}"#.utf8), encryptionKey: keys.encryptionKey)
        let sealed = SealedWallet(encryptedWallet: envelope, sequence: 1,
                                  hmac: WalletHMAC.sign(sequence: 1, encryptedWallet: envelope, hmacKey: keys.hmacKey))
        #expect(throws: WalletOpenError.unreadable(.unsupportedVersion(2))) { try sealed.open(keys: keys) }
    }
}
