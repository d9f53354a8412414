/// Why a TandemCrypto operation could not run (as opposed to a check that simply failed).
public enum CryptoFailure: Error, Equatable, Sendable, CustomStringConvertible {
    /// A parameter is out of range, e.g. an scrypt cost or a key of the wrong length.
    case invalidParameters(String)
    /// A stored server password hash is not a well-formed `$scrypt$...` string.
    case malformedPasswordHash
    /// The memory scrypt needs (1 GiB at full strength) could not be allocated.
    case insufficientMemory(byteCount: Int)
    /// The task awaiting a key derivation was cancelled before it finished.
    case cancelled
    /// swift-crypto (BoringSSL) reported an error.
    case underlying(String)

    /// A human-readable explanation, safe to log (it never contains secrets).
    public var description: String {
        switch self {
        case .invalidParameters(let detail):
            "invalid cryptographic parameters: \(detail)"
        case .malformedPasswordHash:
            "malformed password hash: expected $scrypt$ln=<log2 N>,r=<r>,p=<p>$<salt>$<key>"
        case .insufficientMemory(let byteCount):
            "could not allocate \(byteCount) bytes for scrypt"
        case .cancelled:
            "key derivation cancelled"
        case .underlying(let detail):
            "cryptography library error: \(detail)"
        }
    }
}
