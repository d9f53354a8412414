/// How a preference differs from what the server has, shown as a one-column symbol readable without colour.
public enum Marker: Hashable, Sendable {
    case changed
    case added
    case deleted
    case conflicted

    /// One column, readable without colour.
    public var symbol: String {
        switch self {
        case .changed: "~"
        case .added: "+"
        case .deleted: "-"
        case .conflicted: "!"
        }
    }

    public var role: Role {
        switch self {
        case .changed: .markerChanged
        case .added: .markerAdded
        case .deleted: .markerDeleted
        case .conflicted: .markerConflicted
        }
    }
}
