import Foundation
import Logging
import TandemCrypto
import TandemWire

/// The protocol rules of API v3 over an `AccountStore`: who may sign up and log in, which tokens are live, which
/// wallet writes land, and what the account's sockets hear about it. Refusals are thrown as `ServiceFailure`;
/// anything else thrown is a backend failure.
public struct AccountService: Sendable {
    public static let tokenLifetime: TimeInterval = 14 * 24 * 3600
    public static let verificationLifetime: TimeInterval = 2 * 24 * 3600

    public let store: any AccountStore
    public let mode: VerificationMode
    let hasher: PasswordHasher
    private let mailer: any Mailer
    let events: any AccountEventPublisher
    /// The base of verification links; asked at each mail, because with port 0 it is known only once bound.
    private let publicURL: @Sendable () -> String
    let now: @Sendable () -> Date
    let logger: Logger
    /// Which tokens were recorded as seen this minute (AccountService+Devices.swift).
    let activity = DeviceActivity()
    /// Checked when an email is unknown, so that a wrong address takes as long as a wrong password.
    private let decoyHash: String
    let limits: RateLimits
    let limiter = RateLimiter()
    /// `--hide-accounts`: unknown emails get a salt seed derived from the server secret instead of 404.
    let hidesAccounts: Bool
    let hiddenSeeds: HiddenSeeds
    /// Live tokens and wallet answers of `GET /wallet`; this service drops what its own changes make stale before it
    /// answers, and the server hands it every other instance's events (`TokenCache`).
    public let tokenCache: TokenCache

    public init(store: any AccountStore, mode: VerificationMode, hasher: PasswordHasher, mailer: any Mailer,
                events: any AccountEventPublisher, publicURL: @autoclosure @escaping @Sendable () -> String, logger: Logger, limits: RateLimits = .off,
                hidesAccounts: Bool = false, tokenCache: TokenCache = TokenCache(),
                now: @escaping @Sendable () -> Date = Date.init) throws {
        self.store = store
        self.mode = mode
        self.hasher = hasher
        self.mailer = mailer
        self.events = events
        self.publicURL = publicURL
        self.now = now
        self.logger = logger
        self.limits = limits
        self.hidesAccounts = hidesAccounts
        hiddenSeeds = HiddenSeeds(store: store as? any ServerSecretStoring)
        self.tokenCache = tokenCache
        decoyHash = try ServerPasswordHash.make(password: AccessToken.generate(), cost: hasher.cost)
    }

    public func signup(_ request: SignupRequest, from origin: RequestOrigin = .local) async throws -> SignupResponse {
        try limit(origin, "signup", limits.signupsPerAddress, "Too many sign-ups from this address")
        if case .whitelist(let allowed) = mode, !allowed.contains(FieldValidation.emailKey(request.email)) {
            throw ServiceFailure.forbidden("Account not whitelisted")
        }
        guard try await store.account(emailKey: FieldValidation.emailKey(request.email)) == nil else {
            throw ServiceFailure.conflict("Account already exists")
        }
        let verified = mode != .emailVerify
        let ticketSecret = verified ? nil : AccessToken.generate()
        let account = NewAccount(
            email: request.email, passwordHash: try await hasher.hash(request.password, isWanted: origin.isConnected),
            clientSaltSeed: request.clientSaltSeed, verified: verified,
            verificationTicket: ticketSecret.map(verificationTicket(for:)))
        guard case .created = try await store.createAccount(account) else {
            throw ServiceFailure.conflict("Account already exists")
        }
        if let ticketSecret {
            // The account exists now; a mail failure must not turn signup into an error the client would retry.
            do {
                try await sendVerificationMail(to: request.email, secret: ticketSecret)
            } catch {
                logger.error("Could not send the verification mail", metadata: ["error": "\(error)"])
            }
        }
        return SignupResponse(verified: verified)
    }

    public func clientSaltSeed(emailParameter: String?, from origin: RequestOrigin = .local) async throws -> ClientSaltSeedResponse {
        try limit(origin, "salt-seed", limits.saltSeedLookupsPerAddress, "Too many salt seed lookups from this address")
        guard let emailParameter else { throw ServiceFailure.badRequest("Missing 'email' parameter") }
        let email: String
        do { email = try EmailQuery.decode(emailParameter) } catch { throw ServiceFailure(error) }
        guard let account = try await store.account(emailKey: FieldValidation.emailKey(email)) else {
            guard hidesAccounts else { throw ServiceFailure.notFound("No match for email") }
            return ClientSaltSeedResponse(clientSaltSeed: try await hiddenSeeds.seed(forEmailKey: FieldValidation.emailKey(email)))
        }
        return ClientSaltSeedResponse(clientSaltSeed: account.clientSaltSeed)
    }

    public func logIn(_ request: AuthRequest, from origin: RequestOrigin = .local) async throws -> AuthResponse {
        let account = try await authenticate(email: request.email, password: request.password, from: origin)
        guard account.verified else { throw ServiceFailure.unauthorized("Account is not verified") }
        let token = AccessToken.generate()
        let expiresAt = now().addingTimeInterval(Self.tokenLifetime)
        let grant = TokenGrant(digest: AccessToken.digest(token), account: account.id, deviceID: request.deviceId,
                               generation: account.generation, expiresAt: expiresAt, issuedAt: now())
        guard try await store.issueToken(grant) == .issued else { throw ServiceFailure.noMatch }
        activity.noteIssued(grant)
        // The device's earlier token, if any, is gone: no instance may keep it cached.
        await tell(.deviceLoggedIn(account.id, deviceKey: DeviceKey.of(request.deviceId)))
        return AuthResponse(token: token, deviceId: request.deviceId, userId: account.id,
                            expiration: expiresAt.formatted(.iso8601))
    }

    /// The live token's owner; 400 for a missing token, 401 for any token that does not (or no longer) work.
    public func owner(ofToken token: String?) async throws -> TokenOwner {
        guard let token, !token.isEmpty else { throw ServiceFailure.badRequest("Missing 'token' parameter") }
        let digest = AccessToken.digest(token)
        guard let owner = try await store.tokenOwner(digest: digest, now: now()) else { throw ServiceFailure.tokenNotFound }
        await recordActivity(ofToken: digest)
        return owner
    }

    /// The body of `GET /wallet`: from the token cache when it knows the token (and the account's answer), else from
    /// the store, whose answer the cache then keeps.
    public func walletAnswer(token: String?) async throws -> [UInt8] {
        guard let token, !token.isEmpty else { throw ServiceFailure.badRequest("Missing 'token' parameter") }
        let digest = AccessToken.digest(token)
        let answer: TokenCache.Answer
        if let hit = tokenCache.lookUp(digest, now: now()) {
            if let cached = hit.answer {
                answer = cached
            } else {
                let ticket = tokenCache.ticket()
                answer = tokenCache.keep(try await store.wallet(of: hit.account), of: hit.account, ticket: ticket)
            }
        } else {
            let ticket = tokenCache.ticket()
            guard let found = try await store.wallet(forTokenDigest: digest, now: now()) else { throw ServiceFailure.tokenNotFound }
            answer = tokenCache.keep(found, digest: digest, ticket: ticket)
        }
        await recordActivity(ofToken: digest)
        guard let bytes = answer.bytes else { throw ServiceFailure.notFound("No wallet") }
        return bytes
    }

    /// The current sequence of the account's wallet, 0 when it has none (for websocket catch-up).
    public func currentSequence(of account: AccountID) async throws -> UInt32 {
        try await store.wallet(of: account)?.sequence ?? 0
    }

    public func uploadWallet(_ request: WalletUploadRequest) async throws {
        try await commitWallet(request).announce()
    }

    public func changePassword(_ request: PasswordChangeRequest, from origin: RequestOrigin = .local) async throws {
        let account = try await authenticate(email: request.email, password: request.oldPassword, from: origin)
        // Wallet fields re-encrypt the stored wallet; sequence 1 would create one, which LBRY's server refuses: a
        // client of an account without a wallet must omit them.
        if request.wallet?.sequence == 1 { throw Self.noWalletToReplace }
        let change = PasswordChange(
            account: account.id, expectedGeneration: account.generation,
            newPasswordHash: try await hasher.hash(request.newPassword, isWanted: origin.isConnected),
            newClientSaltSeed: request.clientSaltSeed, wallet: request.wallet)
        switch try await store.changePassword(change) {
        case .changed: await tell(.passwordChanged(account.id))
        case .staleSequence: throw Self.noWalletToReplace
        case .walletExists: throw ServiceFailure.conflict("Wallet exists; need an updated wallet when changing password")
        case .generationMoved: throw ServiceFailure.noMatch
        }
    }

    public func verify(ticket: String?) async throws {
        guard let ticket, !ticket.isEmpty else { throw ServiceFailure.badRequest("Missing 'verifyToken' parameter") }
        guard case .verified = try await store.verifyAccount(ticketDigest: AccessToken.digest(ticket), now: now()) else {
            throw ServiceFailure.forbidden("Verification token not found or expired")
        }
    }

    public func resendVerification(_ request: ResendVerificationRequest) async throws {
        guard mode == .emailVerify else {
            throw ServiceFailure.forbidden("Email verification is not enabled on this server")
        }
        guard let account = try await store.account(emailKey: FieldValidation.emailKey(request.email)) else {
            throw ServiceFailure.unauthorized("No match for email")
        }
        guard !account.verified else { throw ServiceFailure.badRequest("Account is already verified") }
        let secret = AccessToken.generate()
        try await store.setVerificationTicket(verificationTicket(for: secret), for: account.id)
        try await sendVerificationMail(to: account.email, secret: secret)
    }

    private static let noWalletToReplace = ServiceFailure.conflict("Bad sequence number or wallet does not exist")

    /// Announces an event of this instance, after the token cache dropped what it makes stale: the caller answers
    /// only once this returns, so this instance refuses a revoked token from the moment it says it is revoked.
    func tell(_ event: AccountEvent) async {
        tokenCache.apply(event)
        await events.publish(event)
    }

    /// The account if the password matches; the same 401 for an unknown email and a wrong password. Limited per
    /// address and per account (`RateLimits`) before any hashing; only failures count against the account.
    func authenticate(email: String, password: String, from origin: RequestOrigin = .local) async throws -> AccountRecord {
        let emailKey = FieldValidation.emailKey(email)
        try limit(origin, "password-check", limits.passwordChecksPerAddress, "Too many log-in attempts from this address")
        try admitPasswordCheck(emailKey: emailKey, from: origin)
        let account = try await store.account(emailKey: emailKey)
        let matches = try await hasher.verify(password, against: account?.passwordHash ?? decoyHash, isWanted: origin.isConnected)
        guard let account, matches else {
            countFailedPasswordCheck(emailKey: emailKey, from: origin)
            throw ServiceFailure.noMatch
        }
        return account
    }

    private func verificationTicket(for secret: String) -> VerificationTicket {
        VerificationTicket(digest: AccessToken.digest(secret), expiresAt: now().addingTimeInterval(Self.verificationLifetime))
    }

    private func sendVerificationMail(to email: String, secret: String) async throws {
        var publicURL = publicURL()
        if publicURL.hasSuffix("/") { publicURL.removeLast() }
        let link = "\(publicURL)/api/3/verify?verifyToken=\(secret)"
        try await mailer.send(MailMessage(
            from: "Tandem <no-reply@\(URL(string: publicURL)?.host() ?? "localhost")>", to: email,
            subject: "Verify your Tandem account",
            body: """
            Someone (hopefully you) created a Tandem sync account for \(email).

            To verify it, open this link within 2 days:
            \(link)

            If it was not you, ignore this message.
            """))
    }
}
