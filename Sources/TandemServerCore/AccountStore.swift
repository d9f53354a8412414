import Foundation
import TandemWire

/// The server's numeric account id (`userId` on the wire).
public typealias AccountID = Int64

/// Storage of accounts, device tokens and wallets.
///
/// Every method is one atomic domain operation. Backends must guarantee, under any concurrency (many tasks,
/// and for shared databases many processes):
/// - `createAccount` succeeds at most once per lower-cased email.
/// - `replaceWallet` is a compare-and-set: of any number of concurrent writers of the same sequence exactly one
///   gets `.replaced`; a write whose precondition does not hold changes nothing.
/// - `changePassword` is one transaction: hash, salt seed, wallet and the deletion of every token commit together
///   or not at all, and the account's generation moves on.
/// - `issueToken` and `replaceWallet` take the generation the caller authenticated under and refuse once it moved,
///   so nothing authorised by an old password can land after a password change.
/// - Writes never fail because another write holds the database: they wait their turn.
/// Expected outcomes are returned as enum cases; thrown errors mean the backend itself failed.
public protocol AccountStore: Sendable {
    func createAccount(_ account: NewAccount) async throws -> CreateAccountOutcome
    /// The account whose lower-cased email is `emailKey`.
    func account(emailKey: String) async throws -> AccountRecord?
    /// Stores `grant` as the device's only token, replacing any earlier one, if the account is still at `grant.generation`.
    func issueToken(_ grant: TokenGrant) async throws -> IssueTokenOutcome
    /// The owner of a token that exists, has not expired at `now` and was issued under the current generation.
    func tokenOwner(digest: String, now: Date) async throws -> TokenOwner?
    func wallet(of account: AccountID) async throws -> WalletPayload?
    /// The owner of a live token together with the owner's wallet (nil inside when there is none yet) and when the
    /// token expires: the hot path of `GET /wallet` (and what fills the token cache), in one query where possible.
    func wallet(forTokenDigest digest: String, now: Date) async throws -> TokenWallet?
    /// Stores `wallet` if the stored wallet's sequence is `previous` (0: no wallet yet) and the account is at `generation`.
    func replaceWallet(_ wallet: WalletPayload, of account: AccountID, ifSequenceIs previous: UInt32,
                       generation: Int64) async throws -> WalletWriteOutcome
    func changePassword(_ change: PasswordChange) async throws -> PasswordChangeOutcome
    /// Records a fresh verification link for an account, replacing any earlier one.
    func setVerificationTicket(_ ticket: VerificationTicket, for account: AccountID) async throws
    /// Marks the account holding this unexpired ticket as verified and forgets the ticket.
    func verifyAccount(ticketDigest: String, now: Date) async throws -> VerifyOutcome

    // Devices and account deletion (types in AccountStore+Devices.swift).
    /// The account's devices with a live token (unexpired, current generation), oldest first.
    func devices(of account: AccountID, now: Date) async throws -> [DeviceRecord]
    /// Moves the token's `lastSeenAt` on to `minute` if it is earlier; nothing for an unknown token.
    func recordActivity(tokenDigest: String, minute: Date) async throws
    /// Deletes the device's token, if live; its sockets are told (`AccountEvent.deviceRevoked`) by relaying backends.
    func revokeDevice(_ deviceID: String, of account: AccountID, now: Date) async throws -> RevokeDeviceOutcome
    /// Deletes one live token (a log-out).
    func revokeToken(digest: String, now: Date) async throws -> RevokeTokenOutcome
    /// One transaction: the account, its wallet, every token and any pending verification go, if the account is
    /// still at `generation`; the email is free for a new signup afterwards. A wallet write or log-in racing it either
    /// lands before (and is deleted with it) or is refused.
    func deleteAccount(_ account: AccountID, generation: Int64) async throws -> DeleteAccountOutcome
}

/// An account as stored.
public struct AccountRecord: Sendable, Equatable {
    public var id: AccountID
    /// The address exactly as given at signup.
    public var email: String
    public var passwordHash: String
    public var clientSaltSeed: String
    public var verified: Bool
    /// Moves on at every password change; tokens and wallet writes carry the generation they were authorised under.
    public var generation: Int64

    public init(id: AccountID, email: String, passwordHash: String, clientSaltSeed: String, verified: Bool, generation: Int64) {
        self.id = id
        self.email = email
        self.passwordHash = passwordHash
        self.clientSaltSeed = clientSaltSeed
        self.verified = verified
        self.generation = generation
    }
}

/// What signup stores.
public struct NewAccount: Sendable, Equatable {
    public var email: String
    public var passwordHash: String
    public var clientSaltSeed: String
    public var verified: Bool
    public var verificationTicket: VerificationTicket?

    public var emailKey: String { FieldValidation.emailKey(email) }

    public init(email: String, passwordHash: String, clientSaltSeed: String, verified: Bool,
                verificationTicket: VerificationTicket? = nil) {
        self.email = email
        self.passwordHash = passwordHash
        self.clientSaltSeed = clientSaltSeed
        self.verified = verified
        self.verificationTicket = verificationTicket
    }
}

/// An email verification link, stored as the digest of its secret.
public struct VerificationTicket: Sendable, Equatable {
    public var digest: String
    public var expiresAt: Date
    public init(digest: String, expiresAt: Date) {
        self.digest = digest
        self.expiresAt = expiresAt
    }
}

/// A device token, stored as the SHA-256 digest of the secret the device holds.
public struct TokenGrant: Sendable, Equatable {
    public var digest: String
    public var account: AccountID
    public var deviceID: String
    public var generation: Int64
    public var expiresAt: Date
    /// When the log-in happened: the device's `createdAt` if it is new, and its `lastSeenAt` (to the minute).
    public var issuedAt: Date

    public init(digest: String, account: AccountID, deviceID: String, generation: Int64, expiresAt: Date,
                issuedAt: Date = Date()) {
        self.digest = digest
        self.account = account
        self.deviceID = deviceID
        self.generation = generation
        self.expiresAt = expiresAt
        self.issuedAt = issuedAt
    }
}

/// Who a live token belongs to, and the generation it was issued under.
public struct TokenOwner: Sendable, Equatable {
    public var account: AccountID
    public var generation: Int64
    public init(account: AccountID, generation: Int64) {
        self.account = account
        self.generation = generation
    }
}

/// A live token's owner, the owner's wallet if any, and when the token expires (a cached token is refused from then on).
public struct TokenWallet: Sendable, Equatable {
    public var owner: TokenOwner
    public var wallet: WalletPayload?
    public var expiresAt: Date
    public init(owner: TokenOwner, wallet: WalletPayload?, expiresAt: Date) {
        self.owner = owner
        self.wallet = wallet
        self.expiresAt = expiresAt
    }
}

/// A password change as one unit: applied only if the account is still at `expectedGeneration`.
public struct PasswordChange: Sendable, Equatable {
    public var account: AccountID
    public var expectedGeneration: Int64
    public var newPasswordHash: String
    public var newClientSaltSeed: String
    /// The wallet re-encrypted under the new password, or nil when the account must not have a wallet yet.
    public var wallet: WalletPayload?

    public init(account: AccountID, expectedGeneration: Int64, newPasswordHash: String, newClientSaltSeed: String,
                wallet: WalletPayload?) {
        self.account = account
        self.expectedGeneration = expectedGeneration
        self.newPasswordHash = newPasswordHash
        self.newClientSaltSeed = newClientSaltSeed
        self.wallet = wallet
    }
}

public enum CreateAccountOutcome: Sendable, Equatable {
    case created(AccountRecord)
    case duplicateEmail
}

public enum IssueTokenOutcome: Sendable, Equatable {
    case issued
    /// The password changed after the caller checked it.
    case generationMoved
}

public enum WalletWriteOutcome: Sendable, Equatable {
    case replaced
    case staleSequence
    case generationMoved
}

public enum PasswordChangeOutcome: Sendable, Equatable {
    case changed(newGeneration: Int64)
    case staleSequence
    /// No wallet was given but the account has one: the client must send it re-encrypted.
    case walletExists
    case generationMoved
}

public enum VerifyOutcome: Sendable, Equatable {
    case verified(AccountID)
    case unknownOrExpired
}
