/// Who is asking, as far as the service needs to know: the client's address for per-address limits, and whether
/// its connection is still open, so costly work for a client that went away is dropped.
public struct RequestOrigin: Sendable {
    /// The client's IP address; nil for callers that are not remote clients (tests, tools).
    public var address: String?
    public var isConnected: @Sendable () -> Bool

    public init(address: String?, isConnected: @escaping @Sendable () -> Bool = { true }) {
        self.address = address
        self.isConnected = isConnected
    }

    /// A caller inside the process: never limited per address, never gone.
    public static let local = RequestOrigin(address: nil)
}
