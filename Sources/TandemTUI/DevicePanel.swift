import Foundation
import TandemCore

/// Everything the UI keeps about one device: its latest engine snapshot and the view state over it (selection,
/// filter, conflicts view). Derived lists are rebuilt when a snapshot arrives, so a keystroke only touches what it
/// changes, even with 10,000 preferences.
public struct DevicePanel: Sendable {
    /// "laptop", "desktop", or the profile name.
    public let name: String
    public private(set) var snapshot = SyncSnapshot()
    public private(set) var hasSnapshot = false
    /// Every key shown, sorted by its bytes: the preferences plus keys deleted here and not yet synced.
    public private(set) var keys: [ExactText] = []
    /// The value of each of `keys` (nil for a local deletion).
    public private(set) var values: [ExactText?] = []
    /// Indices into `keys` of the rows shown (all of them unless a filter is set), ascending.
    public private(set) var rows: [Int] = []
    public private(set) var markers: [ExactText: Marker] = [:]
    /// Display width of the widest key (for a key column that does not jump while scrolling).
    public private(set) var widestKey = 0
    public private(set) var filter = ""
    public var selection = 0
    /// First row shown in the Preferences pane.
    public var top = 0
    /// How many lines the activity log is scrolled back from its newest line.
    public var activityOffset = 0
    /// The server chosen in the server dialog, used by the next register or log in.
    public var serverChoice: String?
    /// The email typed in the last register or log-in dialog, offered again when one opens (after a failure, say).
    public var typedEmail: String?
    public var conflictsOpen = false
    public var conflictSelection = 0
    public var conflictTop = 0
    public private(set) var conflictRows: [ConflictRow] = []
    /// The UI's own log lines (theme problems, demo notes), shown among the engine's.
    public private(set) var notes: [ActivityEntry] = []
    /// Engine activity and notes by time.
    public private(set) var activity: [ActivityEntry] = []
    /// Choices sent to the engine and not yet confirmed by a snapshot (so `l` shows at once).
    private var optimisticChoices: [ExactText: Resolution] = [:]
    /// A key to select once a snapshot contains it (after adding it).
    var keyToSelect: ExactText?
    /// Rows of the filters typed since the last snapshot, so deleting a character goes back to a list already made.
    private var filterCache: [ExactText: [Int]] = [:]

    public init(name: String) {
        self.name = name
    }

    // MARK: Reading

    public var rowCount: Int { rows.count }

    /// The key of visible row `row`.
    public func key(atRow row: Int) -> ExactText { keys[rows[row]] }

    /// The value of visible row `row` (nil for a key deleted here).
    public func value(atRow row: Int) -> ExactText? { values[rows[row]] }

    public var selectedKey: ExactText? { rows.indices.contains(selection) ? key(atRow: selection) : nil }

    public var unresolvedCount: Int { conflictRows.count { $0.choice == nil } }

    public var hasPendingMerge: Bool { snapshot.phase == .awaitingResolution || !snapshot.pendingMerge.isEmpty }

    public var isSignedIn: Bool { snapshot.email != nil && snapshot.phase != .signedOut }

    // MARK: Snapshots

    /// What changed in a snapshot that the reducer reacts to (opening views and dialogs by themselves).
    struct Change {
        var first = false
        var conflictsAppeared = false
        var conflictsSettled = false
        var passwordNeeded = false
    }

    /// Takes a new snapshot, rebuilding only the derived lists it affects.
    mutating func apply(_ new: SyncSnapshot) -> Change {
        var change = Change()
        change.first = !hasSnapshot
        let old = snapshot
        let oldSelected = selectedKey
        let hadConflicts = hasSnapshot && (old.phase == .awaitingResolution || !old.pendingMerge.isEmpty)
        snapshot = new
        hasSnapshot = true
        rebuildRows(previous: old, forced: change.first)
        rebuildConflicts()
        mergeActivity()
        let hasConflicts = hasPendingMerge
        change.conflictsAppeared = hasConflicts && !hadConflicts
        change.conflictsSettled = hadConflicts && !hasConflicts
        change.passwordNeeded = new.phase == .needsPassword && (change.first || old.phase != .needsPassword)
        if let wanted = keyToSelect, let row = row(of: wanted) {
            selection = row
            keyToSelect = nil
        } else if let oldSelected, let row = row(of: oldSelected) {
            selection = row
        }
        clampSelection()
        return change
    }

    private mutating func rebuildRows(previous old: SyncSnapshot, forced: Bool) {
        let deleted = snapshot.localChanges.filter { $0.kind == .deleted }.map(\.key)
        let oldDeleted = old.localChanges.filter { $0.kind == .deleted }.map(\.key)
        // Same key set: equal counts and every old key still present. Then the order stands and only values move.
        let sameKeys = !forced && deleted == oldDeleted && snapshot.preferences.count == old.preferences.count
            && old.preferences.keys.allSatisfy { snapshot.preferences[$0] != nil }
        if !sameKeys {
            keys = (Array(snapshot.preferences.keys) + deleted).sorted()
            // A key is never wider than its UTF-8 length, so most keys are skipped without measuring.
            widestKey = keys.reduce(0) { $1.string.utf8.count <= $0 ? $0 : max($0, DisplayWidth.of($1.string)) }
        }
        values = keys.map { snapshot.preferences[$0] }
        markers = [:]
        for change in snapshot.localChanges {
            markers[change.key] = switch change.kind {
            case .added: .added
            case .changed: .changed
            case .deleted: .deleted
            }
        }
        for entry in snapshot.pendingMerge where entry.choice == nil { markers[entry.key] = .conflicted }
        filterCache = [:]
        refilter(from: nil)
    }

    /// The rows come from the snapshot alone (the engine keeps every conflicting key with its choice, also across
    /// restarts and other processes' decisions); only choices not yet confirmed are laid over them.
    private mutating func rebuildConflicts() {
        for entry in snapshot.pendingMerge where optimisticChoices[entry.key] == entry.choice { optimisticChoices[entry.key] = nil }
        if snapshot.pendingMerge.isEmpty { optimisticChoices = [:] }
        conflictRows = snapshot.pendingMerge.map { ConflictRow(conflict: $0.conflict, choice: optimisticChoices[$0.key] ?? $0.choice) }
        conflictSelection = min(conflictSelection, max(0, conflictRows.count - 1))
    }

    /// Drops choices the engine did not take (its intent failed): the rows show what the profile holds.
    mutating func forgetUnconfirmedChoices() {
        guard !optimisticChoices.isEmpty else { return }
        optimisticChoices = [:]
        rebuildConflicts()
    }

    private mutating func mergeActivity() {
        // By time, and in arrival order among equal times (a plain sort may swap entries of the same second).
        activity = notes.isEmpty ? snapshot.activity
            : (snapshot.activity + notes).enumerated().sorted { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }.map(\.element)
    }

    /// Records a choice made by key before the engine confirms it.
    mutating func choose(_ resolution: Resolution, for key: ExactText) {
        optimisticChoices[key] = resolution
        if let index = conflictRows.firstIndex(where: { $0.key == key }) { conflictRows[index].choice = resolution }
    }

    /// Records the same choice for every key without one.
    mutating func chooseAll(_ resolution: Resolution) {
        for index in conflictRows.indices where conflictRows[index].choice == nil {
            conflictRows[index].choice = resolution
            optimisticChoices[conflictRows[index].key] = resolution
        }
    }

    /// Adds a line of the UI's own to this device's activity log.
    public mutating func note(_ message: String, level: ActivityEntry.Level = .info, at date: Date) {
        notes.append(ActivityEntry(date: date, level: level, message: message))
        if notes.count > 50 { notes.removeFirst(notes.count - 50) }
        mergeActivity()
    }

    // MARK: Filter

    /// Sets the filter: a list made before for the same text, else narrowed from the current rows when the new
    /// filter extends the old one, else filtered afresh.
    mutating func setFilter(_ text: String) {
        let selected = selectedKey
        if let cached = filterCache[ExactText(text)] {
            filter = text
            rows = cached
        } else {
            let narrowing = !filter.isEmpty && text.utf8.starts(with: filter.utf8)
            filter = text
            refilter(from: narrowing ? rows : nil)
        }
        if let selected, let row = row(of: selected) { selection = row } else { selection = 0 }
        clampSelection()
    }

    private mutating func refilter(from candidates: [Int]?) {
        if filterCache.count >= 64 { filterCache = [:] }
        defer { filterCache[ExactText(filter)] = rows }
        guard !filter.isEmpty else {
            rows = Array(keys.indices)
            return
        }
        let needle = Array(filter.lowercased().utf8)
        rows = (candidates ?? Array(keys.indices)).filter { index in
            Self.contains(keys[index].string, needle) || (values[index].map { Self.contains($0.string, needle) } ?? false)
        }
    }

    /// Case-insensitive (for ASCII) substring test on UTF-8 bytes: fast enough to refilter 10,000 rows per keystroke.
    private static func contains(_ haystack: String, _ needle: [UInt8]) -> Bool {
        guard let first = needle.first else { return true }
        var haystack = haystack
        return haystack.withUTF8 { bytes in
            guard bytes.count >= needle.count else { return false }
            var start = 0
            let last = bytes.count - needle.count
            while start <= last {
                if lower(bytes[start]) == first {
                    var matched = 1
                    while matched < needle.count, lower(bytes[start + matched]) == needle[matched] { matched += 1 }
                    if matched == needle.count { return true }
                }
                start += 1
            }
            return false
        }
    }

    private static func lower(_ byte: UInt8) -> UInt8 { byte >= 65 && byte <= 90 ? byte + 32 : byte }

    // MARK: Positions

    /// The visible row showing `key`, by binary search (keys are sorted, rows ascending).
    func row(of key: ExactText) -> Int? {
        var low = 0, high = keys.count - 1
        var keyIndex: Int?
        while low <= high {
            let middle = (low + high) / 2
            if keys[middle] == key { keyIndex = middle; break }
            if keys[middle] < key { low = middle + 1 } else { high = middle - 1 }
        }
        guard let keyIndex else { return nil }
        low = 0
        high = rows.count - 1
        while low <= high {
            let middle = (low + high) / 2
            if rows[middle] == keyIndex { return middle }
            if rows[middle] < keyIndex { low = middle + 1 } else { high = middle - 1 }
        }
        return nil
    }

    mutating func clampSelection() {
        selection = max(0, min(selection, rows.count - 1))
    }

    /// Scrolls so the selection is one of the `visibleRows` rows shown.
    mutating func scrollToSelection(visibleRows: Int) {
        preferenceList.reveal(rows: visibleRows)
    }

    mutating func scrollConflictsToSelection(visibleRows: Int) {
        conflictList.reveal(rows: visibleRows)
    }
}
