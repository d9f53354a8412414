import Foundation
import PostgresNIO
import TandemServerCore
import TandemWire

// Devices, log-out, account deletion and the operator's queries. Revocations and deletions are recorded in the
// `account_event` outbox and NOTIFYed in their own transaction, like password changes, so every instance's relay
// closes the sockets concerned once the change has committed.

extension PostgresAccountStore: AccountAdministration {
    public func devices(of account: AccountID, now: Date) async throws -> [DeviceRecord] {
        try await rows("""
            SELECT token.device_id, token.created_at, token.last_seen_at, token.digest
            FROM token JOIN account ON account.id = token.account_id
            WHERE token.account_id = \(account) AND token.expires_at > \(now) AND token.generation = account.generation
            ORDER BY token.created_at, token.device_id
            """)
        .map { row in
            let (device, createdAt, lastSeenAt, digest) = try row.decode((Data, Date, Date, String).self)
            return DeviceRecord(deviceID: String(decoding: device, as: UTF8.self), createdAt: createdAt,
                                lastSeenAt: lastSeenAt, tokenDigest: digest)
        }
    }

    public func recordActivity(tokenDigest: String, minute: Date) async throws {
        _ = try await rows("UPDATE token SET last_seen_at = \(minute) WHERE digest = \(tokenDigest) AND last_seen_at < \(minute)")
    }

    public func revokeDevice(_ deviceID: String, of account: AccountID, now: Date) async throws -> RevokeDeviceOutcome {
        try await transaction { connection in
            let device = Data(deviceID.utf8)
            // The hash comparison lets the unique index on (account_id, sha256(device_id)) find the row.
            let deleted = try await connection.rows("""
                DELETE FROM token USING account
                WHERE token.account_id = \(account) AND account.id = token.account_id
                  AND sha256(token.device_id) = sha256(\(device)) AND token.device_id = \(device)
                RETURNING token.expires_at > \(now) AND token.generation = account.generation
                """, logger: logger)
            guard let live = try deleted.first?.decode(Bool.self) else { return .noSuchDevice }
            try await AccountEventRecord.announce(kind: "device", account: account, value: 0, deviceKey: DeviceKey.of(deviceID),
                                                  on: connection, logger: logger)
            return live ? .revoked : .noSuchDevice
        }
    }

    public func revokeToken(digest: String, now: Date) async throws -> RevokeTokenOutcome {
        try await transaction { connection in
            let deleted = try await connection.rows("""
                DELETE FROM token USING account
                WHERE token.digest = \(digest) AND account.id = token.account_id
                  AND token.expires_at > \(now) AND token.generation = account.generation
                RETURNING token.account_id, token.device_id
                """, logger: logger)
            guard let row = try deleted.first?.decode((AccountID, Data).self) else { return .notFound }
            let (account, device) = row
            let deviceID = String(decoding: device, as: UTF8.self)
            try await AccountEventRecord.announce(kind: "device", account: account, value: 0, deviceKey: DeviceKey.of(deviceID),
                                                  on: connection, logger: logger)
            return .revoked(deviceID: deviceID)
        }
    }

    public func deleteAccount(_ account: AccountID, generation: Int64) async throws -> DeleteAccountOutcome {
        try await transaction { connection in
            // FOR UPDATE waits for wallet writes and log-ins holding the row FOR SHARE; those that come later find
            // the row gone once this commits, and change nothing.
            guard try await Self.lockedGeneration(of: account, .update, connection, logger) == generation else {
                return .generationMoved
            }
            try await connection.run("DELETE FROM token WHERE account_id = \(account)", logger: logger)
            try await connection.run("DELETE FROM wallet WHERE account_id = \(account)", logger: logger)
            try await connection.run("DELETE FROM account WHERE id = \(account)", logger: logger)  // the ticket too
            try await AccountEventRecord.announce(kind: "deleted", account: account, value: generation,
                                                  on: connection, logger: logger)
            return .deleted
        }
    }

    public func accountSummaries(matching filter: String?, now: Date) async throws -> [AccountSummary] {
        let key = filter.map(FieldValidation.emailKey)
        return try await rows("""
            SELECT account.id, account.email, account.verified, account.created_at,
                   (SELECT count(*) FROM token WHERE token.account_id = account.id
                       AND token.expires_at > \(now) AND token.generation = account.generation),
                   (SELECT max(token.last_seen_at) FROM token WHERE token.account_id = account.id
                       AND token.expires_at > \(now) AND token.generation = account.generation),
                   coalesce((SELECT sequence FROM wallet WHERE wallet.account_id = account.id), 0)
            FROM account
            WHERE \(key)::TEXT IS NULL OR strpos(account.email_key, \(key)) > 0
            ORDER BY account.email_key
            """)
        .map { row in
            let (id, email, verified, createdAt, devices, lastSeenAt, sequence) =
                try row.decode((AccountID, String, Bool, Date?, Int64, Date?, Int64).self)
            return AccountSummary(id: id, email: email, verified: verified, createdAt: createdAt, devices: Int(devices),
                                  lastSeenAt: lastSeenAt, walletSequence: UInt32(clamping: sequence))
        }
    }

    /// Nothing to do: `deleteAccount` and the revocations announced themselves through the relay's outbox.
    public func announceToRunningServers(_ event: AccountEvent) async throws {}

    /// `deleteAccount` writes its outbox event in its own transaction already.
    public func deleteAccountAnnouncing(_ account: AccountID, generation: Int64) async throws -> DeleteAccountOutcome {
        try await deleteAccount(account, generation: generation)
    }

    public func markVerified(_ account: AccountID) async throws -> Bool {
        try await !rows("""
            UPDATE account SET verified = TRUE, ticket_digest = NULL, ticket_expires_at = NULL WHERE id = \(account)
            RETURNING id
            """).isEmpty
    }
}
