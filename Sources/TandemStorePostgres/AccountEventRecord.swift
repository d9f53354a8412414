import PostgresNIO
import TandemServerCore

/// One row of the `account_event` outbox, which is also what a NOTIFY on `channel` carries:
/// `id:kind:account:value`, followed by `:deviceKey` for a revoked device or a log-in.
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
        let parts = payload.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 4 || parts.count == 5, let id = Int64(parts[0]), let account = AccountID(parts[2]),
              let value = Int64(parts[3]),
              let event = Self.event(kind: String(parts[1]), account: account, value: value,
                                     deviceKey: parts.count == 5 ? String(parts[4]) : nil) else { return nil }
        self.init(id: id, event: event)
    }

    /// Decodes a row selected as `id, kind, account_id, value, device_key`.
    init?(row: PostgresRow) throws {
        let (id, kind, account, value, deviceKey) = try row.decode((Int64, String, AccountID, Int64, String?).self)
        guard let event = Self.event(kind: kind, account: account, value: value, deviceKey: deviceKey) else { return nil }
        self.init(id: id, event: event)
    }

    private static func event(kind: String, account: AccountID, value: Int64, deviceKey: String?) -> AccountEvent? {
        switch kind {
        case "wallet": UInt32(exactly: value).map { .walletUpdated(account, sequence: $0) }
        case "password": .passwordChanged(account)
        case "device": deviceKey.map { .deviceRevoked(account, deviceKey: $0) }
        case "deleted": .accountDeleted(account)
        case "login": deviceKey.map { .deviceLoggedIn(account, deviceKey: $0) }
        default: nil
        }
    }

    /// Inside a write's transaction: records the event in the outbox and NOTIFYs it, both taking effect only on
    /// commit. `value` is the new wallet sequence, or the new generation for a password change (0 when meaningless);
    /// `deviceKey` names the device of a `device` event.
    static func announce(kind: String, account: AccountID, value: Int64, deviceKey: String? = nil,
                         on connection: PostgresConnection, logger: Logger) async throws {
        _ = try await connection.rows("""
            WITH event AS (
                INSERT INTO account_event (account_id, kind, value, device_key) VALUES (\(account), \(kind), \(value), \(deviceKey))
                RETURNING id, kind, account_id, value, device_key
            )
            SELECT pg_notify(\(channel), id || ':' || kind || ':' || account_id || ':' || value
                                         || coalesce(':' || device_key, '')) FROM event
            """, logger: logger)
    }
}
