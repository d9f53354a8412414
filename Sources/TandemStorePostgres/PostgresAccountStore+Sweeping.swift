import Foundation
import PostgresNIO
import TandemServerCore

extension PostgresAccountStore: ExpiredTokenSweeping {
    public func deleteExpiredTokens(now: Date) async throws -> Int {
        try await rows("DELETE FROM token WHERE expires_at <= \(now) RETURNING 1").count
    }
}
