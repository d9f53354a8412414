import Logging
import TandemServer
import TandemServerCore
import TandemStorePostgres

/// Wires an instance that shares a PostgreSQL database with others: pool, migrations and the LISTEN/NOTIFY relay.
enum PostgresWiring {
    /// How long a starting instance waits for PostgreSQL to accept connections before giving up.
    static let startupPatience = Duration.seconds(30)

    static func components(for location: PostgresLocation, configuration: ServerConfiguration,
                           logger: Logger) -> ServerComponents {
        let settings = PostgresConnectionSettings(location: location, poolSize: configuration.databasePoolSize)
        let store = PostgresAccountStore(settings: settings, logger: logger)
        var components = ServerComponents(store: store, mailer: ServerComponents.mailer(for: configuration, logger: logger))
        // Other instances revoke tokens too: the cache is used only while the relay brings their events.
        components.tokenCache = TokenCache(limits: configuration.tokenCache, listening: false)
        let receiver = components, metrics = components.metrics
        let relay = PostgresEventRelay(
            settings: settings, store: store,
            observer: .init(listening: { listening in
                                receiver.tokenCache.listening(listening)
                                metrics.relayListening(listening)
                            },
                            reconnected: { metrics.relayReconnected() }),
            logger: logger
        ) { event in receiver.receive(event) }
        // The relay delivers this instance's own events too, from the NOTIFY its write committed.
        components.deliversOwnEventsLocally = false
        // The pool first: graceful shutdown stops services in reverse, so the relay ends before the pool does.
        components.services = [store.client, relay]
        components.beforeServing = [{
            try await prepare(store: store, relay: relay, settings: settings, logger: logger)
        }]
        return components
    }

    /// Migrates and marks where relaying starts, waiting a while for a database that is still starting.
    private static func prepare(store: PostgresAccountStore, relay: PostgresEventRelay, settings: PostgresConnectionSettings,
                                logger: Logger) async throws {
        let deadline = ContinuousClock.now + startupPatience
        while true {
            do {
                try await store.checkConnection()
                try await store.migrate()
                try await relay.startFromLatestEvent()
                return
            } catch let error as PostgresStoreError where error.sqlState == nil && ContinuousClock.now < deadline {
                // No answer from the server at all (not a refusal such as a wrong password): it may be starting.
                logger.warning("PostgreSQL is not reachable yet; retrying", metadata: ["database": "\(settings)",
                                                                                       "error": "\(error)"])
                try await Task.sleep(for: .seconds(1))
            } catch {
                throw StartupFailure(description: "cannot use the PostgreSQL database \(settings): \(error)")
            }
        }
    }
}

/// The server could not start; the description is the one line printed.
struct StartupFailure: Error, CustomStringConvertible {
    let description: String
}
