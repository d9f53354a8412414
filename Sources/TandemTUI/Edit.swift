import TandemCore

/// A value being typed in place.
public struct Edit: Hashable, Sendable {
    public enum Target: Hashable, Sendable {
        /// A preference's value in the Preferences pane.
        case value(key: ExactText)
        /// A new value for a conflicting key.
        case conflict(key: ExactText)
    }

    public var target: Target
    public var device: Int
    public var field: TextField

    public init(target: Target, device: Int, field: TextField) {
        self.target = target
        self.device = device
        self.field = field
    }
}
