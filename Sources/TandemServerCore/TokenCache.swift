import Foundation
import Synchronization
import TandemWire

/// This instance's memory of live tokens and of the bytes `GET /wallet` answers for their accounts, so that the
/// request devices make most needs no database read.
///
/// What keeps it from ever serving a token the database no longer accepts:
/// - Only tokens the store found live go in (an unknown token is never remembered, so random tokens cannot fill
///   it), each with its expiry, which every hit checks.
/// - Every event that can end a token (password change, revocation or log-out, a log-in that replaces a device's
///   token, account deletion) drops the account's tokens. `AccountService` applies its own events before it
///   answers the request that caused them; events of other instances and of the admin command are applied as soon
///   as this instance hears of them (the PostgreSQL relay, the SQLite admin event poller).
/// - Dropping moves `epoch` on. A fill notes the epoch before it reads the store and goes in only if the epoch has
///   not moved since, so a read that raced an invalidation cannot put back what the invalidation took out.
/// - While this instance cannot hear the others (`listening(false)`: relay disconnected, admin events unreadable),
///   the cache is empty and every request reads the store; it fills again once the instance hears them again.
///
/// Wallet answers are kept per account with their sequence. A local write replaces its account's answer with the
/// committed payload before the writer is answered; a `walletUpdated` event of a newer sequence leaves a floor
/// instead of the answer, below which no answer goes back in. So no answer is older than a write this instance
/// acknowledged or a write event it processed.
///
/// Bounded: at most `Limits.tokens` tokens and `Limits.answerBytes` bytes of answers. When either is full the cache
/// starts over (empty, epoch moved on) rather than tracking recency on every hit.
public final class TokenCache: Sendable {
    public struct Limits: Sendable, Equatable {
        /// Most tokens kept; 0 turns the cache off.
        public var tokens: Int
        /// Most bytes of wallet answers kept (a floor counts as `floorCost` bytes).
        public var answerBytes: Int

        public init(tokens: Int, answerBytes: Int) {
            self.tokens = tokens
            self.answerBytes = answerBytes
        }

        public static let standard = Limits(tokens: 100_000, answerBytes: 64 << 20)
        public static let off = Limits(tokens: 0, answerBytes: 0)
    }

    /// What `GET /wallet` answers for an account: the wallet's JSON, or nil when the account has no wallet.
    public struct Answer: Sendable, Equatable {
        public let sequence: UInt32
        public let bytes: [UInt8]?

        public init(_ wallet: WalletPayload?) {
            sequence = wallet?.sequence ?? 0
            bytes = wallet?.answerJSON
        }
    }

    /// Where the cache stood when a fill began reading the store.
    public struct Ticket: Sendable {
        fileprivate let epoch: UInt64
    }

    /// A hit: the token's account, and its answer when that is cached too.
    public struct Hit: Sendable {
        public let account: AccountID
        public let answer: Answer?
    }

    private struct Token {
        let account: AccountID
        let expiresAt: Date
    }

    private enum Slot {
        case answer(Answer)
        /// A wallet of this sequence exists; no older answer may go in.
        case floor(UInt32)

        var sequence: UInt32 {
            switch self {
            case .answer(let answer): answer.sequence
            case .floor(let sequence): sequence
            }
        }

        var cost: Int {
            switch self {
            case .answer(let answer): (answer.bytes?.count ?? 0) + TokenCache.floorCost
            case .floor: TokenCache.floorCost
            }
        }
    }

    private struct State {
        var listening: Bool
        var epoch: UInt64 = 0
        var tokens: [String: Token] = [:]
        var tokensOfAccount: [AccountID: Set<String>] = [:]
        var slots: [AccountID: Slot] = [:]
        var answerBytes = 0

        mutating func dropTokens(of account: AccountID) {
            for digest in tokensOfAccount.removeValue(forKey: account) ?? [] { tokens[digest] = nil }
        }

        mutating func dropSlot(of account: AccountID) {
            if let slot = slots.removeValue(forKey: account) { answerBytes -= slot.cost }
        }

        mutating func startOver() {
            epoch &+= 1
            tokens = [:]
            tokensOfAccount = [:]
            slots = [:]
            answerBytes = 0
        }
    }

    /// What a slot costs beyond its answer's bytes: the dictionary entry and bookkeeping, roughly.
    static let floorCost = 64

    public let limits: Limits
    private let state: Mutex<State>

    /// `listening` false: the cache stays unused until `listening(true)` (an instance whose relay is not up yet).
    public init(limits: Limits = .standard, listening: Bool = true) {
        self.limits = limits
        state = Mutex(State(listening: listening))
    }

    private var isOn: Bool { limits.tokens > 0 }

    /// The account of a cached token that has not expired at `now`, with its cached answer if any; nil on a miss.
    public func lookUp(_ digest: String, now: Date) -> Hit? {
        guard isOn else { return nil }
        return state.withLock { state in
            guard state.listening, let token = state.tokens[digest] else { return nil }
            guard token.expiresAt > now else {
                state.tokens[digest] = nil
                state.tokensOfAccount[token.account]?.remove(digest)
                return nil
            }
            if case .answer(let answer) = state.slots[token.account] { return Hit(account: token.account, answer: answer) }
            return Hit(account: token.account, answer: nil)
        }
    }

    /// Taken before a fill reads the store.
    public func ticket() -> Ticket {
        state.withLock { Ticket(epoch: $0.epoch) }
    }

    /// Remembers what the store said about a live token (its owner, expiry and wallet), unless anything was
    /// invalidated since `ticket`; returns the answer to send either way.
    @discardableResult
    public func keep(_ found: TokenWallet, digest: String, ticket: Ticket) -> Answer {
        let answer = Answer(found.wallet)
        guard isOn else { return answer }
        let account = found.owner.account
        state.withLock { state in
            guard state.listening, state.epoch == ticket.epoch else { return }
            if state.tokens.count >= limits.tokens { state.startOver() }
            state.tokens[digest] = Token(account: account, expiresAt: found.expiresAt)
            state.tokensOfAccount[account, default: []].insert(digest)
            place(.answer(answer), of: account, in: &state)
        }
        return answer
    }

    /// Remembers an account's wallet read after its token was a hit, unless anything was invalidated since `ticket`.
    @discardableResult
    public func keep(_ wallet: WalletPayload?, of account: AccountID, ticket: Ticket) -> Answer {
        let answer = Answer(wallet)
        guard isOn else { return answer }
        state.withLock { state in
            guard state.listening, state.epoch == ticket.epoch else { return }
            place(.answer(answer), of: account, in: &state)
        }
        return answer
    }

    /// A wallet write this instance committed (`ticket` taken before it was stored): its payload becomes the
    /// account's answer before the writer hears of success. If anything was invalidated meanwhile (the account may
    /// be gone), only its sequence is kept, as a floor: an older answer must not be served either way.
    public func committed(_ wallet: WalletPayload, of account: AccountID, ticket: Ticket) {
        guard isOn else { return }
        let answer = Answer(wallet)
        state.withLock { state in
            guard state.listening else { return }
            place(state.epoch == ticket.epoch ? .answer(answer) : .floor(answer.sequence), of: account, in: &state)
        }
    }

    /// Acts on an event of this instance or another: drops what it makes stale.
    public func apply(_ event: AccountEvent) {
        guard isOn else { return }
        state.withLock { state in
            switch event {
            case let .walletUpdated(account, sequence):
                // No epoch change: the floor alone keeps older reads out, and fills of other accounts go on.
                place(.floor(sequence), of: account, in: &state)
            case let .passwordChanged(account), let .accountDeleted(account):
                // The wallet may have been re-keyed (or deleted) without a wallet event.
                state.epoch &+= 1
                state.dropTokens(of: account)
                state.dropSlot(of: account)
            case let .deviceRevoked(account, _), let .deviceLoggedIn(account, _):
                // Tokens are not stored with their device, so every token of the account goes; they refill on use.
                state.epoch &+= 1
                state.dropTokens(of: account)
            }
        }
    }

    /// Whether this instance hears every other instance's events now. While it does not, nothing is served or kept;
    /// both changes empty the cache and move the epoch on, so no fill that began before counts.
    public func listening(_ listening: Bool) {
        state.withLock { state in
            guard state.listening != listening else { return }
            state.listening = listening
            state.startOver()
        }
    }

    /// Tokens and answer bytes held, for tests and metrics.
    public var counts: (tokens: Int, answerBytes: Int) {
        state.withLock { ($0.tokens.count, $0.answerBytes) }
    }

    /// Puts `slot` in unless the account's slot already holds a newer (or the same) sequence: an answer replaces an
    /// answer or floor it is not older than; a floor replaces an older answer or floor.
    private func place(_ slot: Slot, of account: AccountID, in state: inout State) {
        if let current = state.slots[account] {
            switch (current, slot) {
            case (.answer, .answer), (.floor, .answer):
                guard slot.sequence >= current.sequence else { return }
                if case .answer(let old) = current, case .answer(let new) = slot, old == new { return }
            case (_, .floor):
                guard slot.sequence > current.sequence else { return }
            }
        }
        let cost = slot.cost
        guard cost <= limits.answerBytes else {
            // Too large to keep at all; what stood before is older and must go, but its floor stays meaningful.
            state.dropSlot(of: account)
            if slot.cost > Self.floorCost { place(.floor(slot.sequence), of: account, in: &state) }
            return
        }
        state.dropSlot(of: account)
        if state.answerBytes + cost > limits.answerBytes {
            // Starting over drops every floor too, so the epoch moves on and no fill under way counts.
            let tokens = state.tokens, tokensOfAccount = state.tokensOfAccount
            state.startOver()
            state.tokens = tokens
            state.tokensOfAccount = tokensOfAccount
        }
        state.slots[account] = slot
        state.answerBytes += cost
    }
}
