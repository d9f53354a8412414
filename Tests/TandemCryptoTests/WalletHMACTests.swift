import Testing
import TandemCrypto

@Suite("WalletHMAC")
struct WalletHMACTests {
    static let key = (0..<32).map { UInt8($0) }
    static let wallet = "tandem1:AAAA"
    // python3 -c 'import hmac, hashlib; print(hmac.new(bytes(range(32)), b"7:tandem1:AAAA", hashlib.sha256).hexdigest())'
    static let golden = "aa62382a66213db357be6a0bf77c80ea57b0cac915b2b6d42628d819a36a0404"

    @Test("sign matches Python's hmac")
    func golden() {
        #expect(WalletHMAC.sign(sequence: 7, encryptedWallet: Self.wallet, hmacKey: Self.key) == Self.golden)
    }

    @Test("isValid accepts the right HMAC, also in upper case")
    func valid() {
        #expect(WalletHMAC.isValid(Self.golden, sequence: 7, encryptedWallet: Self.wallet, hmacKey: Self.key))
        #expect(WalletHMAC.isValid(Self.golden.uppercased(), sequence: 7, encryptedWallet: Self.wallet, hmacKey: Self.key))
    }

    @Test("isValid rejects any other sequence, wallet, key or HMAC")
    func invalid() {
        var otherKey = Self.key
        otherKey[0] ^= 1
        #expect(!WalletHMAC.isValid(Self.golden, sequence: 8, encryptedWallet: Self.wallet, hmacKey: Self.key))
        #expect(!WalletHMAC.isValid(Self.golden, sequence: 7, encryptedWallet: Self.wallet + "=", hmacKey: Self.key))
        #expect(!WalletHMAC.isValid(Self.golden, sequence: 7, encryptedWallet: Self.wallet, hmacKey: otherKey))
        let flipped = String(Self.golden.dropLast()) + "5"
        for hmac in [flipped, String(Self.golden.dropLast(2)), "", "zz" + Self.golden.dropFirst(2), Self.golden + "00"] {
            #expect(!WalletHMAC.isValid(hmac, sequence: 7, encryptedWallet: Self.wallet, hmacKey: Self.key), "\(hmac)")
        }
    }
}
