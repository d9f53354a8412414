import Foundation
import GRDB
import TandemCore
import TandemCrypto

/// A device's state in one SQLite file per profile (mode 0600): device id, server, account with derived keys and
/// token (never the root password), the merge base, the working preferences and any pending merge.
public struct SQLiteSyncStateStore: SyncStateStore {
    public let path: String
    private let queue: DatabaseQueue

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
        public var description: String {
            switch self {
            case .invalidProfile(let name): "invalid profile name '\(name)' (use letters, digits, '.', '_' and '-')"
            case .corrupt(let detail): "the device state file is damaged: \(detail)"
            }
        }
    }

    /// Opens (creating with mode 0600 in a 0700 directory if needed) and migrates the file at `path`.
    public init(path: String) throws {
        self.path = path
        let directory = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        if !FileManager.default.fileExists(atPath: path) {
            // Created before SQLite opens it so it is never readable by others, not even for a moment.
            guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
            }
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        queue = try DatabaseQueue(path: path, configuration: configuration)
        try Self.migrator.migrate(queue)
    }

    public func load() async throws -> DeviceState {
        try await queue.write { db in
            let deviceID: String
            if let stored = try String.fetchOne(db, sql: "SELECT value FROM setting WHERE name = 'deviceID'") {
                deviceID = stored
            } else {
                deviceID = UUID().uuidString.lowercased()
                try db.execute(sql: "INSERT INTO setting (name, value) VALUES ('deviceID', ?)", arguments: [deviceID])
            }
            let server = try String.fetchOne(db, sql: "SELECT value FROM setting WHERE name = 'server'")
            let account = try String.fetchOne(db, sql: "SELECT value FROM setting WHERE name = 'account'")
                .map { try JSONDecoder().decode(DeviceAccount.self, from: Data($0.utf8)) }
            var preferences: [String: String] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT key, value FROM preference")
            while let row = try rows.next() {
                preferences[String(decoding: row[0] as Data, as: UTF8.self)] = String(decoding: row[1] as Data, as: UTF8.self)
            }
            let base = try Row.fetchOne(db, sql: "SELECT sequence, document FROM base").map { try Self.wallet($0) }
            let pending = try Row.fetchOne(db, sql: "SELECT merge, sequence, document FROM pending").map { row in
                PendingSync(merge: try JSONDecoder().decode(PendingMerge.self, from: row["merge"] as Data),
                            remote: try Self.wallet(row))
            }
            return DeviceState(deviceID: deviceID, server: server, account: account, base: base, preferences: preferences,
                               pending: pending)
        }
    }

    public func saveAccount(_ account: DeviceAccount?, server: String?) async throws {
        let encoded = try account.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
        try await queue.write { db in
            try Self.set("account", encoded, db)
            try Self.set("server", server, db)
        }
    }

    public func setPreference(_ key: String, to value: String?) async throws {
        try await queue.write { db in
            if let value {
                try db.execute(sql: "INSERT OR REPLACE INTO preference (key, value) VALUES (?, ?)",
                               arguments: [Data(key.utf8), Data(value.utf8)])
            } else {
                try db.execute(sql: "DELETE FROM preference WHERE key = ?", arguments: [Data(key.utf8)])
            }
        }
    }

    public func saveSync(base: SyncedWallet?, preferences: [String: String], pending: PendingSync?) async throws {
        let pendingRow = try pending.map(Self.row(for:))
        try await queue.write { db in
            try db.execute(sql: "DELETE FROM base")
            if let base {
                try db.execute(sql: "INSERT INTO base (sequence, document) VALUES (?, ?)",
                               arguments: [base.sequence, Data(base.document.encoded())])
            }
            try db.execute(sql: "DELETE FROM preference")
            let insert = try db.makeStatement(sql: "INSERT INTO preference (key, value) VALUES (?, ?)")
            for (key, value) in preferences {
                try insert.execute(arguments: [Data(key.utf8), Data(value.utf8)])
            }
            try Self.replacePending(pendingRow, db)
        }
    }

    public func savePending(_ pending: PendingSync?) async throws {
        let pendingRow = try pending.map(Self.row(for:))
        try await queue.write { db in try Self.replacePending(pendingRow, db) }
    }

    // MARK: Rows

    private static func set(_ name: String, _ value: String?, _ db: Database) throws {
        if let value {
            try db.execute(sql: "INSERT OR REPLACE INTO setting (name, value) VALUES (?, ?)", arguments: [name, value])
        } else {
            try db.execute(sql: "DELETE FROM setting WHERE name = ?", arguments: [name])
        }
    }

    private static func wallet(_ row: Row) throws -> SyncedWallet {
        do {
            return SyncedWallet(sequence: row["sequence"], document: try WalletDocument.decode(Array(row["document"] as Data)))
        } catch {
            throw StoreError.corrupt("\(error)")
        }
    }

    private static func row(for pending: PendingSync) throws -> StatementArguments {
        [try JSONEncoder().encode(pending.merge), pending.remote.sequence, Data(pending.remote.document.encoded())]
    }

    private static func replacePending(_ arguments: StatementArguments?, _ db: Database) throws {
        try db.execute(sql: "DELETE FROM pending")
        if let arguments {
            try db.execute(sql: "INSERT INTO pending (merge, sequence, document) VALUES (?, ?, ?)", arguments: arguments)
        }
    }

    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: device state") { db in
            try db.execute(sql: """
                CREATE TABLE setting (name TEXT PRIMARY KEY, value TEXT NOT NULL);
                CREATE TABLE preference (key BLOB PRIMARY KEY, value BLOB NOT NULL);
                CREATE TABLE base (sequence INTEGER NOT NULL, document BLOB NOT NULL);
                CREATE TABLE pending (merge BLOB NOT NULL, sequence INTEGER NOT NULL, document BLOB NOT NULL);
                """)
        }
        return migrator
    }
}
