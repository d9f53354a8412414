import Foundation
import GRDB
import TandemServerCore
import TandemWire

// Devices, log-out, account deletion and the operator's queries. Everything goes through GRDB's async `read`/`write`,
// which run on GRDB's own queues: no SQLite call blocks a thread of Swift's cooperative pool.

/// A token is live while it has not expired and was issued under the account's current generation.
private let liveToken = "token.expiresAt > ? AND token.generation = account.generation"

extension SQLiteAccountStore: AccountAdministration {
    /// Inside `issueToken`'s transaction: stores `grant` as the device's only token. A device logging in again keeps
    /// the `createdAt` of its first log-in.
    static func storeToken(_ grant: TokenGrant, _ db: Database) throws {
        let device = Data(grant.deviceID.utf8)
        let createdAt = try Double.fetchOne(db, sql: "SELECT createdAt FROM token WHERE accountId = ? AND deviceId = ?",
                                            arguments: [grant.account, device])
        try db.execute(sql: "DELETE FROM token WHERE accountId = ? AND deviceId = ?", arguments: [grant.account, device])
        try db.execute(
            sql: """
            INSERT INTO token (digest, accountId, deviceId, generation, expiresAt, createdAt, lastSeenAt)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """,
            arguments: [grant.digest, grant.account, device, grant.generation, grant.expiresAt.timeIntervalSince1970,
                        createdAt ?? grant.issuedAt.timeIntervalSince1970, grant.issuedAt.startOfMinute.timeIntervalSince1970])
    }

    public func devices(of account: AccountID, now: Date) async throws -> [DeviceRecord] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT token.deviceId, token.createdAt, token.lastSeenAt, token.digest
                FROM token JOIN account ON account.id = token.accountId
                WHERE token.accountId = ? AND \(liveToken)
                ORDER BY token.createdAt, token.deviceId
                """, arguments: [account, now.timeIntervalSince1970])
            .map { row in
                DeviceRecord(deviceID: String(decoding: row[0] as Data, as: UTF8.self),
                             createdAt: Date(timeIntervalSince1970: row[1]), lastSeenAt: Date(timeIntervalSince1970: row[2]),
                             tokenDigest: row[3])
            }
        }
    }

    public func recordActivity(tokenDigest: String, minute: Date) async throws {
        try await pool.write { db in
            try db.execute(sql: "UPDATE token SET lastSeenAt = ? WHERE digest = ? AND lastSeenAt < ?",
                           arguments: [minute.timeIntervalSince1970, tokenDigest, minute.timeIntervalSince1970])
        }
    }

    public func revokeDevice(_ deviceID: String, of account: AccountID, now: Date) async throws -> RevokeDeviceOutcome {
        try await pool.write { db in
            let device = Data(deviceID.utf8)
            let live = try Bool.fetchOne(db, sql: """
                SELECT \(liveToken) FROM token JOIN account ON account.id = token.accountId
                WHERE token.accountId = ? AND token.deviceId = ?
                """, arguments: [now.timeIntervalSince1970, account, device])
            try db.execute(sql: "DELETE FROM token WHERE accountId = ? AND deviceId = ?", arguments: [account, device])
            return live == true ? .revoked : .noSuchDevice
        }
    }

    public func revokeToken(digest: String, now: Date) async throws -> RevokeTokenOutcome {
        try await pool.write { db in
            guard let device = try Data.fetchOne(db, sql: """
                SELECT token.deviceId FROM token JOIN account ON account.id = token.accountId
                WHERE token.digest = ? AND \(liveToken)
                """, arguments: [digest, now.timeIntervalSince1970]) else { return .notFound }
            try db.execute(sql: "DELETE FROM token WHERE digest = ?", arguments: [digest])
            return .revoked(deviceID: String(decoding: device, as: UTF8.self))
        }
    }

    public func deleteAccount(_ account: AccountID, generation: Int64) async throws -> DeleteAccountOutcome {
        try await pool.write { db in try Self.deleteAccount(account, generation: generation, in: db) }
    }

    public func deleteAccountAnnouncing(_ account: AccountID, generation: Int64) async throws -> DeleteAccountOutcome {
        try await pool.write { db in
            let outcome = try Self.deleteAccount(account, generation: generation, in: db)
            if outcome == .deleted { try Self.announce(.accountDeleted(account), in: db) }
            return outcome
        }
    }

    private static func deleteAccount(_ account: AccountID, generation: Int64, in db: Database) throws -> DeleteAccountOutcome {
        // The write transaction holds SQLite's only write lock: no wallet write or log-in interleaves with it, and
        // those that follow find no account (their generation check fails) and change nothing.
        guard try Int64.fetchOne(db, sql: "SELECT generation FROM account WHERE id = ?", arguments: [account]) == generation
        else { return .generationMoved }
        // Explicit rather than relying on ON DELETE CASCADE, which needs foreign keys enabled on the connection.
        try db.execute(sql: "DELETE FROM token WHERE accountId = ?", arguments: [account])
        try db.execute(sql: "DELETE FROM wallet WHERE accountId = ?", arguments: [account])
        try db.execute(sql: "DELETE FROM account WHERE id = ?", arguments: [account])  // the verification ticket too
        return .deleted
    }

    public func accountSummaries(matching filter: String?, now: Date) async throws -> [AccountSummary] {
        try await pool.read { db in
            let seconds = now.timeIntervalSince1970
            return try Row.fetchAll(db, sql: """
                SELECT account.id, account.email, account.verified, account.createdAt,
                       (SELECT count(*) FROM token WHERE token.accountId = account.id AND \(liveToken)),
                       (SELECT max(token.lastSeenAt) FROM token WHERE token.accountId = account.id AND \(liveToken)),
                       coalesce((SELECT sequence FROM wallet WHERE wallet.accountId = account.id), 0)
                FROM account
                WHERE ? IS NULL OR instr(account.emailKey, ?) > 0
                ORDER BY account.emailKey
                """, arguments: [seconds, seconds, filter.map(FieldValidation.emailKey), filter.map(FieldValidation.emailKey)])
            .map { row in
                AccountSummary(id: row[0], email: row[1], verified: row[2],
                               createdAt: (row[3] as Double?).map(Date.init(timeIntervalSince1970:)), devices: row[4],
                               lastSeenAt: (row[5] as Double?).map(Date.init(timeIntervalSince1970:)), walletSequence: row[6])
            }
        }
    }

    public func markVerified(_ account: AccountID) async throws -> Bool {
        try await pool.write { db in
            try db.execute(sql: "UPDATE account SET verified = 1, ticketDigest = NULL, ticketExpiresAt = NULL WHERE id = ?",
                           arguments: [account])
            return db.changesCount == 1
        }
    }
}
