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
        return migrator
    }
}
