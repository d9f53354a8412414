import Foundation
import TandemCrypto

/// A device of an account as stored: a device id with a live token.
public struct DeviceRecord: Sendable, Equatable {
    public var deviceID: String
    /// The device's first log-in; logging in again from the same device keeps it.
    public var createdAt: Date
    /// The start of the minute of the device's last authenticated request.
    public var lastSeenAt: Date
    /// Which token is the device's, so the caller can be told apart; never shown to anyone.
    public var tokenDigest: String

    public init(deviceID: String, createdAt: Date, lastSeenAt: Date, tokenDigest: String) {
        self.deviceID = deviceID
        self.createdAt = createdAt
        self.lastSeenAt = lastSeenAt
        self.tokenDigest = tokenDigest
    }

    /// What websockets of this device are registered under (see `DeviceKey`).
    public var key: String { DeviceKey.of(deviceID) }
}

/// A fixed-size name for a device id, which is a client string of any length: the hex SHA-256 of its UTF-8 bytes.
/// Events name revoked devices by it, so that they fit a PostgreSQL NOTIFY payload.
public enum DeviceKey {
    public static func of(_ deviceID: String) -> String { AccessToken.digest(deviceID) }
}

public enum RevokeDeviceOutcome: Sendable, Equatable {
    case revoked
    /// The account has no device with a live token of that id.
    case noSuchDevice
}

public enum RevokeTokenOutcome: Sendable, Equatable {
    /// The token was live and is gone; it belonged to this device.
    case revoked(deviceID: String)
    /// No live token has that digest.
    case notFound
}

public enum DeleteAccountOutcome: Sendable, Equatable {
    case deleted
    /// The password changed (or the account went) after the caller checked it: nothing was deleted.
    case generationMoved
}

/// One row of the operator's account list; never a secret (no hash, salt seed, token or wallet).
public struct AccountSummary: Sendable, Equatable {
    public var id: AccountID
    public var email: String
    public var verified: Bool
    /// Nil for accounts created before the server recorded it.
    public var createdAt: Date?
    /// Devices with a live token.
    public var devices: Int
    /// The latest `lastSeenAt` of those devices.
    public var lastSeenAt: Date?
    /// 0 when the account has no wallet.
    public var walletSequence: UInt32

    public init(id: AccountID, email: String, verified: Bool, createdAt: Date?, devices: Int, lastSeenAt: Date?,
                walletSequence: UInt32) {
        self.id = id
        self.email = email
        self.verified = verified
        self.createdAt = createdAt
        self.devices = devices
        self.lastSeenAt = lastSeenAt
        self.walletSequence = walletSequence
    }
}

/// What the operator's `tandem-server admin` command needs beyond `AccountStore`, on a database that running servers
/// may be using at the same time: every method is one short transaction.
public protocol AccountAdministration: AccountStore {
    /// Accounts whose lower-cased email contains `filter` (all when nil), ordered by email.
    func accountSummaries(matching filter: String?, now: Date) async throws -> [AccountSummary]
    /// Marks the account verified and forgets any pending verification link; false for an unknown account.
    func markVerified(_ account: AccountID) async throws -> Bool
    /// Makes servers running on this database act on `event` (close the sockets concerned) when the change was made
    /// by another program. A backend whose store methods already announce their events (PostgreSQL) does nothing.
    func announceToRunningServers(_ event: AccountEvent) async throws
    /// `deleteAccount`, announced to running servers in the same transaction, so that a deletion can never land
    /// without the word that closes its sockets and drops its cached tokens (the program could die in between).
    func deleteAccountAnnouncing(_ account: AccountID, generation: Int64) async throws -> DeleteAccountOutcome
}

extension Date {
    /// The start of the minute this instant falls in: `lastSeenAt` is kept to the minute.
    public var startOfMinute: Date {
        Date(timeIntervalSince1970: (timeIntervalSince1970 / 60).rounded(.down) * 60)
    }
}
