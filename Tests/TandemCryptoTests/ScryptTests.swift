import Testing
@testable import TandemCrypto

@Suite("scrypt")
struct ScryptTests {
    /// A vector of RFC 7914 §12 (the output is its 64 bytes).
    struct Vector: Sendable, CustomTestStringConvertible {
        let password: String
        let salt: String
        let log2N: Int
        let r: Int
        let p: Int
        let expected: String

        var testDescription: String { "N=2^\(log2N), r=\(r), p=\(p)" }
    }

    static let rfc7914 = [
        Vector(
            password: "", salt: "", log2N: 4, r: 1, p: 1,
            expected: "77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442"
                + "fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906"
        ),
        Vector(
            password: "password", salt: "NaCl", log2N: 10, r: 8, p: 16,
            expected: "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162"
                + "2eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640"
        ),
        Vector(
            password: "pleaseletmein", salt: "SodiumChloride", log2N: 14, r: 8, p: 1,
            expected: "7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2"
                + "d5432955613f0fcf62d49705242a9af9e61e85dc0d651e40dfcf017b45575887"
        ),
    ]

    static let rfc7914FullStrength = Vector(
        password: "pleaseletmein", salt: "SodiumChloride", log2N: 20, r: 8, p: 1,
        expected: "2101cb9b6a511aaeaddbbe09cf70f881ec568d574a2ffd4dabe5ee9820adaa47"
            + "8e56fd8f4ba5d09ffa1c6d927c40f4c337304049e8a952fbcbf45c6fa77a41a4"
    )

    private func derive(_ vector: Vector) throws -> [UInt8] {
        try KeyDerivation.scrypt(
            password: Array(vector.password.utf8),
            salt: Array(vector.salt.utf8),
            cost: KeyDerivation.Cost(log2N: vector.log2N, r: vector.r, p: vector.p),
            outputByteCount: 64
        )
    }

    private func deriveWithBoringSSL(_ vector: Vector) throws -> [UInt8] {
        try Scrypt.deriveWithBoringSSL(
            password: Array(vector.password.utf8),
            salt: Array(vector.salt.utf8),
            parameters: Scrypt.Parameters(log2N: vector.log2N, r: vector.r, p: vector.p, outputByteCount: 64)
        )
    }

    @Test("RFC 7914 vectors", arguments: rfc7914)
    func rfcVector(_ vector: Vector) throws {
        #expect(TestHex.string(try derive(vector)) == vector.expected)
    }

    @Test("BoringSSL agrees on the RFC 7914 vectors", arguments: rfc7914)
    func boringSSLAgrees(_ vector: Vector) throws {
        #expect(TestHex.string(try deriveWithBoringSSL(vector)) == vector.expected)
    }

    @Test("RFC 7914 vector at N = 2^20", .enabled(if: TestEnvironment.slowTestsEnabled))
    func rfcVectorFullStrength() throws {
        #expect(TestHex.string(try derive(Self.rfc7914FullStrength)) == Self.rfc7914FullStrength.expected)
    }

    @Test("Swift and BoringSSL agree on odd lengths, r and p")
    func agreesWithBoringSSL() throws {
        for (r, p, length) in [(1, 1, 1), (2, 3, 33), (3, 2, 97), (8, 1, 96)] {
            let password = Array("pässwörd 🔑".utf8)
            let salt = Array(0..<UInt8(20))
            let parameters = try Scrypt.Parameters(log2N: 6, r: r, p: p, outputByteCount: length)
            let swift = try Scrypt.derive(password: password, salt: salt, parameters: parameters)
            let boring = try Scrypt.deriveWithBoringSSL(password: password, salt: salt, parameters: parameters)
            #expect(swift == boring, "r=\(r) p=\(p) length=\(length)")
            #expect(swift.count == length)
        }
    }

    @Test("the first 64 bytes of a 96-byte derivation are the 64-byte derivation")
    func outputIsPrefixClosed() throws {
        let password = Array("correct horse battery staple".utf8)
        let salt = KeyDerivation.salt(email: "joe@example.com", clientSaltSeed: String(repeating: "0123456789abcdef", count: 4))
        let cost = KeyDerivation.Cost.reducedForTesting(log2N: 10)
        let long = try KeyDerivation.scrypt(password: password, salt: salt, cost: cost, outputByteCount: 96)
        let short = try KeyDerivation.scrypt(password: password, salt: salt, cost: cost, outputByteCount: 64)
        #expect(Array(long.prefix(64)) == short)
    }

    @Test("invalid parameters are rejected before any work")
    func invalidParameters() {
        let invalid: [(Int, Int, Int, Int)] = [
            (0, 8, 1, 32),  // N = 1
            (32, 8, 1, 32),  // N = 2^32
            (16, 1, 1, 32),  // N ≥ 2^(16·r)
            (10, 0, 1, 32),
            (10, 8, 0, 32),
            (10, 1 << 15, 1 << 15, 32),  // r·p ≥ 2^30
            (10, 1 << 12, 1 << 12, 32),  // B would need 2 GiB
            (10, 8, 1, 0),
        ]
        for (log2N, r, p, length) in invalid {
            #expect(throws: CryptoFailure.self, "ln=\(log2N) r=\(r) p=\(p) length=\(length)") {
                try KeyDerivation.scrypt(
                    password: [], salt: [], cost: KeyDerivation.Cost(log2N: log2N, r: r, p: p), outputByteCount: length
                )
            }
        }
    }

    @Test("checkpoints report increasing fractions ending at 1, 64 per lane")
    func checkpoints() throws {
        var fractions: [Double] = []
        _ = try Scrypt.derive(
            password: [1], salt: [2], parameters: Scrypt.Parameters(log2N: 10, r: 1, p: 2, outputByteCount: 32)
        ) { fractions.append($0) }
        #expect(fractions.count == 128)
        #expect(zip(fractions, fractions.dropFirst()).allSatisfy { $0 < $1 })
        #expect(fractions.last == 1)
    }

    @Test("a throwing checkpoint abandons the derivation")
    func checkpointCanAbort() throws {
        var calls = 0
        #expect(throws: CryptoFailure.cancelled) {
            try Scrypt.derive(
                password: [1], salt: [2], parameters: Scrypt.Parameters(log2N: 10, r: 1, p: 1, outputByteCount: 32)
            ) { (_) throws(CryptoFailure) in
                calls += 1
                throw .cancelled
            }
        }
        #expect(calls == 1)
    }
}
