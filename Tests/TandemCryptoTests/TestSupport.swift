import Foundation
@testable import TandemCrypto

/// Hex helpers for readable golden values.
enum TestHex {
    static func bytes(_ hex: String) -> [UInt8] {
        guard let bytes = Hex.decode(hex) else { fatalError("bad hex in test: \(hex)") }
        return bytes
    }

    static func string(_ bytes: [UInt8]) -> String { Hex.encode(bytes) }
}

/// Collects values from `@Sendable` callbacks running on other threads.
final class Recorder<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [Value] = []

    func append(_ value: Value) { lock.withLock { storage.append(value) } }

    var values: [Value] { lock.withLock { storage } }
}

/// Environment switches for tests too slow for a debug build.
enum TestEnvironment {
    /// `TANDEM_CRYPTO_SLOW_TESTS=1` enables full-strength (N = 2^20) checks; run them with `-c release`.
    static var slowTestsEnabled: Bool { ProcessInfo.processInfo.environment["TANDEM_CRYPTO_SLOW_TESTS"] == "1" }

    /// `TANDEM_CRYPTO_BENCHMARK=1` enables the timing comparison of the Swift and BoringSSL scrypt.
    static var benchmarkEnabled: Bool { ProcessInfo.processInfo.environment["TANDEM_CRYPTO_BENCHMARK"] == "1" }
}
