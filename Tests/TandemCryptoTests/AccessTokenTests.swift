import Testing
import TandemCrypto

@Suite("AccessToken and SaltSeed")
struct AccessTokenTests {
    private static func isLowercaseHex(_ text: String, count: Int) -> Bool {
        text.utf8.count == count && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }

    @Test("tokens are 64 lowercase hex characters and differ each time")
    func tokenFormat() {
        let tokens = (0..<8).map { _ in AccessToken.generate() }
        #expect(tokens.allSatisfy { Self.isLowercaseHex($0, count: 64) })
        #expect(Set(tokens).count == tokens.count)
    }

    @Test("digest is lowercase hex SHA-256 of the UTF-8 token")
    func digestGolden() {
        // python3 -c 'import hashlib; print(hashlib.sha256(b"0123456789abcdef"*4).hexdigest())'
        #expect(
            AccessToken.digest(String(repeating: "0123456789abcdef", count: 4))
                == "a8ae6e6ee929abea3afcfc5258c8ccd6f85273e0d4626d26c7279f3250f77c8e"
        )
        // python3 -c 'import hashlib; print(hashlib.sha256(b"").hexdigest())'
        #expect(AccessToken.digest("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Self.isLowercaseHex(AccessToken.digest(AccessToken.generate()), count: 64))
    }

    @Test("salt seeds are 64 lowercase hex characters and differ each time")
    func saltSeedFormat() {
        let seeds = (0..<8).map { _ in SaltSeed.generate() }
        #expect(seeds.allSatisfy { Self.isLowercaseHex($0, count: 64) })
        #expect(Set(seeds).count == seeds.count)
    }
}
