import Foundation

/// Where a journaled change to a preference came from.
public enum JournalOrigin: Sendable, Hashable {
    /// An edit made on this device (the UI, `tandem prefs set`, a value restored from the history).
    case local
    /// Taken from the server's wallet at `sequence` when it was pulled and merged (another device's push).
    case pulled(sequence: UInt32)
    /// The value a conflict's decision gave the key when the merge was applied.
    case resolved(sequence: UInt32)
    /// Undoing the local change journaled as `entry`.
    case undo(of: Int64)
    /// Redoing what the undo journaled as `entry` took back.
    case redo(of: Int64)

    /// A stable text form, for stores and `--json`.
    public var code: String {
        switch self {
        case .local: "local"
        case .pulled(let sequence): "pulled:\(sequence)"
        case .resolved(let sequence): "resolved:\(sequence)"
        case .undo(let entry): "undo:\(entry)"
        case .redo(let entry): "redo:\(entry)"
        }
    }

    /// The origin `code` names, if it names one.
    public init?(code: String) {
        let parts = code.split(separator: ":", maxSplits: 1).map(String.init)
        switch (parts.first, parts.count == 2 ? parts[1] : nil) {
        case ("local", nil): self = .local
        case ("pulled", let number?): guard let value = UInt32(number) else { return nil }; self = .pulled(sequence: value)
        case ("resolved", let number?): guard let value = UInt32(number) else { return nil }; self = .resolved(sequence: value)
        case ("undo", let number?): guard let value = Int64(number) else { return nil }; self = .undo(of: value)
        case ("redo", let number?): guard let value = Int64(number) else { return nil }; self = .redo(of: value)
        default: return nil
        }
    }

    /// Whether this is a change made here (what `undo` takes back).
    public var isLocalChange: Bool {
        switch self {
        case .local, .redo: true
        case .pulled, .resolved, .undo: false
        }
    }
}

/// One change of one preference, as the profile's journal keeps it: the value before and after, when, and from
/// where. Local edits, pulls, merges, resolutions, undos and redos are all journaled, in the same store
/// transaction as the change itself.
public struct JournalEntry: Sendable, Hashable {
    /// Increasing in the order of the changes; assigned by the store (0 until stored).
    public var id: Int64
    public var date: Date
    public var key: ExactText
    /// The value before the change (nil: the key did not exist).
    public var old: ExactText?
    /// The value after it (nil: the key was deleted).
    public var new: ExactText?
    public var origin: JournalOrigin

    public init(id: Int64 = 0, date: Date, key: ExactText, old: ExactText?, new: ExactText?, origin: JournalOrigin) {
        self.id = id
        self.date = date
        self.key = key
        self.old = old
        self.new = new
        self.origin = origin
    }
}

/// The journal's rules, as pure functions over its newest entries (newest last).
public enum Journal {
    /// How many entries a profile keeps; older ones are dropped as new ones arrive.
    public static let limit = 1000

    /// The entries for every key whose value differs between `old` and `new`, sorted by key bytes.
    public static func changes(from old: Preferences, to new: Preferences, at date: Date, origin: JournalOrigin) -> [JournalEntry] {
        var keys = Set(old.keys)
        keys.formUnion(new.keys)
        return keys.filter { old[$0] != new[$0] }.sorted().map {
            JournalEntry(date: date, key: $0, old: old[$0], new: new[$0], origin: origin)
        }
    }

    /// The local change `undo` takes back next: the newest local edit (or redo) not undone yet.
    public static func nextUndo(in entries: [JournalEntry]) -> JournalEntry? {
        var undone = Set<Int64>()
        for entry in entries.reversed() {
            if case .undo(let target) = entry.origin { undone.insert(target) }
            if entry.origin.isLocalChange, !undone.contains(entry.id) { return entry }
        }
        return nil
    }

    /// The undo `redo` takes back next: the newest undo not redone yet, as long as no new local edit came after it
    /// (an edit after undoing starts a new line of changes, as in any editor).
    public static func nextRedo(in entries: [JournalEntry]) -> JournalEntry? {
        var redone = Set<Int64>()
        for entry in entries.reversed() {
            switch entry.origin {
            case .local: return nil
            case .redo(let target): redone.insert(target)
            case .undo: if !redone.contains(entry.id) { return entry }
            case .pulled, .resolved: break
            }
        }
        return nil
    }
}
