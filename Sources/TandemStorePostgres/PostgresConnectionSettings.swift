import Foundation
import PostgresNIO
import TandemServerCore

/// Where and how to reach the PostgreSQL database (a `PostgresLocation`) plus the pool's own settings; used by the
/// pool and by the relay's LISTEN connection. The location's fields read and write through it (`settings.host`).
///
/// `description` leaves out the password, so settings can be logged.
@dynamicMemberLookup
public struct PostgresConnectionSettings: Sendable, CustomStringConvertible {
    public var location: PostgresLocation
    /// Most pooled connections (the relay's LISTEN connection comes on top).
    public var poolSize: Int
    /// Sent as `application_name`, so `pg_stat_activity` shows which program holds a connection.
    public var applicationName = "tandem-server"

    public init(location: PostgresLocation, poolSize: Int = 10) {
        self.location = location
        self.poolSize = poolSize
    }

    public subscript<Value>(dynamicMember field: WritableKeyPath<PostgresLocation, Value>) -> Value {
        get { location[keyPath: field] }
        set { location[keyPath: field] = newValue }
    }

    public var description: String { location.description }

    /// The same server and credentials, another database (tests and administration).
    public func with(database: String) -> PostgresConnectionSettings {
        var copy = self
        copy.location.database = database
        return copy
    }

    var clientConfiguration: PostgresClient.Configuration {
        var configuration = PostgresClient.Configuration(
            host: location.host, port: location.port, username: location.user, password: location.password,
            database: location.database, tls: clientTLS)
        configuration.options.maximumConnections = poolSize
        configuration.options.additionalStartupParameters = [("application_name", applicationName)]
        return configuration
    }

    var connectionConfiguration: PostgresConnection.Configuration {
        get throws {
            let tls: PostgresConnection.Configuration.TLS = switch location.tls {
            case .disable: .disable
            case .prefer: .prefer(try NIOSSLContext(configuration: tlsConfiguration))
            case .require, .verifyFull: .require(try NIOSSLContext(configuration: tlsConfiguration))
            }
            var configuration = PostgresConnection.Configuration(
                host: location.host, port: location.port, username: location.user, password: location.password,
                database: location.database, tls: tls)
            configuration.options.additionalStartupParameters = [("application_name", applicationName + " listen")]
            return configuration
        }
    }

    private var clientTLS: PostgresClient.Configuration.TLS {
        switch location.tls {
        case .disable: .disable
        case .prefer: .prefer(tlsConfiguration)
        case .require, .verifyFull: .require(tlsConfiguration)
        }
    }

    private var tlsConfiguration: TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if location.tls != .verifyFull { configuration.certificateVerification = .none }
        return configuration
    }
}
