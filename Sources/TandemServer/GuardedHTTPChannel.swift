import Hummingbird
import HummingbirdCore
import HummingbirdWebSocket
import Logging
import NIOCore
import NIOHTTP1

/// Hummingbird's HTTP/1 channel with websocket upgrade, with a `RequestGate` right after its HTTP decoder, so that
/// every connection is bounded in time and every request, upgrade or not, is answered.
struct GuardedHTTPChannel: ServerChildChannel {
    let inner: HTTP1WebSocketUpgradeChannel
    let limits: ConnectionLimits
    let webSocketPath: String
    let admit: RequestGate.Admission

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<HTTP1WebSocketUpgradeChannel.Value> {
        let limits = limits, webSocketPath = webSocketPath, admit = admit
        return inner.setup(channel: channel, logger: logger).flatMapThrowing { value in
            let operations = channel.pipeline.syncOperations
            let decoder = try operations.handler(type: ByteToMessageHandler<HTTPRequestDecoder>.self)
            try operations.addHandler(RequestGate(limits: limits, webSocketPath: webSocketPath, admit: admit),
                                      position: .after(decoder))
            return value
        }
    }

    func handle(value: HTTP1WebSocketUpgradeChannel.Value, logger: Logger) async {
        await inner.handle(value: value, logger: logger)
    }
}

extension HTTPServerBuilder {
    /// HTTP/1 with websocket upgrades through `webSocketRouter`, every connection guarded by a `RequestGate`.
    static func guardedHTTP1WebSocketUpgrade(
        webSocketRouter: Router<TandemRequestContext>, configuration: HTTP1WebSocketUpgradeChannel.Configuration,
        limits: ConnectionLimits, webSocketPath: String, admit: @escaping RequestGate.Admission
    ) -> HTTPServerBuilder {
        let webSocketResponder = webSocketRouter.buildResponder()
        return HTTPServerBuilder { responder in
            GuardedHTTPChannel(
                inner: HTTP1WebSocketUpgradeChannel(responder: responder, webSocketResponder: webSocketResponder,
                                                    configuration: configuration),
                limits: limits, webSocketPath: webSocketPath, admit: admit)
        }
    }
}
