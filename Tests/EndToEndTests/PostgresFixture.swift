import Foundation
import Testing

/// The throwaway PostgreSQL that Scripts/test starts, as the end-to-end tests see it from outside: an
/// administrator's URL (`TANDEM_TEST_POSTGRES_URL`), databases made with `psql`, and a program that restarts the
/// server (`TANDEM_TEST_POSTGRES_RESTART`).
enum PostgresFixture {
    static let environment = ProcessInfo.processInfo.environment
    static let adminURL = environment["TANDEM_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    static let restartProgram = environment["TANDEM_TEST_POSTGRES_RESTART"].flatMap { $0.isEmpty ? nil : $0 }
    static var isConfigured: Bool { adminURL != nil }
    static var canRestart: Bool { adminURL != nil && restartProgram != nil }
    static let notConfigured: Comment = """
        TANDEM_TEST_POSTGRES_URL is not set, so no server ran on PostgreSQL; Scripts/test starts a throwaway \
        PostgreSQL and sets it
        """
    static let cannotRestart: Comment = """
        TANDEM_TEST_POSTGRES_URL or TANDEM_TEST_POSTGRES_RESTART is not set, so PostgreSQL was not restarted under \
        running servers; Scripts/test sets both
        """

    /// The password in the administrator's URL, which no server output may contain.
    static var password: String? { adminURL.flatMap { URLComponents(string: $0)?.password } }

    /// A new, empty database; returns its URL (same server and credentials).
    static func makeDatabase() throws -> String {
        guard let adminURL, var components = URLComponents(string: adminURL) else { throw Unconfigured() }
        let name = "tandem_e2e_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try run("/usr/bin/env", ["psql", adminURL, "--quiet", "--no-psqlrc", "-v", "ON_ERROR_STOP=1",
                                 "-c", "CREATE DATABASE \(name)"])
        components.path = "/" + name
        guard let url = components.string else { throw Unconfigured() }
        return url
    }

    /// Drops a database made by `makeDatabase`, once nothing uses it.
    static func dropDatabase(_ url: String) throws {
        guard let adminURL, let name = URLComponents(string: url)?.path.dropFirst(), name.hasPrefix("tandem_e2e_") else {
            throw Unconfigured()
        }
        try run("/usr/bin/env", ["psql", adminURL, "--quiet", "--no-psqlrc", "-v", "ON_ERROR_STOP=1",
                                 "-c", "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"])
    }

    /// Crashes and restarts the PostgreSQL server (`pg_ctl restart -m immediate`), returning once it accepts again.
    static func restart() throws {
        guard let restartProgram else { throw Unconfigured() }
        try run(restartProgram, [])
    }

    private static func run(_ executable: String, _ arguments: [String]) throws {
        let (status, output) = try runCapturing(executable, arguments)
        guard status == 0 else {
            throw CommandFailed(command: ([executable] + arguments).joined(separator: " "), output: output)
        }
    }

    struct Unconfigured: Error {}

    struct CommandFailed: Error, CustomStringConvertible {
        let command: String
        let output: String
        var description: String {
            let shown = PostgresFixture.password.map { command.replacingOccurrences(of: $0, with: "***") } ?? command
            return "\(shown) failed: \(output)"
        }
    }
}
