/// Why an encrypted wallet could not be opened.
public enum EnvelopeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The blob lacks the `tandem1:` prefix: another client wrote it; show it, never overwrite it silently.
    case foreignWallet
    /// The prefix is there but the rest is not base64 of at least nonce ‖ tag (28 bytes).
    case malformed
    /// Wrong key or tampered ciphertext: the Poly1305 tag does not match.
    case authenticationFailed

    /// A human-readable explanation, safe to log.
    public var description: String {
        switch self {
        case .foreignWallet: "wallet was not written by Tandem (no \"\(WalletEnvelope.prefix)\" prefix)"
        case .malformed: "wallet envelope is malformed (bad base64 or too short)"
        case .authenticationFailed: "wallet could not be authenticated (wrong key or tampered data)"
        }
    }
}
