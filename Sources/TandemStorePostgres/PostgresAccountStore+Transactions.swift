import Logging
import PostgresNIO

extension PostgresAccountStore {
    /// SQLSTATEs after which the whole operation is simply run again: serialization failure and deadlock. The store
    /// runs READ COMMITTED with explicit row locks, where neither should happen; a database whose default isolation
    /// was raised, or lock orders nobody foresaw, must still never turn into a 500.
    static let retryableStates: Set<String> = ["40001", "40P01"]
    /// Attempts before a retryable failure is reported after all.
    static let maximumAttempts = 10

    /// The pool lent out a connection that had already closed (it learns of a close a moment later). Nothing was
    /// sent on it, so the operation is run again on another one.
    struct StaleConnection: Error {}

    /// Runs `body` in one READ COMMITTED transaction on a pooled connection, committing when it returns and rolling
    /// back when it throws; the whole transaction is retried on a serialization failure or deadlock.
    func transaction<Result: Sendable>(
        _ body: @Sendable (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        try await withLiveConnection { connection in
            try await connection.run("BEGIN ISOLATION LEVEL READ COMMITTED", logger: logger)
            do {
                let result = try await body(connection)
                try await connection.run("COMMIT", logger: logger)
                return result
            } catch {
                // A failed COMMIT has already ended the transaction; ROLLBACK then only draws a warning.
                _ = try? await connection.run("ROLLBACK", logger: logger)
                throw error
            }
        }
    }

    /// Runs one statement on its own (autocommit) and collects its rows, retried like a transaction.
    func rows(_ query: @autoclosure @Sendable () -> PostgresQuery) async throws -> [PostgresRow] {
        try await withLiveConnection { connection in
            try await connection.rows(query(), logger: logger)
        }
    }

    /// Runs one prepared statement on its own (autocommit) and collects its rows, retried like a transaction.
    func rows<Statement: PostgresPreparedStatement>(_ statement: Statement) async throws -> [Statement.Row]
    where Statement.Row: Sendable {
        try await withLiveConnection { connection in try await connection.rows(statement, logger: logger) }
    }

    /// Leases a pooled connection that is still open for `body`, retrying as `retrying` does.
    private func withLiveConnection<Result: Sendable>(
        _ body: @Sendable (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        try await retrying {
            try await client.withConnection { connection in
                guard !connection.isClosed else { throw StaleConnection() }
                return try await body(connection)
            }
        }
    }

    /// Runs `operation` again after a serialization failure or deadlock, with a short random pause that grows, or
    /// after being lent a closed connection; any other failure is rethrown as a `PostgresStoreError`.
    func retrying<Result: Sendable>(_ operation: @Sendable () async throws -> Result) async throws -> Result {
        var attempt = 1
        while true {
            do {
                return try await operation()
            } catch let error as PSQLError where error.sqlState.map(Self.retryableStates.contains) == true
                && attempt < Self.maximumAttempts {
                logger.debug("Retrying after a PostgreSQL serialization failure",
                             metadata: ["sqlstate": "\(error.sqlState ?? "")", "attempt": "\(attempt)"])
                try await Task.sleep(for: .milliseconds(Int.random(in: 1...min(200, 2 << attempt))))
            } catch is StaleConnection where attempt < Self.maximumAttempts {
                try await Task.sleep(for: .milliseconds(10 * attempt))
            } catch let error as PostgresStoreError {
                throw error
            } catch {
                throw PostgresStoreError(error)
            }
            attempt += 1
        }
    }
}

extension PostgresConnection {
    /// Runs one statement and collects its rows; fails rather than hangs if the connection closes meanwhile.
    func rows(_ query: PostgresQuery, logger: Logger) async throws -> [PostgresRow] {
        try await ConnectionWatchdog.shared.run(on: self) {
            try await self.query(query, logger: logger).collect()
        }
    }

    /// Runs one statement whose rows do not matter.
    func run(_ query: PostgresQuery, logger: Logger) async throws {
        _ = try await rows(query, logger: logger)
    }
}
