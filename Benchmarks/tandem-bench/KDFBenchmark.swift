import Foundation
import TandemCrypto

/// Full-strength client key derivation (scrypt N=2^20, r=8, p=1, 96 bytes), ours against OpenSSL's via Python.
struct KDFBenchmark {
    let runs: Int

    func run() throws {
        let salt = KeyDerivation.salt(email: "joe@example.com", clientSaltSeed: String(repeating: "ab", count: 32))
        var ours: [Double] = []
        for _ in 0..<runs {
            let start = monotonicNanoseconds()
            _ = try KeyDerivation.scrypt(password: Array("correct horse".utf8), salt: salt, cost: .standard, outputByteCount: 96)
            ours.append(Double(monotonicNanoseconds() - start) / 1e9)
        }
        let saltText = String(decoding: salt, as: UTF8.self)
        let script = """
        import hashlib, time
        times = []
        for _ in range(\(runs)):
            t = time.perf_counter()
            hashlib.scrypt(b"correct horse", salt=b"\(saltText)", n=2**20, r=8, p=1, maxmem=2**31 - 1, dklen=96)
            times.append(time.perf_counter() - t)
        print(sorted(times)[len(times) // 2])
        """
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", "-c", script]
        let output = Pipe()
        python.standardOutput = output
        try python.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        python.waitUntilExit()
        let ourMedian = ours.sorted()[ours.count / 2]
        print(String(format: "scrypt N=2^20 r=8 p=1 → 96 bytes, median of %d: Tandem %.2f s", runs, ourMedian))
        if let openSSL = Double(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
            print(String(format: "OpenSSL (Python hashlib) %.2f s; ratio Tandem/OpenSSL %.2f", openSSL, ourMedian / openSSL))
        } else {
            print("Python's hashlib.scrypt did not run: \(text)")
        }
    }
}
