import Crypto

/// Client-side derivation of `DerivedKeys` from the root password (PROTOCOL "Client cryptography").
public enum KeyDerivation {
    /// How far a running `deriveKeys` call has got.
    public enum Progress: Sendable, Equatable {
        /// The derivation has begun on its thread.
        case started
        /// Fraction of the scrypt work done: increasing, above 0, and 1 at the last report.
        case fraction(Double)
        /// The keys are ready.
        case finished
    }

    /// The scrypt salt: the first 32 hex characters of SHA-256(UTF-8(email + ":" + clientSaltSeed)), as ASCII bytes.
    public static func salt(email: String, clientSaltSeed: String) -> [UInt8] {
        let digest = SHA256.hash(data: Array("\(email):\(clientSaltSeed)".utf8))
        return Array(Hex.encode(digest).utf8.prefix(32))
    }

    /// scrypt (RFC 7914) of `password` and `salt`; the same bytes as BoringSSL, OpenSSL or Python's `hashlib.scrypt`.
    ///
    /// Runs on the calling thread and blocks it (about 3.5 s and 1 GiB at the standard cost).
    public static func scrypt(
        password: [UInt8],
        salt: [UInt8],
        cost: Cost,
        outputByteCount: Int
    ) throws(CryptoFailure) -> [UInt8] {
        let parameters = try Scrypt.Parameters(
            log2N: cost.log2N, r: cost.r, p: cost.p, outputByteCount: outputByteCount
        )
        return try Scrypt.derive(password: password, salt: salt, parameters: parameters)
    }

    /// Derives the login password, HMAC key and encryption key on a dedicated thread, reporting progress.
    ///
    /// scrypt blocks for seconds, so it runs on its own `Thread` rather than tying up a thread of
    /// Swift's cooperative pool. `progress` is called on that thread (`.started`, about 64
    /// `.fraction`s, `.finished`); hop to your own actor to update a UI. Cancelling the awaiting
    /// task stops the work at the next progress step and throws `CryptoFailure.cancelled`.
    public static func deriveKeys(
        password: String,
        email: String,
        clientSaltSeed: String,
        cost: Cost = .standard,
        progress: @escaping @Sendable (Progress) -> Void = { _ in }
    ) async throws(CryptoFailure) -> DerivedKeys {
        let parameters = try Scrypt.Parameters(
            log2N: cost.log2N, r: cost.r, p: cost.p, outputByteCount: DerivedKeys.derivedByteCount
        )
        if Task.isCancelled { throw .cancelled }
        let password = Array(password.utf8)
        let salt = salt(email: email, clientSaltSeed: clientSaltSeed)
        let result = await DedicatedThread.run(name: "TandemCrypto.deriveKeys") { (isCancelled) throws(CryptoFailure) in
            progress(.started)
            let bytes = try Scrypt.derive(password: password, salt: salt, parameters: parameters) {
                (fraction) throws(CryptoFailure) in
                if isCancelled() { throw .cancelled }
                progress(.fraction(fraction))
            }
            let keys = DerivedKeys(derivedBytes: bytes)
            progress(.finished)
            return keys
        }
        return try result.get()
    }
}
