import Logging
import TandemCrypto
import TandemServerCore

/// Everything the server is started with; `tandem-server` fills it from flags and environment.
public struct ServerConfiguration: Sendable {
    public var host = "127.0.0.1"
    public var port = 8090
    public var database = DatabaseLocation.sqlite(path: "tandem-server.sqlite")
    /// Most connections one instance opens to PostgreSQL (ignored by SQLite). Instances × this must stay below the
    /// server's `max_connections` (100 by default), with room for the one LISTEN connection each instance adds.
    public var databasePoolSize = 10
    public var verification = VerificationMode.whitelist([])
    public var mailer = MailerChoice.log
    /// Base of the links in verification mail; defaults to `http://host:port`.
    public var publicURL: String?
    public var passwordCost = ServerPasswordHash.Cost.standard
    public var pingInterval = Duration.seconds(30)
    public var connectionLimits = ConnectionLimits()
    /// Open websockets one account may hold on one instance; more are refused with 429 before the upgrade.
    public var maximumSocketsPerAccount = 20
    public var rateLimits = RateLimits.standard
    /// Answer salt-seed lookups of unknown emails with a stable derived seed instead of 404 (LBRY clients expect 404).
    public var hideAccounts = false
    /// Password hashes queued or running at once; more log-ins are refused with 503 until the queue drains.
    public var maximumQueuedHashes = 64
    /// How many live tokens (and how many bytes of wallet answers) `GET /wallet`'s cache keeps; `.off` reads the
    /// database for every request.
    public var tokenCache = TokenCache.Limits.standard
    /// How often expired tokens are deleted.
    public var tokenSweepInterval = Duration.seconds(3600)
    public var logLevel = Logger.Level.info
    public var logFormat = LogFormat.text

    public init() {}

    /// The base of verification links when the server listens on `boundPort` (the configured port, or the one
    /// port 0 picked).
    public func effectivePublicURL(boundPort: Int) -> String {
        publicURL ?? "http://\(host.contains(":") ? "[\(host)]" : host):\(boundPort)"
    }
}

/// Where accounts are stored, chosen by URL.
public enum DatabaseLocation: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    /// A PostgreSQL database shared by any number of instances (opened by the `tandem-server` executable).
    case postgres(PostgresLocation)

    /// Parses `sqlite:PATH` or `postgres://...`; a refusal never repeats a password.
    public init(url: String) throws(ConfigurationProblem) {
        if url.hasPrefix("sqlite:") {
            let path = String(url.dropFirst("sqlite:".count))
            guard !path.isEmpty else { throw ConfigurationProblem("database URL 'sqlite:' needs a file path, e.g. sqlite:tandem-server.sqlite") }
            self = .sqlite(path: path)
        } else if url.lowercased().hasPrefix("postgres://") || url.lowercased().hasPrefix("postgresql://") {
            self = .postgres(try PostgresLocation(url: url))
        } else {
            // Whatever stands before an @ may be a password.
            let shown = url.contains("@") ? (url.split(separator: ":").first.map { "\($0):..." } ?? "...") : url
            throw ConfigurationProblem("unsupported database URL '\(shown)' (expected sqlite:PATH or \(PostgresLocation.usage))")
        }
    }

    public var description: String {
        switch self {
        case .sqlite(let path): "sqlite:\(path)"
        case .postgres(let location): location.description
        }
    }
}

/// How log records are written to standard error.
public enum LogFormat: String, Sendable, Equatable {
    /// swift-log's lines for people: `2026-11-29T02:40:05+0000 info tandem-server: [key=value] message`.
    case text
    /// One JSON object per line for log collectors (``JSONLogHandler``).
    case json

    /// The handler that writes records in this format.
    public func handler(label: String, metadataProvider: Logger.MetadataProvider?) -> any LogHandler {
        switch self {
        case .text: StreamLogHandler.standardError(label: label, metadataProvider: metadataProvider)
        case .json: JSONLogHandler.standardError(label: label, metadataProvider: metadataProvider)
        }
    }
}

/// How verification mail leaves the server.
public enum MailerChoice: Sendable, Equatable {
    /// Print the mail, link included, to the log.
    case log
    /// Pipe it to a sendmail-compatible program.
    case sendmail(path: String)
}
