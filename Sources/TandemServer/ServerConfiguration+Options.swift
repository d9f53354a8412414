import Logging
import TandemServerCore

/// The settings as given on the command line, each nil when the flag was not used.
public struct ServerOptions: Sendable {
    public var host: String?
    public var port: String?
    public var database: String?
    public var databasePoolSize: String?
    public var verificationMode: String?
    public var whitelist: String?
    public var mailer: String?
    public var sendmailPath: String?
    public var publicURL: String?
    public var logLevel: String?

    public init() {}
}

extension ServerConfiguration {
    /// Environment variables read when the matching flag is absent.
    public static let environmentVariables: [(name: String, meaning: String)] = [
        ("TANDEM_HOST", "address to listen on (--host)"),
        ("TANDEM_PORT", "port to listen on (--port)"),
        ("DATABASE_URL", "storage URL (--database)"),
        ("DATABASE_POOL_SIZE", "most PostgreSQL connections per instance (--database-pool-size)"),
        ("ACCOUNT_VERIFICATION_MODE", "AllowAll, Whitelist or EmailVerify (--verification-mode)"),
        ("ACCOUNT_WHITELIST", "comma-separated addresses allowed to sign up in Whitelist mode (--whitelist)"),
        ("TANDEM_MAILER", "log or sendmail (--mailer)"),
        ("TANDEM_SENDMAIL_PATH", "sendmail-compatible program (--sendmail-path)"),
        ("TANDEM_PUBLIC_URL", "base URL in verification links (--public-url)"),
        ("TANDEM_LOG_LEVEL", "trace, debug, info, notice, warning, error or critical (--log-level)"),
    ]

    /// Resolves flags over environment over defaults; a bad value is refused with one clear line.
    public init(options: ServerOptions, environment: [String: String]) throws(ConfigurationProblem) {
        self.init()
        func value(_ flag: String?, _ variable: String) -> String? {
            flag ?? environment[variable].flatMap { $0.isEmpty ? nil : $0 }
        }
        if let host = value(options.host, "TANDEM_HOST") { self.host = host }
        if let port = value(options.port, "TANDEM_PORT") {
            guard let number = Int(port), (0...65535).contains(number) else {
                throw ConfigurationProblem("invalid port '\(port)' (expected 0 to 65535; 0 picks a free port)")
            }
            self.port = number
        }
        if let database = value(options.database, "DATABASE_URL") { self.database = try DatabaseLocation(url: database) }
        if let size = value(options.databasePoolSize, "DATABASE_POOL_SIZE") {
            guard let number = Int(size), (1...1000).contains(number) else {
                throw ConfigurationProblem("invalid database pool size '\(size)' (expected 1 to 1000)")
            }
            databasePoolSize = number
        }
        verification = try VerificationMode(name: value(options.verificationMode, "ACCOUNT_VERIFICATION_MODE") ?? "Whitelist",
                                            whitelist: value(options.whitelist, "ACCOUNT_WHITELIST"))
        let sendmailPath = value(options.sendmailPath, "TANDEM_SENDMAIL_PATH")
        switch value(options.mailer, "TANDEM_MAILER") ?? (sendmailPath == nil ? "log" : "sendmail") {
        case "log": mailer = .log
        case "sendmail": mailer = .sendmail(path: sendmailPath ?? "/usr/sbin/sendmail")
        case let other: throw ConfigurationProblem("unknown mailer '\(other)' (expected log or sendmail)")
        }
        if let url = value(options.publicURL, "TANDEM_PUBLIC_URL") {
            guard url.hasPrefix("http://") || url.hasPrefix("https://") else {
                throw ConfigurationProblem("invalid public URL '\(url)' (expected http://... or https://...)")
            }
            publicURL = url
        }
        if let level = value(options.logLevel, "TANDEM_LOG_LEVEL") {
            guard let parsed = Logger.Level(rawValue: level.lowercased()) else {
                throw ConfigurationProblem("invalid log level '\(level)' (expected trace, debug, info, notice, warning, error or critical)")
            }
            logLevel = parsed
        }
    }
}
