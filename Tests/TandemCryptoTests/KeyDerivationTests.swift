import Testing
@testable import TandemCrypto

@Suite("KeyDerivation")
struct KeyDerivationTests {
    static let email = "joe@example.com"
    static let seed = String(repeating: "0123456789abcdef", count: 4)
    static let reduced = KeyDerivation.Cost.reducedForTesting(log2N: 10)

    // python3 -c 'import hashlib; print(hashlib.sha256(b"joe@example.com:" + b"0123456789abcdef"*4).hexdigest()[:32])'
    static let goldenSalt = "d32413dfa7bc7f64d05a243d21370754"

    // python3 -c 'import hashlib; print(hashlib.scrypt(b"correct horse battery staple",
    //     salt=b"d32413dfa7bc7f64d05a243d21370754", n=2**10, r=8, p=1, dklen=96).hex())'
    static let goldenDerivation = "9dc16a623fbe51ed7f722959b86415fc59f5b5e3eb4a32e0612552b3acd79e7c"
        + "aa7c9ab366b914e2db7aeb473e8d920f6e23ca01274f5e75aa3a261bbb80e82a"
        + "ab0d92f6b6ef53f20880030fdbae9eb44c4fd93f58e147f9d7362318ef6976d0"

    // python3 -c 'import hashlib; print(hashlib.scrypt("pässwörd 🔑".encode(),
    //     salt=b"d32413dfa7bc7f64d05a243d21370754", n=2**10, r=8, p=1, dklen=96).hex())'
    static let goldenUnicodeDerivation = "34c499d96c2ef0f847d64b1850904451c77f11871073c2b283c3514bc60a5c6b"
        + "bfb4d40804c68c22e15cf6e2101c04302d217dc59478eabc25b98d9cfd71482b"
        + "045a8fc6096c24dd2f0b9dcd4e68ef4e8377f6523f29915d0a53c0ce077a18b2"

    @Test("salt is the first 32 hex characters of SHA-256(email:seed), as ASCII")
    func saltGolden() {
        let salt = KeyDerivation.salt(email: Self.email, clientSaltSeed: Self.seed)
        #expect(salt == Array(Self.goldenSalt.utf8))
    }

    @Test("96-byte derivation matches Python's hashlib.scrypt")
    func derivationGolden() throws {
        let salt = KeyDerivation.salt(email: Self.email, clientSaltSeed: Self.seed)
        let ascii = try KeyDerivation.scrypt(
            password: Array("correct horse battery staple".utf8), salt: salt, cost: Self.reduced, outputByteCount: 96
        )
        #expect(TestHex.string(ascii) == Self.goldenDerivation)
        let unicode = try KeyDerivation.scrypt(
            password: Array("pässwörd 🔑".utf8), salt: salt, cost: Self.reduced, outputByteCount: 96
        )
        #expect(TestHex.string(unicode) == Self.goldenUnicodeDerivation)
    }

    @Test("deriveKeys splits the golden derivation and reports progress")
    func deriveKeys() async throws {
        let events = Recorder<KeyDerivation.Progress>()
        let keys = try await KeyDerivation.deriveKeys(
            password: "correct horse battery staple", email: Self.email, clientSaltSeed: Self.seed,
            cost: Self.reduced, progress: { events.append($0) }
        )
        #expect(keys == DerivedKeys(derivedBytes: TestHex.bytes(Self.goldenDerivation)))
        // python3 -c 'import base64; print(base64.b64encode(bytes.fromhex("9dc16a62...79e7c")).decode())'
        #expect(keys.loginPassword == "ncFqYj++Ue1/cilZuGQV/Fn1tePrSjLgYSVSs6zXnnw=")

        let recorded = events.values
        #expect(recorded.first == .started)
        #expect(recorded.last == .finished)
        let fractions = recorded.compactMap { event -> Double? in
            if case .fraction(let value) = event { value } else { nil }
        }
        #expect(fractions.count == 64)
        #expect(zip(fractions, fractions.dropFirst()).allSatisfy { $0 < $1 })
        #expect(fractions.allSatisfy { (0...1).contains($0) })
        #expect(fractions.last == 1)
        #expect(recorded.count == fractions.count + 2)
    }

    @Test("a task cancelled before it starts derives nothing")
    func cancelledBeforeStart() async {
        let task = Task {
            try await KeyDerivation.deriveKeys(
                password: "x", email: Self.email, clientSaltSeed: Self.seed,
                cost: .reducedForTesting(log2N: 16)
            )
        }
        task.cancel()
        let result = await task.result
        #expect(throws: CryptoFailure.cancelled) { try result.get() }
    }

    @Test("cancelling the awaiting task stops the derivation at the next progress step")
    func cancelledWhileRunning() async {
        let (events, continuation) = AsyncStream.makeStream(of: KeyDerivation.Progress.self)
        let task = Task {
            try await KeyDerivation.deriveKeys(
                password: "x", email: Self.email, clientSaltSeed: Self.seed,
                cost: .reducedForTesting(log2N: 18), progress: { continuation.yield($0) }
            )
        }
        for await event in events {
            if case .fraction = event { break }
        }
        task.cancel()
        let result = await task.result
        #expect(throws: CryptoFailure.cancelled) { try result.get() }
    }

    @Test("the standard cost is the protocol's N = 2^20, r = 8, p = 1")
    func standardCost() {
        #expect(KeyDerivation.Cost.standard == KeyDerivation.Cost(log2N: 20, r: 8, p: 1))
        #expect(KeyDerivation.Cost.reducedForTesting(log2N: 12) == KeyDerivation.Cost(log2N: 12, r: 8, p: 1))
    }

    @Test("full-strength deriveKeys matches Python", .enabled(if: TestEnvironment.slowTestsEnabled))
    func fullStrength() async throws {
        // python3 -c 'import hashlib; print(hashlib.scrypt(b"correct horse battery staple",
        //     salt=b"d32413dfa7bc7f64d05a243d21370754", n=2**20, r=8, p=1, maxmem=2**31-1, dklen=96).hex())'
        let keys = try await KeyDerivation.deriveKeys(
            password: "correct horse battery staple", email: Self.email, clientSaltSeed: Self.seed
        )
        #expect(keys == DerivedKeys(derivedBytes: TestHex.bytes(Self.goldenFullStrength)))
    }

    static let goldenFullStrength = "31a95b6fd08641336c0f4b27f9e442b4b4d4a7c916d8f0c1925a6798f50cb5bf"
        + "e7fb86f1e3c402828aadf2d603569a3fcc43cb246707b84f9e4800024b91d198"
        + "12e3d5013217cadf149700a6ea8a155b090169d61dc646fe693ab7821496cf45"
}
