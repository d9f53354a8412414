import Foundation

/// A PostgreSQL database as given by `postgres://USER:PASSWORD@HOST[:PORT]/DATABASE[?sslmode=MODE]`.
///
/// Pure data, shared by configuration parsing (TandemServer) and the store (TandemStorePostgres), which opens it.
/// `description` shows everything but the password, so the location can be logged and printed safely.
public struct PostgresLocation: Sendable, Equatable, CustomStringConvertible {
    /// How the connection is encrypted; the names and meanings are libpq's `sslmode`.
    public enum TLSMode: String, Sendable, CaseIterable {
        /// Plain TCP.
        case disable
        /// TLS when the server offers it, without checking its certificate (libpq's default).
        case prefer
        /// TLS or no connection, without checking the certificate.
        case require
        /// TLS with a certificate the system trusts, issued for `host`.
        case verifyFull = "verify-full"
    }

    public var host: String
    public var port: Int
    public var user: String
    public var password: String?
    public var database: String
    public var tls: TLSMode

    public static let usage = "postgres://USER:PASSWORD@HOST[:PORT]/DATABASE[?sslmode=disable|prefer|require|verify-full]"

    public init(host: String, port: Int = 5432, user: String, password: String?, database: String, tls: TLSMode = .prefer) {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.database = database
        self.tls = tls
    }

    /// Parses a `postgres://` or `postgresql://` URL; user and password may be percent-encoded.
    /// Refusals never repeat the URL, which may hold a password.
    public init(url: String) throws(ConfigurationProblem) {
        func problem(_ detail: String) -> ConfigurationProblem {
            ConfigurationProblem("invalid PostgreSQL URL: \(detail) (expected \(Self.usage))")
        }
        guard let components = URLComponents(string: url), let scheme = components.scheme,
              ["postgres", "postgresql"].contains(scheme.lowercased()) else {
            throw problem("cannot parse it (percent-encode special characters in the user name and password)")
        }
        guard var host = components.host, !host.isEmpty else { throw problem("no host") }
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }  // IPv6
        guard let user = components.user, !user.isEmpty else { throw problem("no user name") }
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty, !database.contains("/") else { throw problem("no database name after the host") }
        let port = components.port ?? 5432
        guard (1...65535).contains(port) else { throw problem("port \(port) out of range") }
        var tls = TLSMode.prefer
        for item in components.queryItems ?? [] {
            guard item.name == "sslmode" else { throw problem("unsupported parameter '\(item.name)'") }
            guard let mode = item.value.flatMap(TLSMode.init(rawValue:)) else {
                throw problem("unsupported sslmode '\(item.value ?? "")'")
            }
            tls = mode
        }
        self.init(host: host, port: port, user: user, password: components.password, database: database, tls: tls)
    }

    public var description: String {
        let user = user.addingPercentEncoding(withAllowedCharacters: .urlUserAllowed) ?? user
        let host = host.contains(":") ? "[\(host)]" : host
        let database = database.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? database
        return "postgres://\(user)\(password == nil ? "" : ":***")@\(host):\(port)/\(database)?sslmode=\(tls.rawValue)"
    }
}
