/// The panes that take the keyboard focus.
public enum Pane: Hashable, Sendable, CaseIterable {
    case preferences
    case activity
}
