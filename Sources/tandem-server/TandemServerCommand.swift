import ArgumentParser
import Foundation
import Hummingbird
import Logging
import TandemServer

@main
struct TandemServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tandem-server",
        abstract: "Tandem's sync server: LBRY wallet sync API v3 over HTTP and WebSocket.",
        discussion: """
        Flags win over environment variables, which win over defaults:
        \(ServerConfiguration.environmentVariables.map { "  \($0.name.padding(toLength: 27, withPad: " ", startingAt: 0))\($0.meaning)" }.joined(separator: "\n"))
        """,
        subcommands: [AdminCommand.self])

    @Option(help: "Address to listen on. (default: 127.0.0.1)") var host: String?
    @Option(help: "Port to listen on; 0 picks a free one. (default: 8090)") var port: String?
    @Option(help: "Storage URL: sqlite:PATH or postgres://USER:PASSWORD@HOST[:PORT]/DATABASE[?sslmode=MODE]. (default: sqlite:tandem-server.sqlite)") var database: String?
    @Option(help: "Most connections this instance opens to PostgreSQL. (default: 10)") var databasePoolSize: String?
    @Option(help: "Who may sign up: AllowAll, Whitelist or EmailVerify. (default: Whitelist)") var verificationMode: String?
    @Option(help: "Comma-separated addresses allowed to sign up in Whitelist mode.") var whitelist: String?
    @Option(help: "How verification mail is sent: log or sendmail. (default: log)") var mailer: String?
    @Option(help: "Path of the sendmail-compatible program. (default: /usr/sbin/sendmail)") var sendmailPath: String?
    @Option(name: .customLong("public-url"), help: "Base URL used in verification links. (default: http://HOST:PORT)") var publicURL: String?
    @Option(help: "trace, debug, info, notice, warning, error or critical. (default: info)") var logLevel: String?
    @Option(help: "How log records are written to stderr: text, or json (one object per line). (default: text)") var logFormat: String?
    @Option(help: "Rate limits: on, off, or NAME=COUNT/PERIOD,... over the defaults (\(ServerConfiguration.standardRateLimits)). (default: on)") var rateLimit: String?
    @Option(help: "Seconds to receive a whole request, head and body. (default: 10)") var requestTimeout: String?
    @Option(help: "Seconds a kept-alive connection may wait for its next request. (default: 30)") var idleTimeout: String?
    @Option(help: "Open websockets per account on this instance; more get 429. (default: 20)") var maxSocketsPerAccount: String?
    @Option(help: "Live tokens kept in memory so GET /wallet needs no database read (and up to 64 MiB of wallet answers); 0 turns the cache off. (default: 100000)") var tokenCacheSize: String?
    @Flag(help: "Answer salt-seed lookups of unknown emails with a stable seed derived from a server secret instead of 404 (LBRY clients expect 404).") var hideAccounts = false

    func run() async throws {
        var options = ServerOptions()
        options.host = host
        options.port = port
        options.database = database
        options.databasePoolSize = databasePoolSize
        options.verificationMode = verificationMode
        options.whitelist = whitelist
        options.mailer = mailer
        options.sendmailPath = sendmailPath
        options.publicURL = publicURL
        options.logLevel = logLevel
        options.logFormat = logFormat
        options.rateLimit = rateLimit
        options.requestTimeout = requestTimeout
        options.idleTimeout = idleTimeout
        options.maxSocketsPerAccount = maxSocketsPerAccount
        options.hideAccounts = hideAccounts
        options.tokenCacheSize = tokenCacheSize
        let configuration: ServerConfiguration
        let components: ServerComponents
        let logger: Logger
        do {
            configuration = try ServerConfiguration(options: options, environment: ProcessInfo.processInfo.environment)
            // Every logger in the process, the libraries' included, writes in the chosen format.
            let format = configuration.logFormat
            LoggingSystem.bootstrap({ label, provider in format.handler(label: label, metadataProvider: provider) },
                                    metadataProvider: nil)
            var configured = Logger(label: "tandem-server")
            configured.logLevel = configuration.logLevel
            logger = configured
            components = switch configuration.database {
            case .postgres(let location): PostgresWiring.components(for: location, configuration: configuration, logger: logger)
            case .sqlite: try ServerComponents(configuration: configuration, logger: logger)
            }
        } catch {
            FileHandle.standardError.write(Data("tandem-server: \(error)\n".utf8))
            throw ExitCode(78)  // EX_CONFIG
        }
        if let warning = configuration.exposureWarning { FileHandle.standardError.write(Data("\(warning)\n".utf8)) }
        let app = try buildApplication(configuration: configuration, components: components, logger: logger) { port in
            let line = "tandem-server listening on http://\(configuration.host):\(port) (database \(configuration.database), verification \(configuration.verification.name))\n"
            FileHandle.standardOutput.write(Data(line.utf8))
        }
        do {
            try await app.runService()
        } catch let failure as StartupFailure {
            FileHandle.standardError.write(Data("tandem-server: \(failure)\n".utf8))
            throw ExitCode(69)  // EX_UNAVAILABLE
        }
    }
}
