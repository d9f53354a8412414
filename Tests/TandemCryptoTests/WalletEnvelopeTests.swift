import Foundation
import Testing
import TandemCrypto

@Suite("WalletEnvelope")
struct WalletEnvelopeTests {
    static let key = [UInt8](repeating: 7, count: 32)
    static let plaintext = Array(#"{"version": 1, "preferences": {"animal": "horse", "car": "Audi"}}"#.utf8)

    @Test("seal then open returns the plaintext", arguments: [[], Array("x".utf8), plaintext])
    func roundTrip(_ plaintext: [UInt8]) throws {
        let sealed = try WalletEnvelope.seal(plaintext, encryptionKey: Self.key)
        #expect(sealed.hasPrefix(WalletEnvelope.prefix))
        // nonce(12) ‖ ciphertext ‖ tag(16)
        let body = try #require(Data(base64Encoded: String(sealed.dropFirst(WalletEnvelope.prefix.count))))
        #expect(body.count == 12 + plaintext.count + 16)
        #expect(try WalletEnvelope.open(sealed, encryptionKey: Self.key) == plaintext)
    }

    @Test("every seal uses a fresh nonce")
    func freshNonce() throws {
        let first = try WalletEnvelope.seal(Self.plaintext, encryptionKey: Self.key)
        let second = try WalletEnvelope.seal(Self.plaintext, encryptionKey: Self.key)
        #expect(first != second)
        let nonces = [first, second].map { Data(base64Encoded: String($0.dropFirst(8)))!.prefix(12) }
        #expect(nonces[0] != nonces[1])
    }

    @Test("a blob without the prefix is a foreign wallet")
    func foreignWallet() {
        for blob in ["", "AAAA", "tandem2:AAAA", "TANDEM1:AAAA", " tandem1:AAAA"] {
            #expect(throws: EnvelopeError.foreignWallet, "\(blob)") {
                try WalletEnvelope.open(blob, encryptionKey: Self.key)
            }
        }
    }

    @Test("bad base64 or a body shorter than nonce plus tag is malformed")
    func malformed() {
        let tooShort = "tandem1:" + Data(count: 27).base64EncodedString()
        for blob in ["tandem1:", "tandem1:not base64!", "tandem1:AAA", tooShort] {
            #expect(throws: EnvelopeError.malformed, "\(blob)") {
                try WalletEnvelope.open(blob, encryptionKey: Self.key)
            }
        }
    }

    @Test("a wrong key or any flipped bit fails authentication")
    func authenticationFailed() throws {
        let sealed = try WalletEnvelope.seal(Self.plaintext, encryptionKey: Self.key)
        var wrongKey = Self.key
        wrongKey[31] ^= 0x80
        #expect(throws: EnvelopeError.authenticationFailed) {
            try WalletEnvelope.open(sealed, encryptionKey: wrongKey)
        }
        #expect(throws: EnvelopeError.authenticationFailed) {
            try WalletEnvelope.open(sealed, encryptionKey: Array(Self.key.prefix(16)))
        }
        var body = Data(base64Encoded: String(sealed.dropFirst(8)))!
        for index in [0, 12, body.count - 1] {  // nonce, ciphertext, tag
            body[index] ^= 1
            let tampered = WalletEnvelope.prefix + body.base64EncodedString()
            #expect(throws: EnvelopeError.authenticationFailed, "byte \(index)") {
                try WalletEnvelope.open(tampered, encryptionKey: Self.key)
            }
            body[index] ^= 1
        }
        // An empty sealed box (28 bytes of zeros) is well formed but not authentic.
        #expect(throws: EnvelopeError.authenticationFailed) {
            try WalletEnvelope.open("tandem1:" + Data(count: 28).base64EncodedString(), encryptionKey: Self.key)
        }
    }

    @Test("seal rejects a key that is not 32 bytes")
    func sealNeedsFullKey() {
        #expect(throws: CryptoFailure.self) { try WalletEnvelope.seal([1], encryptionKey: [1, 2, 3]) }
    }
}
