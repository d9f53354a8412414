import PostgresNIO

/// A PostgreSQL failure told in one line: the SQLSTATE and the server's message, or what went wrong with the
/// connection. It never carries the query's bound values (password hashes, wallets) nor the database password.
public struct PostgresStoreError: Error, CustomStringConvertible {
    /// The five-character SQLSTATE when the server refused something, e.g. `40001`.
    public let sqlState: String?
    /// The constraint a violation names, e.g. `account_email_key_unique`.
    public let constraint: String?
    public let description: String

    init(_ error: any Error) {
        guard let error = error as? PSQLError else {
            sqlState = nil
            constraint = nil
            description = "PostgreSQL: \(error)"
            return
        }
        sqlState = error.serverInfo?[.sqlState]
        constraint = error.serverInfo?[.constraintName]
        description = Self.describe(error)
    }

    /// PSQLError's own description is deliberately generic; this one names the server's SQLSTATE and message, or
    /// the connection's failure, but still nothing of the query.
    private static func describe(_ error: PSQLError) -> String {
        if let serverInfo = error.serverInfo {
            return "PostgreSQL error \(serverInfo[.sqlState] ?? "?"): \(serverInfo[.message] ?? "no message")"
        }
        switch error.underlying {
        case let underlying as PSQLError: return "PostgreSQL connection failed (\(error.code)): \(describe(underlying))"
        case let underlying?: return "PostgreSQL connection failed (\(error.code)): \(underlying)"
        case nil: return "PostgreSQL connection failed (\(error.code))"
        }
    }
}

extension PSQLError {
    /// The server's SQLSTATE, when the server answered with an error.
    var sqlState: String? { serverInfo?[.sqlState] }
}
