import Foundation
import Synchronization
import TandemWire

/// An `AccountStore` in memory, for tests and throwaway servers; one lock makes every operation atomic.
public final class MemoryAccountStore: AccountStore {
    struct State {
        var accounts: [AccountID: AccountRecord] = [:]
        var accountByEmailKey: [String: AccountID] = [:]
        var tickets: [AccountID: VerificationTicket] = [:]
        var tokens: [String: TokenGrant] = [:]
        var wallets: [AccountID: WalletPayload] = [:]
        var nextID: AccountID = 1
        // Device times by token digest, and account creation times (see MemoryAccountStore+Devices.swift).
        var deviceCreatedAt: [String: Date] = [:]
        var lastSeenAt: [String: Date] = [:]
        var accountCreatedAt: [AccountID: Date] = [:]
    }

    let state = Mutex(State())

    public init() {}

    public func createAccount(_ new: NewAccount) async throws -> CreateAccountOutcome {
        state.withLock { state in
            guard state.accountByEmailKey[new.emailKey] == nil else { return .duplicateEmail }
            let record = AccountRecord(id: state.nextID, email: new.email, passwordHash: new.passwordHash,
                                       clientSaltSeed: new.clientSaltSeed, verified: new.verified, generation: 1)
            state.nextID += 1
            state.accounts[record.id] = record
            state.accountByEmailKey[new.emailKey] = record.id
            state.tickets[record.id] = new.verificationTicket
            state.accountCreatedAt[record.id] = Date()
            return .created(record)
        }
    }

    public func account(emailKey: String) async throws -> AccountRecord? {
        state.withLock { state in state.accountByEmailKey[emailKey].flatMap { state.accounts[$0] } }
    }

    public func issueToken(_ grant: TokenGrant) async throws -> IssueTokenOutcome {
        state.withLock { state in
            guard state.accounts[grant.account]?.generation == grant.generation else { return .generationMoved }
            let replaced = state.tokens.values.first { $0.account == grant.account && $0.deviceID == grant.deviceID }
            state.tokens = state.tokens.filter { !($0.value.account == grant.account && $0.value.deviceID == grant.deviceID) }
            state.tokens[grant.digest] = grant
            state.noteIssued(grant, replacing: replaced?.digest)
            return .issued
        }
    }

    public func tokenOwner(digest: String, now: Date) async throws -> TokenOwner? {
        state.withLock { state in
            guard let grant = state.tokens[digest], grant.expiresAt > now,
                  state.accounts[grant.account]?.generation == grant.generation else { return nil }
            return TokenOwner(account: grant.account, generation: grant.generation)
        }
    }

    public func wallet(of account: AccountID) async throws -> WalletPayload? {
        state.withLock { $0.wallets[account] }
    }

    public func wallet(forTokenDigest digest: String, now: Date) async throws -> TokenWallet? {
        state.withLock { state in
            guard let grant = state.tokens[digest], grant.expiresAt > now,
                  state.accounts[grant.account]?.generation == grant.generation else { return nil }
            return TokenWallet(owner: TokenOwner(account: grant.account, generation: grant.generation),
                               wallet: state.wallets[grant.account], expiresAt: grant.expiresAt)
        }
    }

    public func replaceWallet(_ wallet: WalletPayload, of account: AccountID, ifSequenceIs previous: UInt32,
                              generation: Int64) async throws -> WalletWriteOutcome {
        state.withLock { state in
            guard state.accounts[account]?.generation == generation else { return .generationMoved }
            guard (state.wallets[account]?.sequence ?? 0) == previous else { return .staleSequence }
            state.wallets[account] = wallet
            return .replaced
        }
    }

    public func changePassword(_ change: PasswordChange) async throws -> PasswordChangeOutcome {
        state.withLock { state in
            guard var account = state.accounts[change.account], account.generation == change.expectedGeneration else {
                return .generationMoved
            }
            let stored = state.wallets[change.account]
            if let wallet = change.wallet {
                guard (stored?.sequence ?? 0) == wallet.sequence - 1 else { return .staleSequence }
                state.wallets[change.account] = wallet
            } else if stored != nil {
                return .walletExists
            }
            account.passwordHash = change.newPasswordHash
            account.clientSaltSeed = change.newClientSaltSeed
            account.generation += 1
            state.accounts[account.id] = account
            state.tokens = state.tokens.filter { $0.value.account != account.id }
            return .changed(newGeneration: account.generation)
        }
    }

    public func setVerificationTicket(_ ticket: VerificationTicket, for account: AccountID) async throws {
        state.withLock { $0.tickets[account] = ticket }
    }

    public func verifyAccount(ticketDigest: String, now: Date) async throws -> VerifyOutcome {
        state.withLock { state in
            guard let (id, ticket) = state.tickets.first(where: { $0.value.digest == ticketDigest }),
                  ticket.expiresAt > now else { return .unknownOrExpired }
            state.tickets[id] = nil
            state.accounts[id]?.verified = true
            return .verified(id)
        }
    }
}
