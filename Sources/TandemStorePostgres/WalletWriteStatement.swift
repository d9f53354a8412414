import Foundation
import PostgresNIO
import TandemServerCore
import TandemWire

/// A wallet write as one prepared statement, one round trip instead of five (BEGIN, lock, compare-and-set, outbox,
/// COMMIT), with the same guarantees: the account row is share-locked before the wallet row is touched, so a
/// password change (which takes that row FOR UPDATE) either waits for this write or makes it see the new
/// generation; the wallet changes only if its sequence is still the expected one (on conflict, PostgreSQL re-checks
/// that condition against the row the other writer committed); and the outbox row and its NOTIFY exist exactly when
/// the wallet changed, all committing together.
///
/// Its row tells the outcome: the account's generation (nil for an unknown account) and whether the wallet changed.
struct WalletWriteStatement: PostgresPreparedStatement {
    static let name = "tandem_wallet_write_v1"
    static let sql = """
        WITH owner AS (
            SELECT generation FROM account WHERE id = $1 FOR SHARE
        ), replaced AS (
            UPDATE wallet SET encrypted_wallet = $2, sequence = $3, hmac = $4
            WHERE account_id = $1 AND sequence = $5 AND $5 > 0 AND (SELECT generation FROM owner) = $6
            RETURNING account_id
        ), created AS (
            INSERT INTO wallet (account_id, encrypted_wallet, sequence, hmac)
            SELECT $1, $2, $3, $4 WHERE $5 = 0 AND (SELECT generation FROM owner) = $6
            ON CONFLICT (account_id) DO NOTHING
            RETURNING account_id
        ), event AS (
            INSERT INTO account_event (account_id, kind, value)
            SELECT account_id, 'wallet', $3 FROM replaced UNION ALL SELECT account_id, 'wallet', $3 FROM created
            RETURNING id, kind, account_id, value
        ), notified AS (
            SELECT pg_notify('\(AccountEventRecord.channel)', id || ':' || kind || ':' || account_id || ':' || value) FROM event
        )
        SELECT (SELECT generation FROM owner), (SELECT count(*) FROM notified)
        """
    typealias Row = (generation: Int64?, written: Int64)

    var account: AccountID
    var wallet: WalletPayload
    /// The sequence the stored wallet must have; 0 when there must be none yet.
    var previous: UInt32
    var generation: Int64

    func makeBindings() throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: 6)
        bindings.append(account)
        try bindings.append(Data(wallet.encryptedWallet.utf8))
        bindings.append(Int64(wallet.sequence))
        try bindings.append(Data(wallet.hmac.utf8))
        bindings.append(Int64(previous))
        bindings.append(generation)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Row {
        try row.decode((Int64?, Int64).self)
    }
}
