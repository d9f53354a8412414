import Foundation
import TandemCrypto

/// Everything a UI shows about the device, published by `SyncEngine` after every change.
public struct SyncSnapshot: Sendable, Equatable {
    public var phase: SyncPhase = .signedOut
    public var deviceID = ""
    public var server: String?
    public var email: String?
    public var syncedSequence: UInt32?
    /// The highest sequence the server has told us about (by GET or websocket notice).
    public var latestRemoteSequence: UInt32?
    /// The working copy, byte-exact.
    public var preferences: Preferences = [:]
    public var localChanges: [LocalChange] = []
    /// Every conflicting key of the pending merge, decided or not, sorted by key; empty when no merge waits.
    public var pendingMerge: [PendingConflict] = []
    /// Whether the engine pushes edits by itself about a second after the last one (the profile's setting).
    public var autoSync = true
    public var lastSync: Date?
    public var connection = ConnectionStatus.unknown
    public var feed = FeedStatus.off
    public var lastNotice: (sequence: UInt32, at: Date)?
    public var derivation: DerivationStatus?
    public var activity: [ActivityEntry] = []
    /// Set when the server ended this device's session (revoked, account deleted) and it signed out; nil again
    /// after the next log-in.
    public var serverSignOut: ServerSignOut?

    public init() {}

    /// The conflicts not decided yet, sorted by key.
    public var conflicts: [Conflict] { pendingMerge.filter { $0.choice == nil }.map(\.conflict) }

    /// The decisions made so far, by key.
    public var pendingResolutions: [ExactText: Resolution] {
        Dictionary(uniqueKeysWithValues: pendingMerge.compactMap { entry in entry.choice.map { (entry.conflict.key, $0) } })
    }

    public static func == (lhs: SyncSnapshot, rhs: SyncSnapshot) -> Bool {
        lhs.phase == rhs.phase && lhs.deviceID == rhs.deviceID && lhs.server == rhs.server && lhs.email == rhs.email
            && lhs.syncedSequence == rhs.syncedSequence && lhs.latestRemoteSequence == rhs.latestRemoteSequence
            && lhs.preferences == rhs.preferences && lhs.localChanges == rhs.localChanges && lhs.pendingMerge == rhs.pendingMerge
            && lhs.autoSync == rhs.autoSync && lhs.lastSync == rhs.lastSync
            && lhs.connection == rhs.connection && lhs.feed == rhs.feed && lhs.lastNotice?.sequence == rhs.lastNotice?.sequence
            && lhs.lastNotice?.at == rhs.lastNotice?.at && lhs.derivation == rhs.derivation && lhs.activity == rhs.activity
            && lhs.serverSignOut == rhs.serverSignOut
    }
}

/// The result of the last request to the server.
public enum ConnectionStatus: Sendable, Equatable {
    case unknown
    case online(latency: Duration)
    case offline(String)
}

/// The websocket's state.
public enum FeedStatus: Sendable, Equatable {
    case off
    case connecting
    case connected
    case reconnecting(at: Date, reason: String)
    case closedByServer(String)
}

/// Key derivation in progress (it takes seconds at full strength).
public struct DerivationStatus: Sendable, Equatable {
    public var purpose: String
    /// 0...1 when the derivation reports it, nil when it only reports start and end.
    public var fraction: Double?
}

/// One line of the activity log, in plain words.
public struct ActivityEntry: Sendable, Equatable {
    public enum Level: String, Sendable { case info, warning, error }
    public var date: Date
    public var level: Level
    public var message: String

    public init(date: Date, level: Level, message: String) {
        self.date = date
        self.level = level
        self.message = message
    }
}
