/// Why the server closes a websocket: a close code from the private range 4000-4999 and its reason text. LBRY clients
/// see an ordinary close; Tandem clients act on the code.
public struct SocketClose: Sendable, Equatable {
    public let code: UInt16
    public let reason: String

    public static let passwordChanged = SocketClose(code: 4001, reason: "password changed")
    public static let deviceRevoked = SocketClose(code: 4002, reason: "device revoked")
    public static let accountDeleted = SocketClose(code: 4003, reason: "account deleted")
}
