import Foundation

/// Live notifications that the account's wallet moved on (the server's websocket).
public protocol UpdateFeed: Sendable {
    /// Events until the stream's consumer stops iterating; `since` is the sequence the device already has, so the
    /// server tells it at once when it is behind.
    func events(token: String, since: @escaping @Sendable () async -> UInt32) -> AsyncStream<UpdateFeedEvent>
}

public enum UpdateFeedEvent: Sendable, Equatable {
    case connecting
    case connected
    case walletUpdated(sequence: UInt32)
    /// The connection dropped; the feed tries again at `retryAt`.
    case disconnected(reason: String, retryAt: Date)
    /// The server refused the upgrade (a dead token, or a server in trouble); the feed tries again at `retryAt`.
    case refused(retryAt: Date)
    /// The server closed the socket because the password changed (close code 4001); the feed stops.
    case passwordChanged
    /// The server closed the socket because this device was revoked (close code 4002); the feed stops.
    case deviceRevoked
    /// The server closed the socket because the account was deleted (close code 4003); the feed stops.
    case accountDeleted
}
