/// The one table of commands: key dispatch, the footer, the `?` overlay and the README key list all read it, so
/// they cannot drift apart (as in tig).
public enum CommandTable {
    private static let lists: Set<Context> = [.main, .conflicts]
    private static let text: Set<Context> = [.filter, .editing, .dialog, .editor]
    /// Lists and the detail view's text: what scrolls.
    private static let scrolling: Set<Context> = [.main, .conflicts, .detail]

    public static let all: [Command] = [
        // Moving around
        Command(.moveDown, [.character("j"), .down], .navigation, [.main, .conflicts, .detail, .history, .devices, .help], help: "Move down (in the activity log and help: scroll)"),
        Command(.moveUp, [.character("k"), .up], .navigation, [.main, .conflicts, .detail, .history, .devices, .help], help: "Move up"),
        Command(.pageDown, [.pageDown], .navigation, scrolling.union([.history, .devices, .help]), help: "Move down a page"),
        Command(.pageUp, [.pageUp], .navigation, scrolling.union([.history, .devices, .help]), help: "Move up a page"),
        Command(.moveTop, [.character("g"), .home], .navigation, scrolling.union([.history, .devices]), help: "Go to the first row"),
        Command(.moveBottom, [.character("G"), .end], .navigation, scrolling.union([.history, .devices]), help: "Go to the last row"),
        Command(.nextPane, [.tab], .navigation, [.main], scope: .oneDevice, footer: "pane", priority: 5,
                help: "Move focus to the next pane (Preferences, Activity)"),
        Command(.switchDevice, [.tab], .navigation, [.main, .conflicts], scope: .twoDevices, footer: "device", priority: 7,
                help: "Switch to the other device (demo)"),
        Command(.previousPane, [.backTab], .navigation, [.main], help: "Move focus to the previous pane"),
        // Preferences
        Command(.edit, [.character("e"), .enter], .preferences, [.main], footer: "edit", relevance: .hasSelection, priority: 6,
                help: "Edit the selected value in place"),
        Command(.add, [.character("a")], .preferences, [.main], footer: "add", priority: 4, help: "Add a preference"),
        Command(.delete, [.character("d")], .preferences, [.main], footer: "delete", relevance: .selectionHasValue, priority: 4,
                help: "Delete the selected preference (asks first)"),
        Command(.filter, [.character("/")], .preferences, [.main], footer: "filter", priority: 4, help: "Filter the preferences by key or value"),
        Command(.clearFilter, [.escape], .preferences, [.main], footer: "clear filter", relevance: .filtered, priority: 5,
                help: "Clear the filter and show every preference"),
        Command(.undo, [.character("u")], .preferences, [.main], footer: "undo", priority: 5,
                help: "Undo the last change made on this device (again to go further back; a deleted preference comes back)"),
        Command(.redo, [.control("r")], .preferences, [.main], help: "Redo what the last undo took back (until a new edit)"),
        Command(.showHistory, [.character("h")], .preferences, [.main], footer: "history", relevance: .hasSelection, priority: 2,
                help: "Show the selected key's history: every value, when, and from where"),
        Command(.restoreValue, [.enter], .preferences, [.history], footer: "restore", priority: 8,
                help: "Restore the selected older value as a new local edit"),
        Command(.closeHistory, [.escape, .character("h")], .preferences, [.history], footer: "back", priority: 9,
                help: "Close the history"),
        Command(.view, [.character("v")], .preferences, lists, footer: "view", priority: 5,
                help: "Show the selected value in full; a conflict shows base, local and remote with the differences marked (so does Enter on a conflict while keys are undecided)"),
        Command(.copyValue, [.character("y")], .preferences, scrolling, footer: "copy", priority: 3,
                help: "Copy the selected value to the clipboard (through the terminal, OSC 52: works over SSH and in tmux; a conflict: this device's value)"),
        Command(.copyKey, [.character("Y")], .preferences, scrolling, help: "Copy the selected key to the clipboard"),
        // Sync
        Command(.sync, [.character("s")], .sync, [.main], footer: "sync", relevance: .signedIn, priority: 6,
                help: "Sync now: fetch and merge the server's wallet, then push local changes"),
        Command(.toggleAutoSync, [.character("A")], .sync, [.main], footer: "auto-sync", relevance: .signedIn, priority: 2,
                help: "Turn auto-sync on or off for this profile (on: edits are pushed about a second after the last one)"),
        Command(.showConflicts, [.character("c")], .sync, [.main], footer: "conflicts", relevance: .hasConflicts, priority: 7,
                help: "Open the conflicts view (it also opens by itself when a merge has conflicts)"),
        // Account
        Command(.setServer, [.character("S")], .account, [.main], footer: "server", relevance: .signedOut, priority: 5, help: "Set the server URL (a signed-in device asks first: moving signs it out of the old server)"),
        Command(.register, [.character("n")], .account, [.main], footer: "register", relevance: .signedOut, priority: 7,
                help: "Create a new account on the server"),
        Command(.logIn, [.character("i")], .account, [.main], footer: "log in", relevance: .signedOut, priority: 7,
                help: "Log in to an existing account (or enter the new password after it changed on another device)"),
        Command(.changePassword, [.character("p")], .account, [.main], relevance: .signedIn, help: "Change the account password"),
        Command(.logOut, [.character("o")], .account, [.main], relevance: .signedIn,
                help: "Log this device out (asks first; its preferences stay here and merge at the next log-in)"),
        Command(.showDevices, [.character("D")], .account, [.main], footer: "devices", relevance: .signedIn, priority: 1,
                help: "Show the account's devices: names, last seen, this device marked"),
        Command(.revokeDevice, [.character("r")], .account, [.devices], footer: "revoke", priority: 7,
                help: "Revoke the selected device (asks first; revoking this one logs it out)"),
        Command(.renameDevice, [.character("n")], .account, [.devices], footer: "rename", priority: 6,
                help: "Name the selected device (the name is kept in the encrypted wallet)"),
        Command(.showInvite, [.character("i")], .account, [.devices], footer: "invite link", priority: 6,
                help: "Show the join link for a new device (server and email, no secret)"),
        Command(.reloadDevices, [.character("s")], .account, [.devices], footer: "reload", priority: 4, help: "Read the device list again"),
        Command(.closeDevices, [.escape, .character("D"), .character("q")], .account, [.devices], footer: "back", priority: 9,
                help: "Close the devices view"),
        // Conflicts
        Command(.keepLocal, [.character("l")], .conflicts, [.conflicts, .detail], footer: "local", relevance: .hasConflicts, priority: 7, help: "Keep this device's value for the selected key"),
        Command(.takeRemote, [.character("r")], .conflicts, [.conflicts, .detail], footer: "remote", relevance: .hasConflicts, priority: 7, help: "Take the other device's value for the selected key"),
        Command(.typeNewValue, [.character("e")], .conflicts, [.conflicts], footer: "new value", relevance: .hasConflicts, help: "Type a new value for the selected key"),
        Command(.allLocal, [.character("L")], .conflicts, [.conflicts], footer: "all local", relevance: .hasConflicts, help: "Keep this device's value for every remaining key"),
        Command(.allRemote, [.character("R")], .conflicts, [.conflicts], footer: "all remote", relevance: .hasConflicts, help: "Take the other device's value for every remaining key"),
        Command(.applyResolutions, [.enter], .conflicts, [.conflicts], footer: "apply", relevance: .allDecided, priority: 8,
                help: "Apply the choices and push (only once every key has one)"),
        Command(.closeConflicts, [.escape], .conflicts, [.conflicts], footer: "back", relevance: .hasConflicts, priority: 5,
                help: "Back to the preferences; the merge stays pending (c returns)"),
        // Detail view
        Command(.closeDetail, [.escape, .character("v"), .character("q")], .detail, [.detail], footer: "back", priority: 9,
                help: "Back to the list (as in tig: q closes a view, and quits only from the lists)"),
        Command(.editFull, [.character("e"), .enter], .detail, [.detail], footer: "edit", priority: 7,
                help: "Type a new value in the full-width editor (for a conflict, the new value is its choice)"),
        Command(.newLine, [.control("j")], .detail, [.editor], footer: "new line", priority: 7,
                help: "Start a new line in the value being typed (Enter saves it)"),
        // Typing
        Command(.submit, [.enter], .typing, text, footer: "ok", priority: 8, help: "Save the value, go to the next field, or submit the dialog"),
        Command(.cancel, [.escape], .typing, text, footer: "cancel", priority: 9, help: "Cancel: close the dialog or drop the edit (Esc clears a filter)"),
        Command(.hideDialog, [.escape], .typing, [.waiting], footer: "hide", priority: 9,
                help: "Hide a dialog that is waiting for the server or key derivation; the work goes on (it cannot be stopped) and its outcome reaches the activity log"),
        Command(.nextField, [.tab, .down], .typing, [.dialog], footer: "next field", help: "Next field of a dialog"),
        Command(.previousField, [.backTab, .up], .typing, [.dialog], help: "Previous field of a dialog"),
        Command(.deleteBackward, [.backspace], .typing, text, help: "Delete the character before the cursor"),
        Command(.deleteForward, [.delete], .typing, text, help: "Delete the character under the cursor"),
        Command(.cursorLeft, [.left], .typing, text, help: "Move the cursor left"),
        Command(.cursorRight, [.right], .typing, text, help: "Move the cursor right"),
        Command(.cursorStart, [.home, .control("a")], .typing, text, help: "Move the cursor to the start"),
        Command(.cursorEnd, [.end, .control("e")], .typing, text, help: "Move the cursor to the end"),
        Command(.wordLeft, [.alt("b")], .typing, text, help: "Move the cursor to the start of the word before it"),
        Command(.wordRight, [.alt("f")], .typing, text, help: "Move the cursor past the end of the next word"),
        Command(.deleteToStart, [.control("u")], .typing, text, help: "Delete everything before the cursor"),
        Command(.deleteToEnd, [.control("k")], .typing, text, help: "Delete everything from the cursor on"),
        Command(.deleteWordBackward, [.control("w")], .typing, text, help: "Delete the word before the cursor"),
        // Questions
        Command(.confirmYes, [.character("y"), .enter], .questions, [.confirm], footer: "yes", priority: 9, help: "Yes"),
        Command(.confirmNo, [.character("n"), .escape], .questions, [.confirm], footer: "no", priority: 9, help: "No"),
        // View
        Command(.cycleTheme, [.character("t")], .view, lists, footer: "theme", help: "Switch to the next theme"),
        Command(.toggleMouse, [.character("M")], .view, scrolling, footer: "mouse", priority: 1,
                help: "Turn the mouse on or off (on: a click selects, the wheel scrolls, a click on a conflict's choice makes it; off: the terminal selects text)"),
        Command(.help, [.character("?")], .view, lists, footer: "help", priority: 6, help: "Show every key (this overlay)"),
        Command(.closeHelp, [.escape, .character("?"), .character("q")], .view, [.help], footer: "close", priority: 9, help: "Close the help"),
        Command(.quit, [.character("q")], .view, lists, footer: "quit", priority: 9, help: "Quit (asks first while a conflict is pending; the merge is kept)"),
    ]

    /// The command bound to `key` in `context`, if any.
    public static func command(for key: Key, in context: Context, deviceCount: Int) -> Command? {
        all.first { $0.contexts.contains(context) && $0.keys.contains(key) && $0.applies(toDeviceCount: deviceCount) }
    }

    /// The commands worth showing in the footer now, in table order.
    public static func footer(in context: Context, deviceCount: Int, relevant: (FooterRelevance) -> Bool) -> [Command] {
        all.filter { $0.footer != nil && $0.contexts.contains(context) && $0.applies(toDeviceCount: deviceCount) && relevant($0.relevance) }
    }

    /// The README key list: one table per group, generated from `all` (`tandem keys --markdown`).
    public static func markdown() -> String {
        var lines: [String] = []
        for group in CommandGroup.allCases {
            let commands = all.filter { $0.group == group }
            guard !commands.isEmpty else { continue }
            lines.append("#### \(group.rawValue)")
            lines.append("")
            lines.append("| Keys | Where | What |")
            lines.append("|---|---|---|")
            for command in commands {
                let keys = command.keys.map { "`\($0.label == "`" ? "` ` `" : $0.label)`" }.joined(separator: " ")
                let contexts = Context.allCases.filter(command.contexts.contains).map(\.rawValue).joined(separator: ", ")
                let scope = switch command.scope {
                case .always: ""
                case .oneDevice: " (one device)"
                case .twoDevices: " (demo)"
                }
                lines.append("| \(keys) | \(contexts)\(scope) | \(command.help) |")
            }
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }
}
