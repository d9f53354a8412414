import Hummingbird
import NIOCore
import TandemServerCore

/// The request context of every route: Hummingbird's context plus the connection, whose address
/// the rate limits key on and whose liveness decides whether queued password hashing is still worth doing.
public struct TandemRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    private let channel: any Channel

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }

    /// The client as the service sees it. A channel that no server accepted (an in-process router test) is neither
    /// limited nor ever gone. A connection may already be closed here, and a closed channel no longer knows its peer.
    var origin: RequestOrigin {
        let channel = channel
        guard channel.parent != nil else { return .local }
        return RequestOrigin(address: channel.remoteAddress?.ipAddress ?? "closed", isConnected: { channel.isActive })
    }
}
