import NIOCore

/// What one connection may demand of the server before it is answered or closed.
public struct ConnectionLimits: Sendable {
    /// Time to receive a whole request, head and body, from the moment the server waits for it. A request that has
    /// not arrived by then is closed (408 when its body stalled): slow senders cannot hold connections open.
    public var requestTimeout = TimeAmount.seconds(10)
    /// How long a kept-alive connection may wait for its next request.
    public var idleTimeout = TimeAmount.seconds(30)
    /// How long a closing connection is drained so the client reads its answer rather than a reset.
    public var lingerTimeout = TimeAmount.seconds(2)
    /// Request line plus headers; above it the answer is 431 (the API's requests need a few hundred bytes).
    public var maximumHeadBytes = 16 * 1024
    /// Request target; above it the answer is 414. Below `maximumHeadBytes`, which also bounds it.
    public var maximumURIBytes = 8 * 1024

    public init() {}
}
