extension KeyDerivation {
    /// scrypt cost of the client derivation: N = 2^log2N, block size r, parallelism p.
    public struct Cost: Sendable, Hashable {
        /// Base-2 logarithm of the CPU/memory cost N.
        public let log2N: Int
        /// Block size.
        public let r: Int
        /// Parallelism.
        public let p: Int

        /// What every shipped client uses: N = 2^20, r = 8, p = 1 (1 GiB, about 3.5 s).
        public static let standard = Cost(log2N: 20, r: 8, p: 1)

        /// A cheaper cost for tests only; the protocol forbids N below 2^10.
        public static func reducedForTesting(log2N: Int) -> Cost {
            precondition((10...20).contains(log2N), "reduced scrypt cost must have log2N in 10...20")
            return Cost(log2N: log2N, r: 8, p: 1)
        }

        /// Any parameters, unchecked until used; internal so shipped code cannot pick a weak cost.
        init(log2N: Int, r: Int, p: Int) {
            self.log2N = log2N
            self.r = r
            self.p = p
        }
    }
}
