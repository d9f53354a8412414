import Hummingbird
import NIOCore
import Logging
import ServiceLifecycle
import TandemServerCore
import TandemStoreSQLite

/// The parts a server is made of; tests pass their own store, mailer and clock.
public struct ServerComponents: Sendable {
    public var store: any AccountStore
    public var mailer: any Mailer
    public var hub = WalletUpdateHub()
    public var metrics = ServerMetrics()
    /// Long-running work the store needs beside the server (a connection pool, a LISTEN relay), in start order;
    /// graceful shutdown stops them in reverse, after the server.
    public var services: [any Service] = []
    /// Work that must finish before the server accepts connections (migrations), run while `services` run.
    public var beforeServing: [@Sendable () async throws -> Void] = []
    /// False when a relay brings every instance's events, this instance's own included, to `hub` (PostgreSQL
    /// LISTEN/NOTIFY): delivering them here as well would send each notice twice.
    public var deliversOwnEventsLocally = true
    /// Live tokens and wallet answers for `GET /wallet`. A server whose store is shared with other programs starts it
    /// not listening, and whatever brings their events (relay, admin event poller) turns it on while it hears them.
    public var tokenCache = TokenCache()

    public init(store: any AccountStore, mailer: any Mailer) {
        self.store = store
        self.mailer = mailer
    }

    /// An event of another instance or program: the token cache drops what it makes stale, then the sockets hear it.
    public func receive(_ event: AccountEvent) {
        tokenCache.apply(event)
        hub.publish(event)
    }

    /// Opens the configured SQLite database and mailer. PostgreSQL is wired by the `tandem-server` executable, which
    /// links TandemStorePostgres, so that this module and everything linking it stay free of PostgresNIO.
    public init(configuration: ServerConfiguration, logger: Logger) throws {
        let store: any AccountStore
        switch configuration.database {
        case .sqlite(let path): store = try SQLiteAccountStore(path: path)
        case .postgres: throw ConfigurationProblem("this program cannot open PostgreSQL databases; tandem-server can")
        }
        self.init(store: store, mailer: Self.mailer(for: configuration, logger: logger))
        tokenCache = TokenCache(limits: configuration.tokenCache, listening: !(store is any ExternalEventLog))
        if let log = store as? any ExternalEventLog {
            // SQLite has no relay: what the admin command changes (a deleted account) reaches sockets and the token
            // cache by polling, so the cache works only while the poll does.
            let components = self
            services.append(ExternalEventPoller(log: log, logger: logger, listening: { components.tokenCache.listening($0) },
                                                deliver: { components.receive($0) }))
        }
    }

    /// The configured mailer.
    public static func mailer(for configuration: ServerConfiguration, logger: Logger) -> any Mailer {
        switch configuration.mailer {
        case .log: LogMailer(logger: logger)
        case .sendmail(let path): SendmailMailer(path: path)
        }
    }
}

/// Builds the HTTP + WebSocket application serving API v3 and `/metrics`.
/// `onServerRunning` receives the bound port (useful with port 0).
public func buildApplication(configuration: ServerConfiguration, components: ServerComponents, logger: Logger,
                             onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }) throws -> some ApplicationProtocol {
    let boundPort = BoundPort(configuration.port)
    let service = try AccountService(
        store: components.store, mode: configuration.verification,
        hasher: PasswordHasher(cost: configuration.passwordCost, capacity: configuration.maximumQueuedHashes,
                               observe: { [metrics = components.metrics] in metrics.recordHash($0) }),
        mailer: components.mailer,
        events: InstanceEventPublisher(hub: components.hub, metrics: components.metrics,
                                       deliversToHub: components.deliversOwnEventsLocally),
        publicURL: configuration.effectivePublicURL(boundPort: boundPort.value), logger: logger, limits: configuration.rateLimits,
        hidesAccounts: configuration.hideAccounts, tokenCache: components.tokenCache)
    let router = Router(context: TandemRequestContext.self)
    router.add(middleware: APIErrorMiddleware(allowedMethods: APIPath.allowedMethods, metrics: components.metrics))
    AccountController(service: service).addRoutes(to: router)
    WalletController(service: service).addRoutes(to: router)
    DeviceController(service: service).addRoutes(to: router)
    HealthController(store: components.store).addRoutes(to: router)
    let webSockets = WebSocketController(service: service, hub: components.hub, metrics: components.metrics,
                                         sockets: SocketCounter(limit: configuration.maximumSocketsPerAccount))
    webSockets.addRoutes(to: router)
    router.get(APIPath.metrics) { _, _ in
        components.metrics.recordTokenCache(components.tokenCache.counts)
        return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: components.metrics.exposition())))
    }
    let limits = configuration.connectionLimits
    let socketConfiguration = WalletSocketHandler.Configuration(pingInterval: TimeAmount(configuration.pingInterval),
                                                                closeTimeout: .seconds(10))
    var app = Application(
        router: router,
        server: .guardedHTTP1WebSocketUpgrade(
            http1: .init(httpDecoderConfiguration: .init(maxHeaderFieldSize: limits.maximumHeadBytes,
                                                         maxHeaderListSize: limits.maximumHeadBytes,
                                                         maxHeaderFieldCount: 100)),
            maximumFrameBytes: 512, limits: limits, webSocketPath: APIPath.websocket.description,
            admit: webSockets.admit,
            makeSocketHandler: { admitted in
                WalletSocketHandler(admitted: admitted, hub: components.hub, configuration: socketConfiguration,
                                    started: { webSockets.socketStarted(admitted, $0) }, ended: webSockets.socketEnded)
            }),
        configuration: ApplicationConfiguration(address: .hostname(configuration.host, port: configuration.port),
                                                serverName: "tandem-server"),
        services: components.services,
        onServerRunning: { channel in
            let port = channel.localAddress?.port ?? configuration.port
            boundPort.value = port
            await onServerRunning(port)
        },
        logger: logger)
    for step in components.beforeServing { app.beforeServerStarts(perform: step) }
    if let sweeping = components.store as? any ExpiredTokenSweeping {
        app.addServices(TokenSweeper(store: sweeping, interval: configuration.tokenSweepInterval, logger: logger))
    }
    return app
}
