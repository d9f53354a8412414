import Foundation
import GRDB
import TandemServerCore

extension SQLiteAccountStore: ServerSecretStoring {
    // The table is made on first use rather than by a migration: only servers with --hide-accounts need it.
    public func serverSecret() async throws -> [UInt8] {
        try await pool.write { db in
            try db.execute(sql: """
                CREATE TABLE IF NOT EXISTS serverSecret (id INTEGER PRIMARY KEY CHECK (id = 1), secret BLOB NOT NULL);
                INSERT OR IGNORE INTO serverSecret (id, secret) VALUES (1, randomblob(32));
                """)
            let secret = try Data.fetchOne(db, sql: "SELECT secret FROM serverSecret WHERE id = 1") ?? Data()
            return Array(secret)
        }
    }
}
