import Hummingbird
import HummingbirdWebSocket
import NIOCore
import TandemServerCore

/// The request context of every route: Hummingbird's websocket-capable context plus the connection, whose address
/// the rate limits key on and whose liveness decides whether queued password hashing is still worth doing.
public struct TandemRequestContext: RequestContext, WebSocketRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let webSocket: WebSocketHandlerReference<TandemRequestContext>
    private let channel: any Channel

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        webSocket = .init()
        channel = source.channel
    }

    /// The client as the service sees it. A channel without a peer (an in-process router test) is neither limited
    /// nor ever gone.
    var origin: RequestOrigin {
        let channel = channel
        guard let peer = channel.remoteAddress else { return .local }
        return RequestOrigin(address: peer.ipAddress, isConnected: { channel.isActive })
    }
}
