import Hummingbird
import HummingbirdWebSocket
import Logging
import TandemServerCore
import TandemStoreSQLite

/// The parts a server is made of; tests pass their own store, mailer and clock.
public struct ServerComponents: Sendable {
    public var store: any AccountStore
    public var mailer: any Mailer
    public var hub = WalletUpdateHub()
    public var metrics = ServerMetrics()

    public init(store: any AccountStore, mailer: any Mailer) {
        self.store = store
        self.mailer = mailer
    }

    /// Opens the configured database and mailer.
    public init(configuration: ServerConfiguration, logger: Logger) throws {
        let store: any AccountStore = switch configuration.database {
        case .sqlite(let path): try SQLiteAccountStore(path: path)
        }
        let mailer: any Mailer = switch configuration.mailer {
        case .log: LogMailer(logger: logger)
        case .sendmail(let path): SendmailMailer(path: path)
        }
        self.init(store: store, mailer: mailer)
    }
}

/// Builds the HTTP + WebSocket application serving API v3 and `/metrics`.
/// `onServerRunning` receives the bound port (useful with port 0).
public func buildApplication(configuration: ServerConfiguration, components: ServerComponents, logger: Logger,
                             onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }) throws -> some ApplicationProtocol {
    let service = try AccountService(
        store: components.store, mode: configuration.verification, hasher: PasswordHasher(cost: configuration.passwordCost),
        mailer: components.mailer, events: InstanceEventPublisher(hub: components.hub, metrics: components.metrics),
        publicURL: configuration.effectivePublicURL, logger: logger)
    let router = Router(context: BasicWebSocketRequestContext.self)
    router.add(middleware: APIErrorMiddleware(knownPaths: APIPath.all, metrics: components.metrics))
    AccountController(service: service).addRoutes(to: router)
    WalletController(service: service).addRoutes(to: router)
    WebSocketController(service: service, hub: components.hub, metrics: components.metrics).addRoutes(to: router)
    router.get(APIPath.metrics) { _, _ in
        Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                 body: ResponseBody(byteBuffer: ByteBuffer(bytes: components.metrics.exposition())))
    }
    return Application(
        router: router,
        server: .http1WebSocketUpgrade(
            webSocketRouter: router,
            configuration: .init(ws: WebSocketServerConfiguration(
                maxFrameSize: 512, autoPing: .enabled(timePeriod: configuration.pingInterval)))),
        configuration: ApplicationConfiguration(address: .hostname(configuration.host, port: configuration.port),
                                                serverName: "tandem-server"),
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? configuration.port) },
        logger: logger)
}
