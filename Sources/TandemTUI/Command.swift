/// Where the user is, which decides what each key means.
public enum Context: String, CaseIterable, Hashable, Sendable {
    /// The panes: preferences list, activity log.
    case main
    /// The conflicts view.
    case conflicts
    /// Typing a `/` filter.
    case filter
    /// Typing a value in place (a preference, or a new value for a conflict).
    case editing
    /// A dialog with fields (server, register, log in, passwords, add).
    case dialog
    /// A yes/no question.
    case confirm
    /// The `?` overlay.
    case help
    /// A dialog waiting for the engine (key derivation, the server): Esc only hides it, the work goes on.
    case waiting
    /// The history of one key (`h`).
    case history
    /// The detail view of one preference or conflicting key.
    case detail
    /// The full-width editor for a new value (in the detail view).
    case editor
    /// The account's devices (`D`).
    case devices
}

/// How commands are grouped in the help overlay and the README.
public enum CommandGroup: String, CaseIterable, Hashable, Sendable {
    case navigation = "Moving around"
    case preferences = "Preferences"
    case sync = "Sync"
    case account = "Account"
    case conflicts = "Conflicts"
    case detail = "Detail view"
    case typing = "Typing (filter, edits, dialogs)"
    case questions = "Questions"
    case view = "View"
}

/// Whether a command applies with one device (`tandem`) or two side by side (`tandem demo`).
public enum CommandScope: Hashable, Sendable {
    case always
    case oneDevice
    case twoDevices
}

/// When a command applies now: the footer and the `?` overlay show only those (a refused key is not offered).
public enum FooterRelevance: Hashable, Sendable {
    case always
    case signedIn
    case signedOut
    case hasConflicts
    /// A filter is applied to the preferences.
    case filtered
    /// A preference row is selected (the list is not empty).
    case hasSelection
    /// The selected row has a value (not a key deleted here).
    case selectionHasValue
    /// Every conflicting key has a choice.
    case allDecided
    case never
}

/// What a key does; the reducer acts on these, never on raw keys.
public enum CommandID: String, Hashable, Sendable {
    case moveDown, moveUp, pageDown, pageUp, moveTop, moveBottom, nextPane, previousPane, switchDevice
    case edit, add, delete, filter
    case sync, toggleAutoSync, showConflicts
    case setServer, register, logIn, changePassword, logOut
    case keepLocal, takeRemote, typeNewValue, allLocal, allRemote, applyResolutions, closeConflicts
    case submit, cancel, nextField, previousField, deleteBackward, deleteForward, cursorLeft, cursorRight, cursorStart, cursorEnd
    case deleteToStart, deleteToEnd, deleteWordBackward, wordLeft, wordRight
    case clearFilter, hideDialog
    case undo, redo, showHistory, restoreValue, closeHistory
    case confirmYes, confirmNo
    case cycleTheme, help, closeHelp, quit
    case view, closeDetail, editFull, newLine, copyValue, copyKey, toggleMouse
    case showDevices, closeDevices, revokeDevice, renameDevice, showInvite, reloadDevices
}

/// One row of the command table: its keys, where it applies, and the words for the footer and the help.
public struct Command: Hashable, Sendable {
    public let id: CommandID
    public let keys: [Key]
    public let group: CommandGroup
    public let contexts: Set<Context>
    public let scope: CommandScope
    /// Short label for the footer; nil keeps the command out of the footer.
    public let footer: String?
    public let relevance: FooterRelevance
    /// When the footer is too narrow, entries of lower priority go first.
    public let priority: Int
    public let help: String

    init(_ id: CommandID, _ keys: [Key], _ group: CommandGroup, _ contexts: Set<Context>, scope: CommandScope = .always,
         footer: String? = nil, relevance: FooterRelevance = .always, priority: Int = 3, help: String) {
        self.id = id
        self.keys = keys
        self.group = group
        self.contexts = contexts
        self.scope = scope
        self.footer = footer
        self.relevance = relevance
        self.priority = priority
        self.help = help
    }

    /// The keys as shown to the user, e.g. "j ↓".
    public var keyLabel: String { keys.map(\.label).joined(separator: " ") }

    /// Whether the command applies when `deviceCount` devices are shown.
    public func applies(toDeviceCount deviceCount: Int) -> Bool {
        switch scope {
        case .always: true
        case .oneDevice: deviceCount < 2
        case .twoDevices: deviceCount >= 2
        }
    }
}
