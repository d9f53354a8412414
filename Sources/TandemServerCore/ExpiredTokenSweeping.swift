import Foundation

/// A store that can delete tokens past their expiry. Expired tokens already fail every check; the server sweeps
/// them periodically (`TokenSweeper`) so that they do not pile up in the database.
public protocol ExpiredTokenSweeping: Sendable {
    /// Deletes every token that expired at or before `now`; returns how many.
    func deleteExpiredTokens(now: Date) async throws -> Int
}
