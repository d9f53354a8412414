extension ServerPasswordHash {
    /// scrypt cost of a stored password hash: N = 2^log2N, block size r, parallelism p.
    public struct Cost: Sendable, Hashable {
        /// Base-2 logarithm of the CPU/memory cost N.
        public let log2N: Int
        /// Block size.
        public let r: Int
        /// Parallelism.
        public let p: Int

        /// The protocol's cost: N = 2^15, r = 8, p = 1 (32 MiB, about 0.1 s).
        public static let standard = Cost(log2N: 15, r: 8, p: 1)

        /// A cheaper (or, up to 2^20, dearer) cost for tests only.
        public static func reducedForTesting(log2N: Int) -> Cost {
            precondition((10...20).contains(log2N), "test scrypt cost must have log2N in 10...20")
            return Cost(log2N: log2N, r: 8, p: 1)
        }

        /// Any parameters; internal so that only parsing and tests reach unusual costs.
        init(log2N: Int, r: Int, p: Int) {
            self.log2N = log2N
            self.r = r
            self.p = p
        }

        /// Whether hashing at this cost is reasonable: V at most 1 GiB, r ≤ 16 (beyond that
        /// BoringSSL's memory limit, computed by swift-crypto, refuses p = 1) and p ≤ 16.
        var isAcceptable: Bool {
            (1...23).contains(log2N) && (1...16).contains(r) && (1...16).contains(p)
                && (128 * r) << log2N <= 1 << 30
        }
    }
}
