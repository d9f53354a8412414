import Foundation
import PostgresNIO
import TandemServerCore

// The lookups every authenticated request starts with, as prepared statements: each pooled connection parses and
// plans them once instead of on every request, which was most of PostgreSQL's work for them.

/// A live token's account and generation.
struct TokenOwnerStatement: PostgresPreparedStatement {
    static let name = "tandem_token_owner_v1"
    static let sql = """
        SELECT token.account_id, token.generation FROM token JOIN account ON account.id = token.account_id
        WHERE token.digest = $1 AND token.expires_at > $2 AND token.generation = account.generation
        """
    typealias Row = (account: AccountID, generation: Int64)

    var digest: String
    var now: Date

    func makeBindings() throws -> PostgresBindings { liveTokenBindings(digest: digest, now: now) }

    func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode((AccountID, Int64).self) }
}

/// A live token's account, its expiry and that account's wallet, for `GET /wallet` in one round trip.
struct TokenWalletStatement: PostgresPreparedStatement {
    static let name = "tandem_token_wallet_v2"
    static let sql = """
        SELECT token.account_id, token.generation, wallet.encrypted_wallet, wallet.sequence, wallet.hmac, token.expires_at
        FROM token JOIN account ON account.id = token.account_id LEFT JOIN wallet ON wallet.account_id = token.account_id
        WHERE token.digest = $1 AND token.expires_at > $2 AND token.generation = account.generation
        """
    typealias Row = (account: AccountID, generation: Int64, blob: Data?, sequence: Int64?, hmac: Data?, expiresAt: Date)

    var digest: String
    var now: Date

    func makeBindings() throws -> PostgresBindings { liveTokenBindings(digest: digest, now: now) }

    func decodeRow(_ row: PostgresRow) throws -> Row {
        try row.decode((AccountID, Int64, Data?, Int64?, Data?, Date).self)
    }
}

private func liveTokenBindings(digest: String, now: Date) -> PostgresBindings {
    var bindings = PostgresBindings(capacity: 2)
    bindings.append(digest)
    bindings.append(now)
    return bindings
}

extension PostgresConnection {
    /// Runs a prepared statement and collects its rows; fails rather than hangs if the connection closes meanwhile.
    func rows<Statement: PostgresPreparedStatement>(_ statement: Statement, logger: Logger) async throws -> [Statement.Row]
    where Statement.Row: Sendable {
        try await ConnectionWatchdog.shared.run(on: self) {
            try await self.execute(statement, logger: logger).reduce(into: []) { $0.append($1) }
        }
    }
}
