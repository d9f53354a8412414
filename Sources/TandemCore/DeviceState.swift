import TandemCrypto

/// Everything a device keeps between runs. Never the root password.
public struct DeviceState: Sendable, Equatable {
    public var deviceID: String
    public var server: String?
    public var account: DeviceAccount?
    /// The merge base: the last wallet this device downloaded or uploaded.
    public var base: SyncedWallet?
    /// The working copy the user edits.
    public var preferences: [String: String]
    /// A merge waiting for the user to resolve its conflicts.
    public var pending: PendingSync?

    public init(deviceID: String, server: String? = nil, account: DeviceAccount? = nil, base: SyncedWallet? = nil,
                preferences: [String: String] = [:], pending: PendingSync? = nil) {
        self.deviceID = deviceID
        self.server = server
        self.account = account
        self.base = base
        self.preferences = preferences
        self.pending = pending
    }

    /// Edits not yet on the server, relative to the merge base.
    public var localChanges: [LocalChange] { LocalChange.between(base: base?.document.preferences ?? [:], current: preferences) }
}

/// The signed-in account: who, with which salt seed and derived keys, and the device's token if it has one.
public struct DeviceAccount: Sendable, Equatable, Codable {
    public var email: String
    public var clientSaltSeed: String
    public var keys: DerivedKeys
    public var token: String?

    public init(email: String, clientSaltSeed: String, keys: DerivedKeys, token: String?) {
        self.email = email
        self.clientSaltSeed = clientSaltSeed
        self.keys = keys
        self.token = token
    }
}

/// A wallet both sides agreed on at `sequence`.
public struct SyncedWallet: Sendable, Equatable {
    public var sequence: UInt32
    public var document: WalletDocument

    public init(sequence: UInt32, document: WalletDocument) {
        self.sequence = sequence
        self.document = document
    }
}

/// A merge with conflicts and the remote wallet it merges, which becomes the base once the user has decided.
public struct PendingSync: Sendable, Equatable {
    public var merge: PendingMerge
    public var remote: SyncedWallet

    public init(merge: PendingMerge, remote: SyncedWallet) {
        self.merge = merge
        self.remote = remote
    }
}

/// One key that differs from the merge base.
public struct LocalChange: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable { case added, changed, deleted }
    public var key: String
    public var kind: Kind

    public init(key: String, kind: Kind) {
        self.key = key
        self.kind = kind
    }

    /// The changes from `base` to `current`, sorted by key.
    public static func between(base: [String: String], current: [String: String]) -> [LocalChange] {
        var changes: [LocalChange] = []
        for (key, value) in current where base[key] != value {
            changes.append(LocalChange(key: key, kind: base[key] == nil ? .added : .changed))
        }
        for key in base.keys where current[key] == nil {
            changes.append(LocalChange(key: key, kind: .deleted))
        }
        return changes.sorted { $0.key < $1.key }
    }
}
