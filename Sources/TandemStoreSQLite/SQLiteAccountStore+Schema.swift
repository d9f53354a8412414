import GRDB

extension SQLiteAccountStore {
    /// The schema, one migration per released change; never edit a registered migration.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: accounts, tokens, wallets") { db in
            try db.execute(sql: """
                CREATE TABLE account (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    email TEXT NOT NULL,
                    emailKey TEXT NOT NULL UNIQUE,
                    passwordHash TEXT NOT NULL,
                    clientSaltSeed TEXT NOT NULL,
                    verified BOOLEAN NOT NULL,
                    generation INTEGER NOT NULL,
                    ticketDigest TEXT UNIQUE,
                    ticketExpiresAt DOUBLE
                );
                CREATE TABLE token (
                    digest TEXT PRIMARY KEY,
                    accountId INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,
                    deviceId BLOB NOT NULL,
                    generation INTEGER NOT NULL,
                    expiresAt DOUBLE NOT NULL,
                    UNIQUE (accountId, deviceId)
                );
                CREATE TABLE wallet (
                    accountId INTEGER PRIMARY KEY REFERENCES account(id) ON DELETE CASCADE,
                    encryptedWallet BLOB NOT NULL,
                    sequence INTEGER NOT NULL,
                    hmac BLOB NOT NULL
                );
                """)
        }
        migrator.registerMigration("v2: device times, account createdAt, admin events") { db in
            // Tokens issued before v2 lived 14 days, so that is when they were issued. Times are seconds since 1970.
            try db.execute(sql: """
                ALTER TABLE token ADD COLUMN createdAt DOUBLE NOT NULL DEFAULT 0;
                ALTER TABLE token ADD COLUMN lastSeenAt DOUBLE NOT NULL DEFAULT 0;
                UPDATE token SET createdAt = expiresAt - 1209600, lastSeenAt = expiresAt - 1209600;
                ALTER TABLE account ADD COLUMN createdAt DOUBLE;
                CREATE TABLE account_event (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    accountId INTEGER NOT NULL,
                    kind TEXT NOT NULL,
                    deviceKey TEXT,
                    createdAt DOUBLE NOT NULL
                );
                """)
            // ALTER TABLE cannot give a column a time as default, so a trigger stamps new accounts (older ones stay
            // NULL: unknown). It uses the database's clock, as any writer (server or admin command) inserts.
            try db.execute(sql: """
                CREATE TRIGGER account_created_at AFTER INSERT ON account WHEN NEW.createdAt IS NULL BEGIN
                    UPDATE account SET createdAt = (julianday('now') - 2440587.5) * 86400.0 WHERE id = NEW.id;
                END
                """)
        }
        return migrator
    }
}
