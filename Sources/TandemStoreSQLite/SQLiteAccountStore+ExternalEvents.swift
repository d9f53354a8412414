import Foundation
import GRDB
import TandemServerCore

// The `account_event` table of a SQLite database: what the admin command tells running servers (which poll it).
// Only account deletions and device revocations are ever written; rows older than a day are pruned by the writer.

extension SQLiteAccountStore: ExternalEventLog {
    public func latestExternalEventID() async throws -> Int64 {
        try await pool.read { db in try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM account_event") ?? 0 }
    }

    public func externalEvents(after id: Int64) async throws -> [(id: Int64, event: AccountEvent)] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT id, kind, accountId, deviceKey FROM account_event WHERE id > ? ORDER BY id",
                             arguments: [id])
            .compactMap { row -> (id: Int64, event: AccountEvent)? in
                let account: AccountID = row[2]
                switch row[1] as String {
                case "deleted": return (row[0], .accountDeleted(account))
                case "device": return (row[3] as String?).map { (row[0], .deviceRevoked(account, deviceKey: $0)) }
                default: return nil
                }
            }
        }
    }

    public func announceToRunningServers(_ event: AccountEvent) async throws {
        try await pool.write { db in try Self.announce(event, in: db) }
    }

    /// Writes `event` for the polling servers inside the caller's write transaction.
    static func announce(_ event: AccountEvent, in db: Database) throws {
        let (account, kind, deviceKey): (AccountID, String, String?)
        switch event {
        case .accountDeleted(let id): (account, kind, deviceKey) = (id, "deleted", nil)
        case .deviceRevoked(let id, let key): (account, kind, deviceKey) = (id, "device", key)
        case .walletUpdated, .passwordChanged, .deviceLoggedIn: return  // only servers cause these, and they tell their own
        }
        let now = Date().timeIntervalSince1970
        try db.execute(sql: "INSERT INTO account_event (accountId, kind, deviceKey, createdAt) VALUES (?, ?, ?, ?)",
                       arguments: [account, kind, deviceKey, now])
        try db.execute(sql: "DELETE FROM account_event WHERE createdAt < ?", arguments: [now - 86_400])
    }
}
