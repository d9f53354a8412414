/// Cryptographically secure random bytes.
enum SecureRandom {
    /// Returns `count` bytes from the system CSPRNG.
    ///
    /// `SystemRandomNumberGenerator` is documented as cryptographically secure on every
    /// platform Swift supports (getrandom(2) on Linux, arc4random_buf on Apple platforms).
    static func bytes(count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        while bytes.count < count {
            var word = generator.next()
            for _ in 0..<min(8, count - bytes.count) {
                bytes.append(UInt8(truncatingIfNeeded: word))
                word >>= 8
            }
        }
        return bytes
    }
}
