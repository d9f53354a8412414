import Foundation
import TandemServerCore
import Logging
import PostgresNIO
@testable import TandemStorePostgres
import Testing

/// The PostgreSQL server Scripts/test starts, named by `TANDEM_TEST_POSTGRES_URL` (an administrator's URL).
/// Every test gets a database of its own, so tests running in parallel never see each other's rows.
enum PostgresTestServer {
    static let url = ProcessInfo.processInfo.environment["TANDEM_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    static var isConfigured: Bool { url != nil }
    static let notConfigured: Comment = """
        TANDEM_TEST_POSTGRES_URL is not set, so nothing ran on PostgreSQL (the store suite ran on memory and SQLite \
        only); Scripts/test starts a throwaway PostgreSQL and sets it
        """

    static let logger = {
        var logger = Logger(label: "tandem-store-tests")
        logger.logLevel = .warning
        return logger
    }()

    /// For the pools: a query may reach a pool before its `run()` task has started, which it warns about harmlessly.
    static let quietLogger = {
        var logger = Logger(label: "tandem-store-tests")
        logger.logLevel = .error
        return logger
    }()

    /// The server and credentials of the URL, with the database it names.
    static func adminSettings() throws -> PostgresConnectionSettings {
        guard let url, let location = try? PostgresLocation(url: url) else { throw Unusable() }
        return PostgresConnectionSettings(location: location)
    }

    /// A new, empty database on the test server.
    static func makeDatabase() async throws -> PostgresConnectionSettings {
        let admin = try adminSettings()
        let name = "tandem_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        _ = try await withConnection(admin) { connection in
            try await connection.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: logger)
        }
        return admin.with(database: name)
    }

    /// A migrated store on a new database. Its pool runs until the test process ends: a test has no hook to stop it,
    /// and idle connections close by themselves after a minute.
    static func makeStore(_ settings: PostgresConnectionSettings? = nil) async throws -> PostgresAccountStore {
        let settings = if let settings { settings } else { try await makeDatabase() }
        let store = PostgresAccountStore(settings: settings, logger: quietLogger)
        Task { await store.client.run() }
        try await store.migrate()
        return store
    }

    /// Runs `body` on a connection of its own, closed afterwards.
    static func withConnection<Result: Sendable>(_ settings: PostgresConnectionSettings,
                                                 _ body: (PostgresConnection) async throws -> Result) async throws -> Result {
        let connection = try await PostgresConnection.connect(
            on: PostgresConnection.defaultEventLoopGroup.any(), configuration: settings.connectionConfiguration,
            id: 0, logger: logger)
        do {
            let result = try await body(connection)
            try await connection.close()
            return result
        } catch {
            try? await connection.close()
            throw error
        }
    }

    struct Unusable: Error, CustomStringConvertible {
        var description: String { "TANDEM_TEST_POSTGRES_URL is not a postgres://USER:PASSWORD@HOST:PORT/DATABASE URL" }
    }
}
