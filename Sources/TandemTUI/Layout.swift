/// Where everything goes for a given size, recomputed every frame (so a resize needs no special handling).
public struct Layout: Sendable {
    /// The panes of one device.
    public struct Column: Sendable {
        public var device: Int
        public var area: Rect
        public var preferences: Rect?
        public var sync: Rect?
        public var connection: Rect?
        public var activity: Rect?
    }

    public var size: Size
    /// Below `Size.minimum`: only a notice is drawn.
    public var tooSmall: Bool
    public var titleBar = Rect(x: 0, y: 0, width: 0, height: 0)
    public var hint: Rect?
    public var message: Rect?
    public var footer = Rect(x: 0, y: 0, width: 0, height: 0)
    public var body = Rect(x: 0, y: 0, width: 0, height: 0)
    public var columns: [Column] = []
    /// The conflicts view, when open for the active device: the whole body.
    public var conflicts: Rect?

    /// Conflicts are shown as a table with base, local and remote side by side from this width on, stacked below it.
    public static let conflictTableWidth = 60

    public init(state: AppState, size: Size) {
        self.size = size
        tooSmall = size.width < Size.minimum.width || size.height < Size.minimum.height
        guard !tooSmall else { return }
        var body = Rect(x: 0, y: 0, width: size.width, height: size.height)
        titleBar = body.takeTop(1)
        footer = body.takeBottom(1)
        if state.message != nil { message = body.takeBottom(1) }
        if state.hint != nil, size.height >= 20 { hint = body.takeBottom(1) }
        self.body = body
        if state.activeDevice.conflictsOpen {
            conflicts = body
            return
        }
        if state.devices.count > 1, size.width >= 80 {
            var rest = body
            for device in state.devices.indices {
                let remaining = state.devices.count - device
                let area = rest.takeLeft(rest.width / remaining)
                columns.append(Self.narrow(device: device, area: area, focus: device == state.active ? state.focus : .preferences))
            }
        } else if size.width >= 80 {
            columns = [Self.wide(device: state.active, area: body)]
        } else {
            columns = [Self.narrow(device: state.active, area: body, focus: state.focus)]
        }
    }

    /// Preferences on the left, Sync / Connection / Activity stacked on the right.
    private static func wide(device: Int, area: Rect) -> Column {
        var right = area
        let left = right.takeLeft(max(40, area.width * 55 / 100))
        var column = Column(device: device, area: area, preferences: left)
        column.sync = right.takeTop(right.height >= 18 ? 9 : min(right.height, 6))
        if right.height >= 9 { column.connection = right.takeTop(6) }
        if right.height >= 3 {
            column.activity = right
        } else if right.height > 0, let sync = column.sync {
            column.sync = Rect(x: sync.x, y: sync.y, width: sync.width, height: sync.height + right.height)
        }
        return column
    }

    /// One column: Preferences on top, then Sync, Connection and Activity as height allows.
    private static func narrow(device: Int, area: Rect, focus: Pane) -> Column {
        var rest = area
        let height = area.height
        let syncHeight = height >= 20 ? 9 : 4
        let connectionHeight = height >= 30 ? 6 : 0
        let activityHeight = height >= 16 ? max(4, (height - syncHeight - connectionHeight) / 3) : 0
        var column = Column(device: device, area: area)
        let activity = activityHeight > 0 ? rest.takeBottom(activityHeight) : nil
        let connection = connectionHeight > 0 ? rest.takeBottom(connectionHeight) : nil
        column.sync = rest.takeBottom(syncHeight)
        column.connection = connection
        column.activity = activity
        column.preferences = rest
        if focus == .activity, activity == nil {
            // The focused pane always gets room: the log takes the preferences' place.
            column.activity = rest
            column.preferences = nil
        }
        return column
    }

    /// The column showing `device`, if it is shown.
    public func column(for device: Int) -> Column? {
        columns.first { $0.device == device }
    }

    /// Rows of preferences visible for `device` (inside the border, below the header, above a filter line).
    public func preferenceRows(for device: Int, filterLine: Bool) -> Int {
        guard let pane = column(for: device)?.preferences else { return 0 }
        return max(0, pane.height - 2 - (pane.height >= 8 ? 1 : 0) - (filterLine ? 1 : 0))
    }

    /// Conflicts visible at once in the conflicts view.
    public var conflictRows: Int {
        guard let conflicts else { return 0 }
        let inner = conflicts.height - 2 - (conflicts.height - 2 >= 8 ? 1 : 0)
        return max(1, conflicts.width >= Self.conflictTableWidth ? inner - 1 : inner / 4)
    }

    /// Lines of the activity log visible for `device`.
    public func activityLines(for device: Int) -> Int {
        max(0, (column(for: device)?.activity?.height ?? 0) - 2)
    }
}
