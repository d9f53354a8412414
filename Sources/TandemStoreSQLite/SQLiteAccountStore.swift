import Foundation
import GRDB
import TandemServerCore
import TandemWire

/// `AccountStore` on one SQLite file (WAL mode) through GRDB.
///
/// GRDB's pool serialises this process's writes and opens each write transaction with `BEGIN IMMEDIATE`, and a
/// busy timeout makes writers from other processes wait their turn instead of failing with "database is locked".
/// Client-chosen strings (wallet, hmac, device id) are stored as BLOBs so they come back byte for byte, NUL included.
public struct SQLiteAccountStore: AccountStore {
    let pool: DatabasePool

    /// Opens (creating if needed) the database at `path` and migrates it to the current schema.
    ///
    /// A new database file is created readable by its owner only (SQLite gives the -wal and -shm files the mode of
    /// the database), since it holds password hashes and token digests. A database this process cannot write is
    /// refused here, so the server does not start only to fail every write.
    public init(path: String) throws {
        try Self.createPrivately(path)
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        configuration.label = "tandem-server"
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            try Self.migrator.migrate(pool)
        } catch let error as DatabaseError {
            throw DatabaseOpeningProblem(description: "cannot open database \(path): \(error.message ?? "\(error.resultCode)")")
        }
        try Self.checkWritable(pool, path: path)
    }

    public func createAccount(_ new: NewAccount) async throws -> CreateAccountOutcome {
        do {
            return try await pool.write { db in
                try db.execute(
                    sql: """
                    INSERT INTO account (email, emailKey, passwordHash, clientSaltSeed, verified, generation,
                                         ticketDigest, ticketExpiresAt)
                    VALUES (?, ?, ?, ?, ?, 1, ?, ?)
                    """,
                    arguments: [new.email, new.emailKey, new.passwordHash, new.clientSaltSeed, new.verified,
                                new.verificationTicket?.digest, new.verificationTicket?.expiresAt.timeIntervalSince1970])
                return .created(AccountRecord(id: db.lastInsertedRowID, email: new.email, passwordHash: new.passwordHash,
                                              clientSaltSeed: new.clientSaltSeed, verified: new.verified, generation: 1))
            }
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
            return .duplicateEmail
        }
    }

    public func account(emailKey: String) async throws -> AccountRecord? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: """
                SELECT id, email, passwordHash, clientSaltSeed, verified, generation FROM account WHERE emailKey = ?
                """, arguments: [emailKey])
            .map { row in
                AccountRecord(id: row["id"], email: row["email"], passwordHash: row["passwordHash"],
                              clientSaltSeed: row["clientSaltSeed"], verified: row["verified"], generation: row["generation"])
            }
        }
    }

    public func issueToken(_ grant: TokenGrant) async throws -> IssueTokenOutcome {
        try await pool.write { db in
            guard try Self.generation(of: grant.account, db) == grant.generation else { return .generationMoved }
            try Self.storeToken(grant, db)
            return .issued
        }
    }

    // Single-statement reads need no transaction (one SELECT sees one snapshot), so they use `unsafeRead` and cached
    // statements. They go through GRDB's async API, which waits for a free reader on GRDB's own queues: a synchronous
    // read on the calling thread would block a cooperative-pool thread whenever the readers are busy, and the async
    // readers holding them can only hand them back on that same pool, so a burst of reads deadlocked the server.

    /// Runs a single-statement read on one of GRDB's reader queues.
    private func lookUp<T: Sendable>(_ read: @Sendable (Database) throws -> T) async throws -> T {
        try await pool.unsafeRead(read)
    }

    public func tokenOwner(digest: String, now: Date) async throws -> TokenOwner? {
        try await lookUp { db in
            try Row.fetchOne(db.cachedStatement(sql: """
                SELECT token.accountId, token.generation FROM token JOIN account ON account.id = token.accountId
                WHERE token.digest = ? AND token.expiresAt > ? AND token.generation = account.generation
                """), arguments: [digest, now.timeIntervalSince1970])
            .map { TokenOwner(account: $0[0], generation: $0[1]) }
        }
    }

    public func wallet(of account: AccountID) async throws -> WalletPayload? {
        try await lookUp { db in try Self.wallet(of: account, db) }
    }

    public func wallet(forTokenDigest digest: String, now: Date) async throws -> TokenWallet? {
        try await lookUp { db in
            try Row.fetchOne(db.cachedStatement(sql: """
                SELECT token.accountId, token.generation, wallet.encryptedWallet, wallet.sequence, wallet.hmac,
                       token.expiresAt
                FROM token JOIN account ON account.id = token.accountId LEFT JOIN wallet ON wallet.accountId = token.accountId
                WHERE token.digest = ? AND token.expiresAt > ? AND token.generation = account.generation
                """), arguments: [digest, now.timeIntervalSince1970])
            .map { row in
                TokenWallet(owner: TokenOwner(account: row[0], generation: row[1]),
                            wallet: (row[2] as Data?).map { blob in
                                WalletPayload(encryptedWallet: String(decoding: blob, as: UTF8.self), sequence: row[3],
                                              hmac: String(decoding: row[4] as Data, as: UTF8.self))
                            },
                            expiresAt: Date(timeIntervalSince1970: row[5]))
            }
        }
    }

    public func replaceWallet(_ wallet: WalletPayload, of account: AccountID, ifSequenceIs previous: UInt32,
                              generation: Int64) async throws -> WalletWriteOutcome {
        try await pool.write { db in
            guard try Self.generation(of: account, db) == generation else { return .generationMoved }
            return try Self.compareAndSetWallet(wallet, of: account, ifSequenceIs: previous, db) ? .replaced : .staleSequence
        }
    }

    public func changePassword(_ change: PasswordChange) async throws -> PasswordChangeOutcome {
        try await pool.write { db in
            guard try Self.generation(of: change.account, db) == change.expectedGeneration else { return .generationMoved }
            if let wallet = change.wallet {
                guard try Self.compareAndSetWallet(wallet, of: change.account, ifSequenceIs: wallet.sequence - 1, db) else {
                    return .staleSequence
                }
            } else if try Self.wallet(of: change.account, db) != nil {
                return .walletExists
            }
            try db.execute(
                sql: "UPDATE account SET passwordHash = ?, clientSaltSeed = ?, generation = generation + 1 WHERE id = ?",
                arguments: [change.newPasswordHash, change.newClientSaltSeed, change.account])
            try db.execute(sql: "DELETE FROM token WHERE accountId = ?", arguments: [change.account])
            return .changed(newGeneration: change.expectedGeneration + 1)
        }
    }

    public func setVerificationTicket(_ ticket: VerificationTicket, for account: AccountID) async throws {
        try await pool.write { db in
            try db.execute(sql: "UPDATE account SET ticketDigest = ?, ticketExpiresAt = ? WHERE id = ?",
                           arguments: [ticket.digest, ticket.expiresAt.timeIntervalSince1970, account])
        }
    }

    public func verifyAccount(ticketDigest: String, now: Date) async throws -> VerifyOutcome {
        try await pool.write { db in
            guard let id = try AccountID.fetchOne(
                db, sql: "SELECT id FROM account WHERE ticketDigest = ? AND ticketExpiresAt > ?",
                arguments: [ticketDigest, now.timeIntervalSince1970]) else { return .unknownOrExpired }
            try db.execute(sql: "UPDATE account SET verified = 1, ticketDigest = NULL, ticketExpiresAt = NULL WHERE id = ?",
                           arguments: [id])
            return .verified(id)
        }
    }

    private static func generation(of account: AccountID, _ db: Database) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT generation FROM account WHERE id = ?", arguments: [account])
    }

    private static func wallet(of account: AccountID, _ db: Database) throws -> WalletPayload? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT encryptedWallet, sequence, hmac FROM wallet WHERE accountId = ?"),
                         arguments: [account])
        .map { row in
            WalletPayload(encryptedWallet: String(decoding: row["encryptedWallet"] as Data, as: UTF8.self),
                          sequence: row["sequence"], hmac: String(decoding: row["hmac"] as Data, as: UTF8.self))
        }
    }

    /// The compare-and-set at the heart of the protocol: only one writer of a given sequence can match the row.
    private static func compareAndSetWallet(_ wallet: WalletPayload, of account: AccountID, ifSequenceIs previous: UInt32,
                                            _ db: Database) throws -> Bool {
        let arguments: StatementArguments = [Data(wallet.encryptedWallet.utf8), wallet.sequence, Data(wallet.hmac.utf8), account]
        if previous == 0 {
            try db.execute(sql: """
                INSERT INTO wallet (encryptedWallet, sequence, hmac, accountId) VALUES (?, ?, ?, ?)
                ON CONFLICT (accountId) DO NOTHING
                """, arguments: arguments)
        } else {
            try db.execute(sql: "UPDATE wallet SET encryptedWallet = ?, sequence = ?, hmac = ? WHERE accountId = ? AND sequence = ?",
                           arguments: arguments + [previous])
        }
        return db.changesCount == 1
    }
}
