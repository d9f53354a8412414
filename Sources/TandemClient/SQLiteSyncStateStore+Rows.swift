import Foundation
import GRDB
import TandemCore

extension SQLiteSyncStateStore {
    static func read(_ db: Database) throws -> StoredState {
        guard let deviceID = try String.fetchOne(db, sql: "SELECT value FROM setting WHERE name = 'deviceID'") else {
            throw StoreError.corrupt("no device id")
        }
        let server = try String.fetchOne(db, sql: "SELECT value FROM setting WHERE name = 'server'")
        let account = try String.fetchOne(db, sql: "SELECT value FROM setting WHERE name = 'account'")
            .map { try JSONDecoder().decode(DeviceAccount.self, from: Data($0.utf8)) }
        let autoSync = try String.fetchOne(db, sql: "SELECT value FROM setting WHERE name = 'autoSync'") != "off"
        var preferences: Preferences = [:]
        let rows = try Row.fetchCursor(db, sql: "SELECT key, value FROM preference")
        while let row = try rows.next() {
            preferences[ExactText(String(decoding: row[0] as Data, as: UTF8.self))] = ExactText(String(decoding: row[1] as Data, as: UTF8.self))
        }
        let base = try Row.fetchOne(db, sql: "SELECT sequence, document FROM base").map { try wallet($0) }
        let pending = try Row.fetchOne(db, sql: "SELECT merge, sequence, document FROM pending").map { row in
            PendingSync(merge: try JSONDecoder().decode(PendingMerge.self, from: row["merge"] as Data), remote: try wallet(row))
        }
        var state = DeviceState(deviceID: deviceID, server: server, account: account, base: base, preferences: preferences,
                                pending: pending, autoSync: autoSync)
        if let renames = try String.fetchOne(db, sql: "SELECT value FROM setting WHERE name = 'deviceRenames'") {
            state.deviceRenames = try JSONDecoder().decode([String: String].self, from: Data(renames.utf8))
        }
        return StoredState(state: state, revision: try revision(db))
    }

    static func revision(_ db: Database) throws -> UInt64 {
        try String.fetchOne(db, sql: "SELECT value FROM setting WHERE name = 'revision'").flatMap { UInt64($0) } ?? 0
    }

    /// Writes the parts of `state` that differ from `old` (the state this transaction read); false when none do.
    static func write(_ state: DeviceState, over old: DeviceState, _ db: Database) throws -> Bool {
        var changed = false
        if state.account != old.account {
            try set("account", try state.account.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }, db)
            changed = true
        }
        if state.server != old.server {
            try set("server", state.server, db)
            changed = true
        }
        if state.autoSync != old.autoSync {
            try set("autoSync", state.autoSync ? "on" : "off", db)
            changed = true
        }
        if state.deviceRenames != old.deviceRenames {
            try set("deviceRenames", state.deviceRenames.isEmpty ? nil
                        : String(decoding: try JSONEncoder().encode(state.deviceRenames), as: UTF8.self), db)
            changed = true
        }
        // One pass each way over the preferences instead of comparing the dictionaries first and then diffing them.
        let upsert = try db.cachedStatement(sql: "INSERT OR REPLACE INTO preference (key, value) VALUES (?, ?)")
        for (key, value) in state.preferences where old.preferences[key] != value {
            try upsert.execute(arguments: [Data(key.string.utf8), Data(value.string.utf8)])
            changed = true
        }
        if state.preferences.count != old.preferences.count || changed {
            let delete = try db.cachedStatement(sql: "DELETE FROM preference WHERE key = ?")
            for key in old.preferences.keys where state.preferences[key] == nil {
                try delete.execute(arguments: [Data(key.string.utf8)])
                changed = true
            }
        }
        if state.base != old.base {
            try db.execute(sql: "DELETE FROM base")
            if let base = state.base {
                try db.execute(sql: "INSERT INTO base (sequence, document) VALUES (?, ?)",
                               arguments: [base.sequence, Data(base.document.encoded())])
            }
            changed = true
        }
        if !state.journalAppend.isEmpty {
            let insert = try db.cachedStatement(sql: "INSERT INTO journal (date, key, old, new, origin) VALUES (?, ?, ?, ?, ?)")
            for entry in state.journalAppend {
                try insert.execute(arguments: [entry.date.timeIntervalSince1970, Data(entry.key.string.utf8),
                                                entry.old.map { Data($0.string.utf8) }, entry.new.map { Data($0.string.utf8) },
                                                entry.origin.code])
            }
            try db.execute(sql: "DELETE FROM journal WHERE id <= (SELECT MAX(id) FROM journal) - ?", arguments: [Journal.limit])
            changed = true
        }
        if state.pending != old.pending {
            try db.execute(sql: "DELETE FROM pending")
            if let pending = state.pending {
                try db.execute(sql: "INSERT INTO pending (merge, sequence, document) VALUES (?, ?, ?)",
                               arguments: [try JSONEncoder().encode(pending.merge), pending.remote.sequence,
                                           Data(pending.remote.document.encoded())])
            }
            changed = true
        }
        return changed
    }

    /// The newest `limit` entries (of `key`, if given), oldest first.
    static func journal(key: ExactText?, limit: Int, _ db: Database) throws -> [JournalEntry] {
        let filter = key == nil ? "" : "WHERE key = ?"
        let arguments: StatementArguments = key.map { [Data($0.string.utf8), limit] } ?? [limit]
        let rows = try Row.fetchAll(db, sql: "SELECT id, date, key, old, new, origin FROM journal \(filter) ORDER BY id DESC LIMIT ?",
                                    arguments: arguments)
        return try rows.reversed().map { row in
            guard let origin = JournalOrigin(code: row["origin"]) else { throw StoreError.corrupt("journal entry \(row["id"] as Int64)") }
            func text(_ column: String) -> ExactText? {
                (row[column] as Data?).map { ExactText(String(decoding: $0, as: UTF8.self)) }
            }
            return JournalEntry(id: row["id"], date: Date(timeIntervalSince1970: row["date"]), key: text("key") ?? "",
                                old: text("old"), new: text("new"), origin: origin)
        }
    }

    static func set(_ name: String, _ value: String?, _ db: Database) throws {
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

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: device state") { db in
            try db.execute(sql: """
                CREATE TABLE setting (name TEXT PRIMARY KEY, value TEXT NOT NULL);
                CREATE TABLE preference (key BLOB PRIMARY KEY, value BLOB NOT NULL);
                CREATE TABLE base (sequence INTEGER NOT NULL, document BLOB NOT NULL);
                CREATE TABLE pending (merge BLOB NOT NULL, sequence INTEGER NOT NULL, document BLOB NOT NULL);
                """)
        }
        migrator.registerMigration("v2: byte-exact pending merge, revision") { db in
            // v1 stored the pending merge with String keys (canonically collapsed). Dropping it loses no edit: the
            // working copy and base stay, and the next pull finds the same conflicts again.
            try db.execute(sql: "DELETE FROM pending")
            try db.execute(sql: "INSERT OR IGNORE INTO setting (name, value) VALUES ('revision', '1')")
        }
        migrator.registerMigration("v3: journal") { db in
            try db.execute(sql: """
                CREATE TABLE journal (id INTEGER PRIMARY KEY AUTOINCREMENT, date REAL NOT NULL, key BLOB NOT NULL,
                                      old BLOB, new BLOB, origin TEXT NOT NULL);
                CREATE INDEX journal_key ON journal (key, id);
                """)
        }
        return migrator
    }
}
