/// How a preference differs from what the server has, shown as a symbol and (where room allows) a word.
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

    public var word: String {
        switch self {
        case .changed: "changed"
        case .added: "added"
        case .deleted: "deleted"
        case .conflicted: "conflict"
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
