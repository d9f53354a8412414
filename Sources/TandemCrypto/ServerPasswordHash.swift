/// How the server stores login passwords (PROTOCOL "Server-side password storage").
///
/// Hashes are self-describing PHC strings, `$scrypt$ln=15,r=8,p=1$<salt>$<key>` with unpadded
/// standard base64, so the cost can be raised later without invalidating stored hashes.
/// Both functions block for about 0.1 s at the standard cost: call them from a thread pool,
/// not from an event loop.
public enum ServerPasswordHash {
    /// Bytes of random salt per account.
    static let saltByteCount = 16
    /// Bytes of scrypt output stored.
    static let keyByteCount = 32

    /// Hashes `password` (UTF-8) under a fresh random salt.
    public static func make(password: String, cost: Cost = .standard) throws(CryptoFailure) -> String {
        let salt = SecureRandom.bytes(count: saltByteCount)
        let key = try derive(password: password, cost: cost, salt: salt, keyByteCount: keyByteCount)
        return try Encoded(cost: cost, salt: salt, key: key).description
    }

    /// Whether `password` matches `encoded`, comparing the key bytes in constant time.
    ///
    /// Returns false for a wrong password; throws `malformedPasswordHash` when `encoded` is not a
    /// hash this type could have written (including absurd costs, so a corrupt row cannot make
    /// the server allocate gigabytes).
    public static func verify(password: String, against encoded: String) throws(CryptoFailure) -> Bool {
        guard let hash = Encoded(parsing: encoded) else { throw .malformedPasswordHash }
        let key = try derive(password: password, cost: hash.cost, salt: hash.salt, keyByteCount: hash.key.count)
        return ConstantTime.equals(key, hash.key)
    }

    /// scrypt via BoringSSL: the server needs no progress reports, so it uses the vetted C code.
    private static func derive(
        password: String,
        cost: Cost,
        salt: [UInt8],
        keyByteCount: Int
    ) throws(CryptoFailure) -> [UInt8] {
        guard cost.isAcceptable else {
            throw .invalidParameters("password hash cost ln=\(cost.log2N),r=\(cost.r),p=\(cost.p) is out of range")
        }
        let parameters = try Scrypt.Parameters(log2N: cost.log2N, r: cost.r, p: cost.p, outputByteCount: keyByteCount)
        return try Scrypt.deriveWithBoringSSL(password: Array(password.utf8), salt: salt, parameters: parameters)
    }
}
