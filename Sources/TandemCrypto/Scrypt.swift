import Crypto
import _CryptoExtras

/// scrypt (RFC 7914) implemented in Swift so a long derivation can report progress and be cancelled.
///
/// The outer PBKDF2-HMAC-SHA256 steps use swift-crypto's HMAC; ROMix, BlockMix and Salsa20/8
/// run over raw 32-bit words (see `Salsa20Core`). The output is byte-for-byte that of
/// BoringSSL's `EVP_PBE_scrypt` (`deriveWithBoringSSL`), which the tests check.
enum Scrypt {
    /// Checked scrypt parameters: N = 2^log2N, block size r, parallelism p, output length.
    struct Parameters: Sendable, Hashable {
        let log2N: Int
        let r: Int
        let p: Int
        let outputByteCount: Int

        /// Largest r·p accepted.
        static let maximumBlockProduct = 1 << 23

        /// Checks the bounds of RFC 7914 §2 plus those BoringSSL enforces (N < 2^32, r·p < 2^30).
        init(log2N: Int, r: Int, p: Int, outputByteCount: Int) throws(CryptoFailure) {
            guard (1...31).contains(log2N) else {
                throw .invalidParameters("log2N must be in 1...31, got \(log2N)")
            }
            // RFC 7914 allows r·p < 2^30; B (128·r·p bytes) is held in memory, so cap it at 1 GiB.
            guard r >= 1, p >= 1, r <= Self.maximumBlockProduct / p else {
                throw .invalidParameters("r and p must be positive with r·p ≤ 2^23, got r=\(r), p=\(p)")
            }
            // RFC 7914: N < 2^(128·r/8).
            guard log2N < 16 * r else {
                throw .invalidParameters("N = 2^\(log2N) must be below 2^(16·r) for r=\(r)")
            }
            guard (1...(Int(UInt32.max) * 32)).contains(outputByteCount) else {
                throw .invalidParameters("output length must be in 1...(2^32 - 1)·32, got \(outputByteCount)")
            }
            self.log2N = log2N
            self.r = r
            self.p = p
            self.outputByteCount = outputByteCount
        }

        /// The CPU/memory cost N.
        var n: Int { 1 << log2N }
    }

    /// Derives `parameters.outputByteCount` bytes, calling `checkpoint` with the fraction done
    /// (0 < f ≤ 1) 64 times per lane (fewer for tiny N); `checkpoint` may throw to abandon the work.
    static func derive(
        password: [UInt8],
        salt: [UInt8],
        parameters: Parameters,
        checkpoint: (Double) throws(CryptoFailure) -> Void = { _ in }
    ) throws(CryptoFailure) -> [UInt8] {
        let r = parameters.r, p = parameters.p, n = parameters.n
        let wordsPerLane = 32 * r
        let (vWordCount, overflow) = n.multipliedReportingOverflow(by: wordsPerLane)
        guard !overflow else { throw .insufficientMemory(byteCount: .max) }

        // 1. B = PBKDF2-HMAC-SHA256(P, S, 1, p·128·r), read as little-endian words.
        var lanes = wordsFromLittleEndian(pbkdf2HMACSHA256(password: password, salt: salt, byteCount: p * 128 * r))
        defer { lanes.withUnsafeMutableBufferPointer { $0.update(repeating: 0) } }

        // 2. B_i = ROMix(B_i) for every lane, one lane after the other, reusing V.
        let vector = try LargeWordBuffer(count: vWordCount)
        defer { vector.deallocate() }
        let scratch = UnsafeMutablePointer<UInt32>.allocate(capacity: 2 * wordsPerLane)
        defer {
            scratch.update(repeating: 0, count: 2 * wordsPerLane)
            scratch.deallocate()
        }
        // A checkpoint every `interval` BlockMix calls: 32 per loop, 64 per lane.
        let interval = max(2, n / 32)
        let totalSteps = Double(2 * n * p)
        var stepsDone = 0
        try lanes.withUnsafeMutableBufferPointer { (laneWords) throws(CryptoFailure) in
            for lane in 0..<p {
                let block = laneWords.baseAddress! + lane * wordsPerLane
                try romix(
                    block, r: r, n: n, v: vector.base, x: scratch, y: scratch + wordsPerLane,
                    interval: interval
                ) { (steps) throws(CryptoFailure) in
                    stepsDone += steps
                    try checkpoint(Double(stepsDone) / totalSteps)
                }
            }
        }

        // 3. DK = PBKDF2-HMAC-SHA256(P, B, 1, dkLen).
        var mixed = littleEndianBytes(lanes)
        defer { mixed.withUnsafeMutableBufferPointer { $0.update(repeating: 0) } }
        return pbkdf2HMACSHA256(password: password, salt: mixed, byteCount: parameters.outputByteCount)
    }

    /// The same function computed by BoringSSL (`EVP_PBE_scrypt` via swift-crypto): one opaque call.
    static func deriveWithBoringSSL(password: [UInt8], salt: [UInt8], parameters: Parameters) throws(CryptoFailure) -> [UInt8] {
        do {
            let key = try KDF.Scrypt.deriveKey(
                from: password, salt: salt, outputByteCount: parameters.outputByteCount,
                rounds: parameters.n, blockSize: parameters.r, parallelism: parameters.p
            )
            return key.withUnsafeBytes { Array($0) }
        } catch {
            throw .underlying("scrypt: \(error)")
        }
    }

    /// ROMix (RFC 7914 §5) on one lane of 32·r words, in place.
    @inline(__always)
    private static func romix(
        _ block: UnsafeMutablePointer<UInt32>,
        r: Int, n: Int,
        v: UnsafeMutablePointer<UInt32>,
        x: UnsafeMutablePointer<UInt32>,
        y: UnsafeMutablePointer<UInt32>,
        interval: Int,
        progress: (Int) throws(CryptoFailure) -> Void
    ) throws(CryptoFailure) {
        let words = 32 * r
        // V_0 = B, V_i = BlockMix(V_{i-1}); X = BlockMix(V_{N-1}). Mixing from one V slot
        // straight into the next saves copying X into V on every step.
        v.update(from: block, count: words)
        for step in 1...n {
            let target = step < n ? v + step * words : x
            Salsa20Core.blockMix(v + (step - 1) * words, into: target, r: r)
            if step & (interval - 1) == 0 { try progress(interval) }
        }
        // X = BlockMix(X ⊕ V_j), j = Integerify(X) mod N, two steps at a time so X ends in x.
        let mask = UInt32(truncatingIfNeeded: n - 1)
        let last = (2 * r - 1) * 16
        for step in stride(from: 2, through: n, by: 2) {
            var j = Int(x[last] & mask)
            Salsa20Core.blockMix(x, xoring: v + j * words, into: y, r: r)
            j = Int(y[last] & mask)
            Salsa20Core.blockMix(y, xoring: v + j * words, into: x, r: r)
            if step & (interval - 1) == 0 { try progress(interval) }
        }
        block.update(from: x, count: words)
    }

    /// PBKDF2-HMAC-SHA256 with a single iteration, which is all scrypt uses.
    static func pbkdf2HMACSHA256(password: [UInt8], salt: [UInt8], byteCount: Int) -> [UInt8] {
        var keyed = HMAC<SHA256>(key: SymmetricKey(data: password))
        keyed.update(data: salt)
        var output: [UInt8] = []
        output.reserveCapacity(byteCount)
        var blockIndex: UInt32 = 1
        while output.count < byteCount {
            var mac = keyed
            withUnsafeBytes(of: blockIndex.bigEndian) { mac.update(data: $0) }
            let block = mac.finalize()
            block.withUnsafeBytes { output.append(contentsOf: $0.prefix(byteCount - output.count)) }
            blockIndex += 1
        }
        return output
    }

    private static func wordsFromLittleEndian(_ bytes: [UInt8]) -> [UInt32] {
        stride(from: 0, to: bytes.count, by: 4).map { offset in
            UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8
                | UInt32(bytes[offset + 2]) << 16 | UInt32(bytes[offset + 3]) << 24
        }
    }

    private static func littleEndianBytes(_ words: [UInt32]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(words.count * 4)
        for word in words {
            bytes.append(UInt8(truncatingIfNeeded: word))
            bytes.append(UInt8(truncatingIfNeeded: word >> 8))
            bytes.append(UInt8(truncatingIfNeeded: word >> 16))
            bytes.append(UInt8(truncatingIfNeeded: word >> 24))
        }
        return bytes
    }
}
