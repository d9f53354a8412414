import Foundation

/// One device of the account as the server lists it (`GET /devices`): a device id with a live token.
public struct RemoteDevice: Sendable, Equatable {
    public var deviceID: String
    /// Its first log-in.
    public var createdAt: Date?
    /// Its last authenticated request, to the minute.
    public var lastSeenAt: Date?
    /// Whether this is the device whose token asked.
    public var isCurrent: Bool

    public init(deviceID: String, createdAt: Date?, lastSeenAt: Date?, isCurrent: Bool) {
        self.deviceID = deviceID
        self.createdAt = createdAt
        self.lastSeenAt = lastSeenAt
        self.isCurrent = isCurrent
    }
}

/// How the server answered a device or account request of the Tandem extensions (beyond LBRY's API v3).
/// A 401 and transport failures are thrown as ``RemoteError``.
public enum RemoteAnswer<Value: Sendable & Equatable>: Sendable, Equatable {
    case done(Value)
    /// The server does not have this endpoint (404 from an older or LBRY server).
    case unavailable
    /// `/devices/revoke`: the account has no such device (any more).
    case noSuchDevice
    /// 429: too many attempts; try again after this many seconds (nil when the server did not say).
    case rateLimited(retryAfter: Int?)
}

/// The Tandem extensions of ``WalletRemote``: devices, log-out and account deletion.
public protocol DeviceRemote: Sendable {
    func devices(token: String) async throws(RemoteError) -> RemoteAnswer<[RemoteDevice]>
    /// Revokes `deviceID`'s token (the caller's own device: a log-out).
    func revokeDevice(_ deviceID: String, token: String) async throws(RemoteError) -> RemoteAnswer<Bool>
    /// Revokes the calling token.
    func logOut(token: String) async throws(RemoteError) -> RemoteAnswer<Bool>
    /// Deletes the account (checked like a log-in: a wrong password throws ``RemoteError/unauthorized(_:)``).
    func deleteAccount(email: String, loginPassword: String) async throws(RemoteError) -> RemoteAnswer<Bool>
}
