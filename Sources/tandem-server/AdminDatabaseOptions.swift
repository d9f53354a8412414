import ArgumentParser
import Foundation
import Logging
import TandemServer
import TandemServerCore
import TandemStorePostgres
import TandemStoreSQLite

/// The database option every admin command shares: the same `--database` URL (and `DATABASE_URL`) as the server.
struct AdminDatabaseOptions: ParsableArguments {
    @Option(help: "Storage URL: sqlite:PATH or postgres://USER:PASSWORD@HOST[:PORT]/DATABASE[?sslmode=MODE]. (default: DATABASE_URL, else sqlite:tandem-server.sqlite)")
    var database: String?

    /// Opens the database (migrating it like a starting server would), runs `body`, and closes it again. A mistake in
    /// the URL or an unreachable database ends the command with one line on standard error.
    func withStore<Result: Sendable>(_ body: @Sendable (any AccountAdministration) async throws -> Result) async throws -> Result {
        let location: DatabaseLocation
        do {
            let url = database ?? ProcessInfo.processInfo.environment["DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
            location = try url.map { try DatabaseLocation(url: $0) } ?? ServerConfiguration().database
        } catch {
            throw AdminFailure.configuration("\(error)")
        }
        switch location {
        case .sqlite(let path):
            // Opening creates a missing file; an operator who mistyped the path must hear so instead.
            guard FileManager.default.fileExists(atPath: path) else { throw AdminFailure.unavailable("no database at \(path)") }
            let store: SQLiteAccountStore
            do { store = try SQLiteAccountStore(path: path) } catch {
                throw AdminFailure.unavailable("\(error)")
            }
            return try await body(store)
        case .postgres(let postgres):
            var logger = Logger(label: "tandem-server-admin")
            logger.logLevel = .error
            var settings = PostgresConnectionSettings(location: postgres, poolSize: 2)
            settings.applicationName = "tandem-server admin"
            let store = PostgresAccountStore(settings: settings, logger: logger)
            return try await withThrowingTaskGroup(of: Result?.self) { group in
                group.addTask {
                    await store.client.run()
                    return nil
                }
                defer { group.cancelAll() }
                do {
                    try await store.checkConnection()
                    try await store.migrate()
                } catch {
                    throw AdminFailure.unavailable("cannot use the PostgreSQL database \(settings): \(error)")
                }
                return try await body(store)
            }
        }
    }
}

/// Why an admin command failed: one line on standard error and an exit status scripts can tell apart.
enum AdminFailure: Error, CustomStringConvertible {
    case noSuchAccount(String)
    /// The account changed under every attempt to delete it.
    case busy(String)
    case configuration(String)
    case unavailable(String)

    var description: String {
        switch self {
        case .noSuchAccount(let email): "no account with the email \(AdminOutput.printable(email))"
        case .busy(let email): "the account \(AdminOutput.printable(email)) kept changing; try again"
        case .configuration(let message), .unavailable(let message): message
        }
    }

    var exitCode: ExitCode {
        switch self {
        case .noSuchAccount: ExitCode(1)
        case .busy: ExitCode(75)  // EX_TEMPFAIL
        case .configuration: ExitCode(78)  // EX_CONFIG
        case .unavailable: ExitCode(69)  // EX_UNAVAILABLE
        }
    }
}

extension AdminFailure {
    /// Runs an admin command's work, turning a failure into one line on standard error and an exit status.
    static func reported(_ work: () async throws -> Void) async throws {
        do {
            try await work()
        } catch let failure as AdminFailure {
            FileHandle.standardError.write(Data("tandem-server: \(failure)\n".utf8))
            throw failure.exitCode
        } catch let exit as ExitCode {
            throw exit
        } catch {
            FileHandle.standardError.write(Data("tandem-server: the database failed: \(error)\n".utf8))
            throw ExitCode(69)  // EX_UNAVAILABLE
        }
    }
}
