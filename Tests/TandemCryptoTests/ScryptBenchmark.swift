import Foundation
import Testing
@testable import TandemCrypto

/// Full-strength timing of the Swift scrypt against BoringSSL's.
///
/// `TANDEM_CRYPTO_BENCHMARK=1 swift test -c release --filter ScryptBenchmark`; compare with
/// `python3 -c 'import hashlib; hashlib.scrypt(b"p", salt=b"s", n=2**20, r=8, p=1, maxmem=2**31-1, dklen=96)'`.
@Suite("scrypt benchmark", .enabled(if: TestEnvironment.benchmarkEnabled), .serialized)
struct ScryptBenchmark {
    @Test("N = 2^20, r = 8, p = 1, 96 bytes: Swift vs BoringSSL")
    func fullStrength() throws {
        let parameters = try Scrypt.Parameters(log2N: 20, r: 8, p: 1, outputByteCount: 96)
        let password = Array("correct horse battery staple".utf8)
        let salt = Array("d32413dfa7bc7f64d05a243d21370754".utf8)
        let clock = ContinuousClock()
        var swiftOutput: [UInt8] = [], boringOutput: [UInt8] = []
        for round in 1...3 {
            let swift = try clock.measure {
                swiftOutput = try Scrypt.derive(password: password, salt: salt, parameters: parameters)
            }
            let boring = try clock.measure {
                boringOutput = try Scrypt.deriveWithBoringSSL(password: password, salt: salt, parameters: parameters)
            }
            print("scrypt benchmark round \(round): Swift \(swift), BoringSSL \(boring)")
        }
        #expect(swiftOutput == boringOutput)
    }
}
