import Foundation
import Testing
import TandemCrypto

@Suite("DerivedKeys")
struct DerivedKeysTests {
    @Test("96 bytes split into base64 login password, HMAC key and encryption key")
    func split() {
        let bytes = (0..<96).map { UInt8($0) }
        let keys = DerivedKeys(derivedBytes: bytes)
        // python3 -c 'import base64; print(base64.b64encode(bytes(range(32))).decode())'
        #expect(keys.loginPassword == "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=")
        #expect(keys.hmacKey == Array(bytes[32..<64]))
        #expect(keys.encryptionKey == Array(bytes[64..<96]))
    }

    @Test("descriptions never show key material")
    func redacted() {
        let keys = DerivedKeys(derivedBytes: [UInt8](repeating: 0xab, count: 96))
        #expect(!"\(keys)".contains(keys.loginPassword))
        #expect(!String(reflecting: keys).contains("171"))
    }

    @Test("Codable round trip")
    func codable() throws {
        let keys = DerivedKeys(derivedBytes: (0..<96).map { UInt8(255 - $0) })
        let decoded = try JSONDecoder().decode(DerivedKeys.self, from: JSONEncoder().encode(keys))
        #expect(decoded == keys)
    }
}
