/// What the keyboard is doing right now; at most one of these at a time.
public enum Mode: Hashable, Sendable {
    case browsing
    /// Typing a `/` filter for the active device's preferences (the field's text is the filter).
    case filtering(TextField)
    case editing(Edit)
    case dialog(Dialog)
    case confirming(Confirmation)
    /// The `?` overlay, scrolled by `scroll` lines.
    case help(scroll: Int)
    /// The `h` view of one key's history.
    case history(HistoryView)
    /// One preference or conflicting key in full (`v`), with the full-width editor when typing a new value.
    case detail(Detail)
    /// The `D` view of the account's devices.
    case devices(DevicesView)
}
