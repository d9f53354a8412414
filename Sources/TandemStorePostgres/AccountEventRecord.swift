import PostgresNIO
import TandemServerCore

/// One row of the `account_event` outbox, which is also what a NOTIFY on `channel` carries: `id:kind:account:value`.
struct AccountEventRecord: Sendable, Equatable {
    /// The channel every instance on the database LISTENs on (NOTIFY is scoped to one database).
    static let channel = "tandem_account_events"

    /// Increases with every recorded event (with gaps); identifies an event across NOTIFY and catch-up.
    let id: Int64
    let event: AccountEvent

    init(id: Int64, event: AccountEvent) {
        self.id = id
        self.event = event
    }

    /// Decodes a NOTIFY payload; nil for anything else.
    init?(payload: String) {
        let parts = payload.split(separator: ":")
        guard parts.count == 4, let id = Int64(parts[0]), let account = AccountID(parts[2]), let value = Int64(parts[3]),
              let event = Self.event(kind: String(parts[1]), account: account, value: value) else { return nil }
        self.init(id: id, event: event)
    }

    /// Decodes a row selected as `id, kind, account_id, value`.
    init?(row: PostgresRow) throws {
        let (id, kind, account, value) = try row.decode((Int64, String, AccountID, Int64).self)
        guard let event = Self.event(kind: kind, account: account, value: value) else { return nil }
        self.init(id: id, event: event)
    }

    private static func event(kind: String, account: AccountID, value: Int64) -> AccountEvent? {
        switch kind {
        case "wallet": UInt32(exactly: value).map { .walletUpdated(account, sequence: $0) }
        case "password": .passwordChanged(account)
        default: nil
        }
    }

    /// Inside a write's transaction: records the event in the outbox and NOTIFYs it, both taking effect only on
    /// commit. `value` is the new wallet sequence, or the new generation for a password change.
    static func announce(kind: String, account: AccountID, value: Int64, on connection: PostgresConnection,
                         logger: Logger) async throws {
        _ = try await connection.rows("""
            WITH event AS (
                INSERT INTO account_event (account_id, kind, value) VALUES (\(account), \(kind), \(value))
                RETURNING id, kind, account_id, value
            )
            SELECT pg_notify(\(channel), id || ':' || kind || ':' || account_id || ':' || value) FROM event
            """, logger: logger)
    }
}
