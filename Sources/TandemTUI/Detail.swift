import TandemCore

/// The detail view: one preference or one conflicting key in full, wrapped to the pane, scrolled as a text; with a
/// full-width editor for a new value when `editor` is set.
public struct Detail: Hashable, Sendable {
    public enum Subject: Hashable, Sendable {
        /// A preference (its value may be absent: deleted here and not synced yet).
        case preference(key: ExactText)
        /// A key of the pending merge: base, local and remote with the differences marked.
        case conflict(key: ExactText)
    }

    public var subject: Subject
    public var device: Int
    /// The wrapped lines, scrolled; its count follows the text and the pane's width.
    public var lines = ScrollingList(selectable: false)
    /// The new value being typed (multi-line), or nil while reading.
    public var editor: TextField?
    /// Opened straight into the editor from a list (`e` on a conflict): Esc goes back to the list, not to reading.
    public var openedForEditing = false

    public init(subject: Subject, device: Int, editor: TextField? = nil) {
        self.subject = subject
        self.device = device
        self.editor = editor
    }

    public var key: ExactText {
        switch subject {
        case .preference(let key), .conflict(let key): key
        }
    }

    public var isConflict: Bool {
        if case .conflict = subject { return true }
        return false
    }
}

/// A choice offered under a conflict in the detail view; clickable when the mouse is on.
public enum DetailChoice: CaseIterable, Hashable, Sendable {
    case keepLocal, takeRemote, newValue

    var key: String {
        switch self {
        case .keepLocal: "l"
        case .takeRemote: "r"
        case .newValue: "e"
        }
    }

    var words: String {
        switch self {
        case .keepLocal: "keep local"
        case .takeRemote: "take remote"
        case .newValue: "new value"
        }
    }

    var command: CommandID {
        switch self {
        case .keepLocal: .keepLocal
        case .takeRemote: .takeRemote
        case .newValue: .typeNewValue
        }
    }
}
