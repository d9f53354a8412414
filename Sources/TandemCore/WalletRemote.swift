import Foundation
import TandemCrypto

/// The sync server as a device sees it: API v3 with sealed wallets only.
public protocol WalletRemote: Sendable {
    func signup(email: String, loginPassword: String, clientSaltSeed: String) async throws(RemoteError) -> SignupOutcome
    func clientSaltSeed(email: String) async throws(RemoteError) -> String
    func logIn(email: String, loginPassword: String, deviceID: String) async throws(RemoteError) -> String
    /// The stored wallet, or nil when the account has none yet.
    func wallet(token: String) async throws(RemoteError) -> SealedWallet?
    /// Compare-and-set: `.stale` when the server's sequence is not `wallet.sequence - 1`.
    func upload(_ wallet: SealedWallet, token: String) async throws(RemoteError) -> UploadOutcome
    func changePassword(email: String, oldLoginPassword: String, newLoginPassword: String, clientSaltSeed: String,
                        wallet: SealedWallet?) async throws(RemoteError) -> UploadOutcome
}

public enum SignupOutcome: Sendable, Equatable {
    case verified
    /// The server mailed a verification link; log in after following it.
    case verificationPending
}

public enum UploadOutcome: Sendable, Equatable {
    case accepted
    /// 409: someone else wrote first (or, for a password change, the wallet exists and must be sent).
    case stale
}

/// What went wrong talking to the server, in words a user can act on.
public enum RemoteError: Error, Equatable, CustomStringConvertible {
    /// The token no longer works: the password changed on another device, or the token expired.
    case unauthorized(String)
    case unreachable(String)
    case tls(String)
    case timedOut
    /// The server refused the request (4xx other than 401/409) with its own message.
    case refused(status: Int, message: String)
    /// A 5xx or an answer that does not follow the protocol.
    case unexpected(String)

    public var description: String {
        switch self {
        case .unauthorized(let message): "the server refused the credentials (\(message))"
        case .unreachable(let detail): "cannot reach the server: \(detail)"
        case .tls(let detail): "secure connection failed: \(detail)"
        case .timedOut: "the server did not answer in time"
        case let .refused(status, message): "the server refused the request (\(status)): \(message)"
        case .unexpected(let detail): "unexpected answer from the server: \(detail)"
        }
    }

    /// Whether retrying later may help (the device is offline or the server is having trouble).
    public var isTransient: Bool {
        switch self {
        case .unreachable, .timedOut, .unexpected: true
        case .unauthorized, .tls, .refused: false
        }
    }
}
