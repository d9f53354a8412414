import Foundation
import GRDB
import Synchronization
import TandemCore
import TandemCrypto

/// A device's state in one SQLite file per profile (mode 0600): device id, server, account with derived keys and
/// token (never the root password), the merge base, the working preferences, any pending merge and the auto-sync
/// setting. Any number of processes may open the same file: every change is one `BEGIN IMMEDIATE` transaction that
/// reads the stored state and writes only the rows that changed, and bumps the `revision` setting.
public struct SQLiteSyncStateStore: SyncStateStore {
    public let path: String
    let queue: DatabaseQueue
    /// The state as last read or written by this handle, valid while the stored revision is unchanged: every
    /// transaction that changes anything bumps the revision, so a transaction that reads the same revision can skip
    /// reading (and decoding) every row again.
    private let cache = StateCache()

    /// The file of `profile` under `$XDG_DATA_HOME/tandem/` (default `~/.local/share/tandem/`).
    public static func path(forProfile profile: String, environment: [String: String] = ProcessInfo.processInfo.environment)
        throws -> String {
        guard !profile.isEmpty, profile.unicodeScalars.allSatisfy({ CharacterSet.alphanumerics.contains($0) || "._-".unicodeScalars.contains($0) }),
              !profile.hasPrefix(".") else {
            throw StoreError.invalidProfile(profile)
        }
        let dataHome = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.local/share"
        return "\(dataHome)/tandem/\(profile).sqlite"
    }

    public enum StoreError: Error, CustomStringConvertible {
        case invalidProfile(String)
        case corrupt(String)
        case lockFile(String)
        public var description: String {
            switch self {
            case .invalidProfile(let name): "invalid profile name '\(name)' (use letters, digits, '.', '_' and '-')"
            case .corrupt(let detail): "the device state file is damaged: \(detail)"
            case .lockFile(let detail): "cannot open the profile's lock file: \(detail)"
            }
        }
    }

    /// Opens (creating with mode 0600 in a 0700 directory if needed) the file at `path`; the first use migrates it.
    public init(path: String) throws {
        self.path = path
        let directory = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        try Self.createPrivately(path)
        var configuration = Configuration()
        // Waiting for another process's transaction happens on GRDB's own thread, never on a cooperative one.
        configuration.busyMode = .timeout(10)
        queue = try DatabaseQueue(path: path, configuration: configuration)
    }

    /// Migrates the file and gives a new profile its device id, once per handle, on GRDB's thread: opening a
    /// profile another process is writing may wait for its transaction, and no cooperative thread may wait.
    private func prepare() async throws {
        guard !cache.prepared.withLock({ $0 }) else { return }
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            Self.migrator.asyncMigrate(queue) { result in continuation.resume(with: result.map { _ in () }) }
        }
        try await queue.write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO setting (name, value) VALUES ('deviceID', ?)",
                           arguments: [UUID().uuidString.lowercased()])
        }
        cache.prepared.withLock { $0 = true }
    }

    /// Creates `path` with mode 0600 before SQLite opens it, so it is never readable by others, not even for a moment.
    static func createPrivately(_ path: String) throws {
        guard !FileManager.default.fileExists(atPath: path) else { return }
        guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
    }

    public func load() async throws -> StoredState {
        try await prepare()
        return try await queue.read { db in try current(db) }
    }

    /// The stored state, from the cache when the revision says nothing changed since it was taken.
    private func current(_ db: Database) throws -> StoredState {
        let revision = try Self.revision(db)
        if let cached = cache.value.withLock({ $0 }), cached.revision == revision { return cached }
        let stored = try Self.read(db)
        cache.value.withLock { $0 = stored }
        return stored
    }

    public func update<Result: Sendable>(_ change: @escaping @Sendable (inout DeviceState) throws -> Result) async throws
        -> (Result, StoredState) {
        try await prepare()
        return try await queue.writeWithoutTransaction { db in
            var outcome: (Result, StoredState)?
            // IMMEDIATE: take the write lock before reading, so two processes never both read, then both write.
            try db.inTransaction(.immediate) {
                let before = try current(db)
                var state = before.state
                let result = try change(&state)
                guard try Self.write(state, over: before.state, db) else {
                    outcome = (result, before)
                    return .commit
                }
                state.journalAppend = []
                let revision = before.revision + 1
                try Self.set("revision", String(revision), db)
                let stored = StoredState(state: state, revision: revision)
                outcome = (result, stored)
                cache.value.withLock { $0 = stored }
                return .commit
            }
            return outcome!
        }
    }

    public func revision() async throws -> UInt64 {
        try await prepare()
        return try await queue.read { db in try Self.revision(db) }
    }

    public func journal(key: ExactText?, limit: Int) async throws -> [JournalEntry] {
        try await prepare()
        return try await queue.read { db in try Self.journal(key: key, limit: limit, db) }
    }

    public func tryLockServer() throws -> ServerLease? {
        try ProfileLock.tryLock(path + ".lock")
    }
}

/// A handle's last known state and whether its file is migrated (a class: a `Mutex` cannot live in a copyable struct).
private final class StateCache: Sendable {
    let value = Mutex<StoredState?>(nil)
    let prepared = Mutex(false)
}
