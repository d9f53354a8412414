import Foundation

/// One device of the account as a front end lists it: the server's record joined with its name from the wallet.
public struct DeviceInfo: Sendable, Hashable {
    public var id: String
    /// The name from the wallet document (with this device's unpushed renames), nil when it has none.
    public var name: String?
    public var createdAt: Date?
    public var lastSeenAt: Date?
    /// Whether this is the device asking.
    public var isThisDevice: Bool

    public init(id: String, name: String?, createdAt: Date?, lastSeenAt: Date?, isThisDevice: Bool) {
        self.id = id
        self.name = name
        self.createdAt = createdAt
        self.lastSeenAt = lastSeenAt
        self.isThisDevice = isThisDevice
    }
}

/// Why the server ended this device's session, found by the engine itself (a 401 or a websocket close).
public enum ServerSignOut: Sendable, Equatable {
    /// Another device revoked this one (websocket 4002, or a refused token while the account and its salt seed are
    /// unchanged: also a session that expired or was logged out elsewhere). The device keeps its account and merge
    /// base without a token (phase `.needsPassword`): a log-in with the same password continues.
    case deviceRevoked
    /// The account no longer exists on the server (websocket 4003, or its salt seed is gone); the device signed out.
    case accountDeleted
}

/// What a device or account-deletion intent (`devices()`, `renameDevice`, `revokeDevice`, `deleteAccount`) did.
public enum DeviceOutcome: Sendable, Equatable {
    /// The account's devices, this device first, then by name and id.
    case listed([DeviceInfo])
    /// The new name is stored in this device's wallet copy; `sync` is the push that followed (it goes out with the
    /// next successful push when that failed).
    case renamed(sync: SyncOutcome)
    /// Another device's token was revoked on the server.
    case revoked
    /// This device revoked itself: signed out (on the server and here); its preferences stay as local changes.
    case loggedOut
    /// The account and its wallet were deleted on the server; this device is signed out and keeps its preferences.
    case accountDeleted
    /// The server does not offer devices or account deletion (an older or LBRY server).
    case unavailable
    /// The account has no device with that id (any more).
    case noSuchDevice
    /// A device name must not be empty.
    case emptyName
    /// Too many attempts; the server asks to wait this many seconds (nil when it did not say).
    case rateLimited(retryAfter: Int?)
    /// The intent needs a signed-in device.
    case notSignedIn
    /// The server refused this device's token (the password changed elsewhere); log in again.
    case needsPassword
    /// The server ended this device's session (revoked: log in again; or the account deleted: signed out here).
    case signedOutByServer(ServerSignOut)
    /// The server did not accept the password.
    case wrongPassword
    /// The server could not be reached or did not answer properly.
    case serverUnreachable(String)
    /// The server refused the request for a reason retrying will not fix.
    case refused(String)

    /// Whether the intent did what was asked (a rename is done once stored, even if its push failed).
    public var isSuccess: Bool {
        switch self {
        case .listed, .renamed, .revoked, .loggedOut, .accountDeleted: true
        default: false
        }
    }
}
