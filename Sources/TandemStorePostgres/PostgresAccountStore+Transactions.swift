import Foundation
import Logging
import PostgresNIO

extension PostgresAccountStore {
    /// SQLSTATEs after which the whole operation is simply run again: serialization failure and deadlock. The store
    /// runs READ COMMITTED with explicit row locks, where neither should happen; a database whose default isolation
    /// was raised, or lock orders nobody foresaw, must still never turn into a 500.
    static let retryableStates: Set<String> = ["40001", "40P01"]
    /// Attempts before a retryable failure is reported after all.
    static let maximumAttempts = 10

    /// Runs `body` in one READ COMMITTED transaction on a pooled connection, committing when it returns and rolling
    /// back when it throws; the whole transaction is retried on a serialization failure or deadlock.
    func transaction<Result: Sendable>(
        _ body: @Sendable (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        try await retrying {
            try await client.withConnection { connection in
                try await connection.query("BEGIN ISOLATION LEVEL READ COMMITTED", logger: logger)
                do {
                    let result = try await body(connection)
                    try await connection.query("COMMIT", logger: logger)
                    return result
                } catch {
                    // A failed COMMIT has already ended the transaction; ROLLBACK then only draws a warning.
                    _ = try? await connection.query("ROLLBACK", logger: logger)
                    throw error
                }
            }
        }
    }

    /// Runs one statement on its own (autocommit) and collects its rows, retried like a transaction.
    func rows(_ query: @autoclosure @Sendable () -> PostgresQuery) async throws -> [PostgresRow] {
        try await retrying {
            let id = Int.random(in: 0..<1_000_000)
            FileHandle.standardError.write(Data("DBG \(id) start\n".utf8))
            defer { FileHandle.standardError.write(Data("DBG \(id) end\n".utf8)) }
            return try await client.withConnection { connection in
                FileHandle.standardError.write(Data("DBG \(id) leased closed=\(connection.isClosed)\n".utf8))
                let seq = try await connection.query(query(), logger: logger)
                FileHandle.standardError.write(Data("DBG \(id) got sequence\n".utf8))
                return try await seq.collect()
            }
        }
    }

    /// Runs `operation` again after a serialization failure or deadlock, with a short random pause that grows; any
    /// other failure is rethrown as a `PostgresStoreError`.
    func retrying<Result: Sendable>(_ operation: @Sendable () async throws -> Result) async throws -> Result {
        var attempt = 1
        while true {
            do {
                return try await operation()
            } catch let error as PSQLError where error.sqlState.map(Self.retryableStates.contains) == true
                && attempt < Self.maximumAttempts {
                logger.debug("Retrying after a PostgreSQL serialization failure",
                             metadata: ["sqlstate": "\(error.sqlState ?? "")", "attempt": "\(attempt)"])
                let ceiling = min(200, 2 << attempt)
                try await Task.sleep(for: .milliseconds(Int.random(in: 1...ceiling)))
                attempt += 1
            } catch let error as PostgresStoreError {
                throw error
            } catch {
                throw PostgresStoreError(error)
            }
        }
    }
}

extension PostgresConnection {
    /// Runs one statement inside the caller's transaction and collects its rows.
    func rows(_ query: PostgresQuery, logger: Logger) async throws -> [PostgresRow] {
        try await self.query(query, logger: logger).collect()
    }
}
