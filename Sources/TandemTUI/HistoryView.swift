import TandemCore

/// The `h` view: one key's journal, newest first; Enter restores the selected entry's value as a new local edit.
public struct HistoryView: Hashable, Sendable {
    public var key: ExactText
    public var device: Int
    /// Newest first; nil while the journal is being read.
    public var entries: [JournalEntry]?
    public var list = ScrollingList()

    public init(key: ExactText, device: Int) {
        self.key = key
        self.device = device
    }

    /// The entry under the selection.
    public var selected: JournalEntry? {
        guard let entries, entries.indices.contains(list.selection) else { return nil }
        return entries[list.selection]
    }
}
