import Foundation
import TandemServerCore
import TandemWire

/// A store that passes every call to `base`, so that a test double declares only the calls it counts or holds.
protocol ForwardingAccountStore: AccountStore {
    associatedtype Base: AccountStore
    var base: Base { get }
}

extension ForwardingAccountStore {
    func createAccount(_ account: NewAccount) async throws -> CreateAccountOutcome { try await base.createAccount(account) }
    func account(emailKey: String) async throws -> AccountRecord? { try await base.account(emailKey: emailKey) }
    func issueToken(_ grant: TokenGrant) async throws -> IssueTokenOutcome { try await base.issueToken(grant) }
    func tokenOwner(digest: String, now: Date) async throws -> TokenOwner? { try await base.tokenOwner(digest: digest, now: now) }
    func wallet(of account: AccountID) async throws -> WalletPayload? { try await base.wallet(of: account) }
    func wallet(forTokenDigest digest: String, now: Date) async throws -> TokenWallet? {
        try await base.wallet(forTokenDigest: digest, now: now)
    }
    func replaceWallet(_ wallet: WalletPayload, of account: AccountID, ifSequenceIs previous: UInt32,
                       generation: Int64) async throws -> WalletWriteOutcome {
        try await base.replaceWallet(wallet, of: account, ifSequenceIs: previous, generation: generation)
    }
    func changePassword(_ change: PasswordChange) async throws -> PasswordChangeOutcome { try await base.changePassword(change) }
    func setVerificationTicket(_ ticket: VerificationTicket, for account: AccountID) async throws {
        try await base.setVerificationTicket(ticket, for: account)
    }
    func verifyAccount(ticketDigest: String, now: Date) async throws -> VerifyOutcome {
        try await base.verifyAccount(ticketDigest: ticketDigest, now: now)
    }
    func devices(of account: AccountID, now: Date) async throws -> [DeviceRecord] { try await base.devices(of: account, now: now) }
    func recordActivity(tokenDigest: String, minute: Date) async throws {
        try await base.recordActivity(tokenDigest: tokenDigest, minute: minute)
    }
    func revokeDevice(_ deviceID: String, of account: AccountID, now: Date) async throws -> RevokeDeviceOutcome {
        try await base.revokeDevice(deviceID, of: account, now: now)
    }
    func revokeToken(digest: String, now: Date) async throws -> RevokeTokenOutcome { try await base.revokeToken(digest: digest, now: now) }
    func deleteAccount(_ account: AccountID, generation: Int64) async throws -> DeleteAccountOutcome {
        try await base.deleteAccount(account, generation: generation)
    }
}
