import Foundation
import Logging
import PostgresNIO
import TandemServerCore
import TandemWire

/// `AccountStore` on a PostgreSQL database that any number of server instances share, through a PostgresNIO pool.
///
/// Transactions run READ COMMITTED and take the account row's lock first: `FOR SHARE` for a wallet write or a
/// token, `FOR UPDATE` for a password change. So a password change waits for writes already authorised under the
/// old generation and every later one sees the new generation, and the wallet compare-and-set
/// (`UPDATE ... WHERE sequence = n-1`) re-checks its condition on the row a concurrent winner left behind: exactly
/// one writer of a sequence matches. Every accepted wallet write and password change is recorded in the
/// `account_event` outbox and NOTIFYed in its own transaction, for `PostgresEventRelay`.
/// Client-chosen strings (wallet, hmac, device id) are BYTEA: TEXT cannot hold NUL, and bytes round-trip exactly.
public struct PostgresAccountStore: AccountStore {
    /// The pool; it works only while its `run()` runs (it is a `Service`: put it in the server's service group).
    public let client: PostgresClient
    let settings: PostgresConnectionSettings
    let logger: Logger

    public init(settings: PostgresConnectionSettings, logger: Logger) {
        client = PostgresClient(configuration: settings.clientConfiguration, backgroundLogger: logger)
        self.settings = settings
        self.logger = logger
    }

    /// Opens and closes one connection outside the pool. The pool keeps retrying a connection the server refuses
    /// (wrong password, no such database) for a minute before it gives up, without saying why; this says at once.
    public func checkConnection() async throws {
        do {
            let connection = try await PostgresConnection.connect(
                on: PostgresClient.defaultEventLoopGroup.any(), configuration: try settings.connectionConfiguration,
                id: 0, logger: logger)
            try await connection.close()
        } catch {
            throw PostgresStoreError(error)
        }
    }

    public func createAccount(_ new: NewAccount) async throws -> CreateAccountOutcome {
        do {
            let rows = try await rows("""
                INSERT INTO account (email, email_key, password_hash, client_salt_seed, verified, generation,
                                     ticket_digest, ticket_expires_at)
                VALUES (\(new.email), \(new.emailKey), \(new.passwordHash), \(new.clientSaltSeed), \(new.verified), 1,
                        \(new.verificationTicket?.digest), \(new.verificationTicket?.expiresAt))
                RETURNING id
                """)
            guard let row = rows.first else { throw PostgresStoreError(UnexpectedResult("a new account got no id")) }
            return .created(AccountRecord(id: try row.decode(AccountID.self), email: new.email, passwordHash: new.passwordHash,
                                          clientSaltSeed: new.clientSaltSeed, verified: new.verified, generation: 1))
        } catch let error as PostgresStoreError where error.sqlState == "23505" && error.constraint == "account_email_key_unique" {
            return .duplicateEmail
        }
    }

    public func account(emailKey: String) async throws -> AccountRecord? {
        try await rows("""
            SELECT id, email, password_hash, client_salt_seed, verified, generation FROM account WHERE email_key = \(emailKey)
            """)
        .first.map { row in
            let (id, email, hash, seed, verified, generation) = try row.decode((AccountID, String, String, String, Bool, Int64).self)
            return AccountRecord(id: id, email: email, passwordHash: hash, clientSaltSeed: seed, verified: verified,
                                 generation: generation)
        }
    }

    public func issueToken(_ grant: TokenGrant) async throws -> IssueTokenOutcome {
        try await transaction { connection in
            guard try await Self.lockedGeneration(of: grant.account, .share, connection, logger) == grant.generation else {
                return .generationMoved
            }
            // A device logging in again keeps the created_at of its first log-in.
            _ = try await connection.rows("""
                INSERT INTO token (digest, account_id, device_id, generation, expires_at, created_at, last_seen_at)
                VALUES (\(grant.digest), \(grant.account), \(Data(grant.deviceID.utf8)), \(grant.generation), \(grant.expiresAt),
                        \(grant.issuedAt), \(grant.issuedAt.startOfMinute))
                ON CONFLICT (account_id, sha256(device_id)) DO UPDATE
                SET digest = excluded.digest, device_id = excluded.device_id, generation = excluded.generation,
                    expires_at = excluded.expires_at, last_seen_at = excluded.last_seen_at
                """, logger: logger)
            // Other instances may hold the device's earlier token in their cache; this tells them to drop it.
            try await AccountEventRecord.announce(kind: "login", account: grant.account, value: 0,
                                                  deviceKey: DeviceKey.of(grant.deviceID), on: connection, logger: logger)
            return .issued
        }
    }

    public func tokenOwner(digest: String, now: Date) async throws -> TokenOwner? {
        try await rows(TokenOwnerStatement(digest: digest, now: now)).first.map {
            TokenOwner(account: $0.account, generation: $0.generation)
        }
    }

    public func wallet(of account: AccountID) async throws -> WalletPayload? {
        try await rows("SELECT encrypted_wallet, sequence, hmac FROM wallet WHERE account_id = \(account)")
            .first.map { row in try Self.wallet(row.decode((Data, Int64, Data).self)) }
    }

    /// One round trip instead of the default's two: `GET /wallet` is the hottest request.
    public func wallet(forTokenDigest digest: String, now: Date) async throws -> TokenWallet? {
        try await rows(TokenWalletStatement(digest: digest, now: now)).first.map { row in
            var wallet: WalletPayload?
            if let blob = row.blob, let sequence = row.sequence, let hmac = row.hmac { wallet = try Self.wallet((blob, sequence, hmac)) }
            return TokenWallet(owner: TokenOwner(account: row.account, generation: row.generation), wallet: wallet,
                               expiresAt: row.expiresAt)
        }
    }

    public func replaceWallet(_ wallet: WalletPayload, of account: AccountID, ifSequenceIs previous: UInt32,
                              generation: Int64) async throws -> WalletWriteOutcome {
        let statement = WalletWriteStatement(account: account, wallet: wallet, previous: previous, generation: generation)
        guard let row = try await rows(statement).first else { throw PostgresStoreError(UnexpectedResult("a wallet write returned no row")) }
        if row.generation != generation { return .generationMoved }
        return row.written == 1 ? .replaced : .staleSequence
    }

    public func changePassword(_ change: PasswordChange) async throws -> PasswordChangeOutcome {
        try await transaction { connection in
            guard try await Self.lockedGeneration(of: change.account, .update, connection, logger) == change.expectedGeneration else {
                return .generationMoved
            }
            if let wallet = change.wallet {
                guard wallet.sequence >= 1,
                      try await Self.compareAndSetWallet(wallet, of: change.account, ifSequenceIs: wallet.sequence - 1,
                                                         connection, logger) else { return .staleSequence }
            } else {
                let stored = try await connection.rows("SELECT 1 FROM wallet WHERE account_id = \(change.account)", logger: logger)
                guard stored.isEmpty else { return .walletExists }
            }
            let newGeneration = change.expectedGeneration + 1
            _ = try await connection.rows("""
                UPDATE account SET password_hash = \(change.newPasswordHash), client_salt_seed = \(change.newClientSaltSeed),
                                   generation = \(newGeneration)
                WHERE id = \(change.account)
                """, logger: logger)
            _ = try await connection.rows("DELETE FROM token WHERE account_id = \(change.account)", logger: logger)
            try await AccountEventRecord.announce(kind: "password", account: change.account, value: newGeneration,
                                                  on: connection, logger: logger)
            return .changed(newGeneration: newGeneration)
        }
    }

    public func setVerificationTicket(_ ticket: VerificationTicket, for account: AccountID) async throws {
        _ = try await rows("""
            UPDATE account SET ticket_digest = \(ticket.digest), ticket_expires_at = \(ticket.expiresAt) WHERE id = \(account)
            """)
    }

    public func verifyAccount(ticketDigest: String, now: Date) async throws -> VerifyOutcome {
        // One statement: of two concurrent visits of the same link, the second finds the ticket gone.
        let rows = try await rows("""
            UPDATE account SET verified = TRUE, ticket_digest = NULL, ticket_expires_at = NULL
            WHERE ticket_digest = \(ticketDigest) AND ticket_expires_at > \(now)
            RETURNING id
            """)
        return try rows.first.map { .verified(try $0.decode(AccountID.self)) } ?? .unknownOrExpired
    }

    /// How long the `account_event` outbox keeps an event: longer than any LISTEN outage worth catching up on.
    public static let outboxRetention = "1 hour"

    /// Deletes outbox events older than `outboxRetention`, a batch at a time so no statement runs long.
    public func pruneEvents() async throws {
        while try await rows("""
            DELETE FROM account_event WHERE id IN (
                SELECT id FROM account_event WHERE created_at < now() - \(Self.outboxRetention)::INTERVAL LIMIT 5000)
            RETURNING id
            """).count == 5000 {}
    }

    /// The id of the newest recorded account event, 0 when there is none.
    public func latestEventID() async throws -> Int64 {
        try await rows("SELECT coalesce(max(id), 0)::BIGINT FROM account_event").first?.decode(Int64.self) ?? 0
    }

    enum RowLock {
        /// Taken by writes authorised under a generation: many at once, but not while a password change runs.
        case share
        /// Taken by a password change: waits for every write holding `share`, and keeps later ones out.
        case update
    }

    /// The account's generation, its row locked until the transaction ends; nil for an unknown account.
    static func lockedGeneration(of account: AccountID, _ lock: RowLock, _ connection: PostgresConnection,
                                 _ logger: Logger) async throws -> Int64? {
        let query: PostgresQuery = switch lock {
        case .share: "SELECT generation FROM account WHERE id = \(account) FOR SHARE"
        case .update: "SELECT generation FROM account WHERE id = \(account) FOR UPDATE"
        }
        return try await connection.rows(query, logger: logger).first?.decode(Int64.self)
    }

    /// The compare-and-set at the heart of the protocol. A writer blocked on the row lock of a concurrent winner
    /// re-evaluates `sequence = previous` on the winner's row once it commits, finds it false, and changes nothing.
    private static func compareAndSetWallet(_ wallet: WalletPayload, of account: AccountID, ifSequenceIs previous: UInt32,
                                            _ connection: PostgresConnection, _ logger: Logger) async throws -> Bool {
        let blob = Data(wallet.encryptedWallet.utf8), hmac = Data(wallet.hmac.utf8), sequence = Int64(wallet.sequence)
        let rows = if previous == 0 {
            try await connection.rows("""
                INSERT INTO wallet (account_id, encrypted_wallet, sequence, hmac) VALUES (\(account), \(blob), \(sequence), \(hmac))
                ON CONFLICT (account_id) DO NOTHING
                RETURNING account_id
                """, logger: logger)
        } else {
            try await connection.rows("""
                UPDATE wallet SET encrypted_wallet = \(blob), sequence = \(sequence), hmac = \(hmac)
                WHERE account_id = \(account) AND sequence = \(Int64(previous))
                RETURNING account_id
                """, logger: logger)
        }
        return rows.count == 1
    }

    private static func wallet(_ stored: (blob: Data, sequence: Int64, hmac: Data)) throws -> WalletPayload {
        let (blob, sequence, hmac) = stored
        guard let sequence = UInt32(exactly: sequence) else {
            throw PostgresStoreError(UnexpectedResult("a stored wallet sequence \(sequence) is out of range"))
        }
        return WalletPayload(encryptedWallet: String(decoding: blob, as: UTF8.self), sequence: sequence,
                             hmac: String(decoding: hmac, as: UTF8.self))
    }

    /// The database answered something the schema rules out.
    struct UnexpectedResult: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
