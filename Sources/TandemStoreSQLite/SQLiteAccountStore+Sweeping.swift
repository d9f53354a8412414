import Foundation
import GRDB
import TandemServerCore

extension SQLiteAccountStore: ExpiredTokenSweeping {
    public func deleteExpiredTokens(now: Date) async throws -> Int {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM token WHERE expiresAt <= ?", arguments: [now.timeIntervalSince1970])
            return db.changesCount
        }
    }
}
