import Logging
import NIOCore
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
    public var logFormat: String?
    public var rateLimit: String?
    public var requestTimeout: String?
    public var idleTimeout: String?
    public var maxSocketsPerAccount: String?
    public var hideAccounts = false
    public var tokenCacheSize: String?

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
        ("TANDEM_LOG_FORMAT", "text or json, one object per line (--log-format)"),
        ("TANDEM_RATE_LIMIT", "on, off, or NAME=COUNT/PERIOD,... over the defaults (--rate-limit)"),
        ("TANDEM_REQUEST_TIMEOUT", "seconds to receive a whole request (--request-timeout)"),
        ("TANDEM_IDLE_TIMEOUT", "seconds a kept-alive connection may wait for its next request (--idle-timeout)"),
        ("TANDEM_MAX_SOCKETS_PER_ACCOUNT", "open websockets per account and instance (--max-sockets-per-account)"),
        ("TANDEM_HIDE_ACCOUNTS", "1 to answer salt-seed lookups of unknown emails with a derived seed (--hide-accounts)"),
        ("TANDEM_TOKEN_CACHE_SIZE", "live tokens GET /wallet keeps in memory; 0 turns the cache off (--token-cache-size)"),
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
        if let format = value(options.logFormat, "TANDEM_LOG_FORMAT") {
            guard let parsed = LogFormat(rawValue: format.lowercased()) else {
                throw ConfigurationProblem("invalid log format '\(format)' (expected text or json)")
            }
            logFormat = parsed
        }
        if let spec = value(options.rateLimit, "TANDEM_RATE_LIMIT") { rateLimits = try Self.rateLimits(spec) }
        if let seconds = value(options.requestTimeout, "TANDEM_REQUEST_TIMEOUT") {
            connectionLimits.requestTimeout = try Self.seconds(seconds, "request timeout")
        }
        if let seconds = value(options.idleTimeout, "TANDEM_IDLE_TIMEOUT") {
            connectionLimits.idleTimeout = try Self.seconds(seconds, "idle timeout")
        }
        hideAccounts = options.hideAccounts || ["1", "true", "yes"].contains(environment["TANDEM_HIDE_ACCOUNTS"]?.lowercased() ?? "")
        if let count = value(options.maxSocketsPerAccount, "TANDEM_MAX_SOCKETS_PER_ACCOUNT") {
            guard let number = Int(count), number >= 1 else {
                throw ConfigurationProblem("invalid websocket cap '\(count)' (expected a whole number of at least 1)")
            }
            maximumSocketsPerAccount = number
        }
        if let size = value(options.tokenCacheSize, "TANDEM_TOKEN_CACHE_SIZE") {
            guard let number = Int(size), (0...10_000_000).contains(number) else {
                throw ConfigurationProblem("invalid token cache size '\(size)' (expected 0 to 10000000 tokens; 0 turns the cache off)")
            }
            tokenCache = number == 0 ? .off : TokenCache.Limits(tokens: number, answerBytes: TokenCache.Limits.standard.answerBytes)
        }
    }

    /// The standard limits as `--rate-limit` spells them, for `--help` and the README.
    public static var standardRateLimits: String {
        RateLimits.names.compactMap { name in RateLimits.standard[name].map { "\(name)=\($0)" } }.joined(separator: ",")
    }

    /// A warning for stderr when the server listens beyond this machine over plain HTTP, else nil.
    public var exposureWarning: String? {
        let loopback = host == "localhost" || host == "::1" || host.hasPrefix("127.")
        guard !loopback else { return nil }
        return """
            tandem-server: WARNING: listening on \(host) over plain HTTP: passwords, tokens and wallets cross the network \
            unencrypted, and /metrics is public. Put a TLS-terminating proxy in front (keeping /metrics private), or listen on 127.0.0.1.
            """
    }

    /// `on`, `off`, or `NAME=COUNT/PERIOD` pairs (`NAME=off` too) changing the standard limits.
    static func rateLimits(_ spec: String) throws(ConfigurationProblem) -> RateLimits {
        switch spec {
        case "on": return .standard
        case "off": return .off
        default: break
        }
        var limits = RateLimits.standard
        for item in spec.split(separator: ",") {
            let pair = item.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2, RateLimits.names.contains(pair[0]) else {
                throw ConfigurationProblem("invalid rate limit '\(item)' (expected on, off, or NAME=COUNT/PERIOD with NAME one of \(RateLimits.names.joined(separator: ", ")))")
            }
            if pair[1] == "off" {
                limits[pair[0]] = nil
            } else if let limit = RateLimit(parsing: pair[1]) {
                limits[pair[0]] = limit
            } else {
                throw ConfigurationProblem("invalid rate limit '\(item)' (expected COUNT/PERIOD such as 10/min, 5/15min or 100/h)")
            }
        }
        return limits
    }

    /// A positive number of seconds, fractions allowed.
    static func seconds(_ text: String, _ name: String) throws(ConfigurationProblem) -> TimeAmount {
        guard let seconds = Double(text), seconds > 0, seconds <= 86_400 else {
            throw ConfigurationProblem("invalid \(name) '\(text)' (expected seconds, more than 0)")
        }
        return .nanoseconds(Int64(seconds * 1_000_000_000))
    }
}
