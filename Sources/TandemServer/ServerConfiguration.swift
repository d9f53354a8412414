import Logging
import TandemCrypto
import TandemServerCore

/// Everything the server is started with; `tandem-server` fills it from flags and environment.
public struct ServerConfiguration: Sendable {
    public var host = "127.0.0.1"
    public var port = 8090
    public var database = DatabaseLocation.sqlite(path: "tandem-server.sqlite")
    public var verification = VerificationMode.whitelist([])
    public var mailer = MailerChoice.log
    /// Base of the links in verification mail; defaults to `http://host:port`.
    public var publicURL: String?
    public var passwordCost = ServerPasswordHash.Cost.standard
    public var pingInterval = Duration.seconds(30)
    public var logLevel = Logger.Level.info

    public init() {}

    public var effectivePublicURL: String { publicURL ?? "http://\(host.contains(":") ? "[\(host)]" : host):\(port)" }
}

/// Where accounts are stored, chosen by URL.
public enum DatabaseLocation: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)

    /// Parses `sqlite:PATH`.
    public init(url: String) throws(ConfigurationProblem) {
        if url.hasPrefix("sqlite:") {
            let path = String(url.dropFirst("sqlite:".count))
            guard !path.isEmpty else { throw ConfigurationProblem("database URL 'sqlite:' needs a file path, e.g. sqlite:tandem-server.sqlite") }
            self = .sqlite(path: path)
        } else {
            throw ConfigurationProblem("unsupported database URL '\(url)' (expected sqlite:PATH)")
        }
    }

    public var description: String {
        switch self {
        case .sqlite(let path): "sqlite:\(path)"
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
