import PostgresNIO

extension PostgresAccountStore {
    /// One released change of the schema; never edit a released migration, add the next one.
    struct Migration: Sendable {
        let version: Int
        let name: String
        /// Run in order in one transaction (the extended protocol takes one statement per query).
        let statements: [String]
    }

    /// Any constant works; it only has to be the same for every instance, so they migrate one at a time.
    static let migrationLock: Int64 = 0x7461_6e64_656d_0001

    static let migrations: [Migration] = [
        Migration(version: 1, name: "accounts, tokens, wallets, account events", statements: [
            """
            CREATE TABLE account (
                id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                email TEXT NOT NULL,
                email_key TEXT NOT NULL CONSTRAINT account_email_key_unique UNIQUE,
                password_hash TEXT NOT NULL,
                client_salt_seed TEXT NOT NULL,
                verified BOOLEAN NOT NULL,
                generation BIGINT NOT NULL,
                ticket_digest TEXT CONSTRAINT account_ticket_digest_unique UNIQUE,
                ticket_expires_at TIMESTAMPTZ
            )
            """,
            // Device ids are client strings of any length, so the unique index holds their hash, not the bytes.
            """
            CREATE TABLE token (
                digest TEXT PRIMARY KEY,
                account_id BIGINT NOT NULL REFERENCES account (id) ON DELETE CASCADE,
                device_id BYTEA NOT NULL,
                generation BIGINT NOT NULL,
                expires_at TIMESTAMPTZ NOT NULL
            )
            """,
            "CREATE UNIQUE INDEX token_device_unique ON token (account_id, sha256(device_id))",
            """
            CREATE TABLE wallet (
                account_id BIGINT PRIMARY KEY REFERENCES account (id) ON DELETE CASCADE,
                encrypted_wallet BYTEA NOT NULL,
                sequence BIGINT NOT NULL,
                hmac BYTEA NOT NULL
            )
            """,
            // The outbox of the cross-instance relay: every accepted wallet write and password change, written in
            // the same transaction as the change and announced with NOTIFY on commit. A relay whose LISTEN
            // connection was down reads here what it missed. Rows are pruned after an hour.
            """
            CREATE TABLE account_event (
                id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                account_id BIGINT NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ('wallet', 'password')),
                value BIGINT NOT NULL,
                created_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
            )
            """,
            "CREATE INDEX account_event_created_at ON account_event (created_at)",
        ]),
        Migration(version: 2, name: "device times, account created_at, device and deletion events", statements: [
            // Tokens issued before version 2 lived 14 days, so that is when they were issued.
            "ALTER TABLE token ADD COLUMN created_at TIMESTAMPTZ",
            "ALTER TABLE token ADD COLUMN last_seen_at TIMESTAMPTZ",
            "UPDATE token SET created_at = expires_at - INTERVAL '14 days', last_seen_at = expires_at - INTERVAL '14 days'",
            "ALTER TABLE token ALTER COLUMN created_at SET NOT NULL, ALTER COLUMN last_seen_at SET NOT NULL",
            // Accounts from before version 2 keep NULL: their creation time is unknown.
            "ALTER TABLE account ADD COLUMN created_at TIMESTAMPTZ",
            "ALTER TABLE account ALTER COLUMN created_at SET DEFAULT now()",
            // A revoked device is named by its key (hex SHA-256 of the device id), which fits a NOTIFY payload.
            "ALTER TABLE account_event ADD COLUMN device_key TEXT",
            "ALTER TABLE account_event DROP CONSTRAINT account_event_kind_check",
            """
            ALTER TABLE account_event ADD CONSTRAINT account_event_kind_check
                CHECK (kind IN ('wallet', 'password', 'device', 'deleted'))
            """,
        ]),
        // Instances cache live tokens; a log-in replaces the device's earlier token, so the others must hear of it.
        Migration(version: 3, name: "log-in events", statements: [
            "ALTER TABLE account_event DROP CONSTRAINT account_event_kind_check",
            """
            ALTER TABLE account_event ADD CONSTRAINT account_event_kind_check
                CHECK (kind IN ('wallet', 'password', 'device', 'deleted', 'login'))
            """,
        ]),
    ]

    /// Brings the database to the current schema. Safe to run from many instances at once: a transaction-scoped
    /// advisory lock lets one migrate while the others wait, then find nothing left to do.
    public func migrate() async throws {
        try await transaction { connection in
            try await connection.run("SELECT pg_advisory_xact_lock(\(Self.migrationLock))", logger: logger)
            try await connection.run("""
                CREATE TABLE IF NOT EXISTS schema_migration (
                    version INTEGER PRIMARY KEY,
                    name TEXT NOT NULL,
                    applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
                )
                """, logger: logger)
            var applied = Set<Int>()
            for row in try await connection.rows("SELECT version FROM schema_migration", logger: logger) {
                applied.insert(try row.decode(Int.self))
            }
            if let newest = applied.max(), newest > (Self.migrations.last?.version ?? 0) {
                throw SchemaTooNew(version: newest)
            }
            for migration in Self.migrations where !applied.contains(migration.version) {
                for statement in migration.statements {
                    try await connection.run(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.run(
                    "INSERT INTO schema_migration (version, name) VALUES (\(migration.version), \(migration.name))",
                    logger: logger)
                logger.info("Migrated the PostgreSQL schema", metadata: ["version": "\(migration.version)",
                                                                          "migration": "\(migration.name)"])
            }
        }
    }

    /// The database was migrated by a newer tandem-server; this one must not write to it.
    struct SchemaTooNew: Error, CustomStringConvertible {
        let version: Int
        var description: String {
            "the PostgreSQL schema is at version \(version), newer than this tandem-server knows; upgrade it"
        }
    }
}
