/// Draws `state` into a `Screen` of `size`: layout from the size, every pane from the state, overlays on top.
/// Pure, and only visible rows are touched, so a frame costs the same with 10 or 10,000 preferences.
public func render(_ state: AppState, theme: Theme, size: Size) -> Screen {
    var renderer = Renderer(state: state, theme: theme, size: size)
    renderer.draw()
    return renderer.screen
}

/// The drawing of one frame; split by pane into `Renderer+*.swift`.
struct Renderer {
    let state: AppState
    let theme: Theme
    let layout: Layout
    let glyphs: Glyphs
    var screen: Screen

    init(state: AppState, theme: Theme, size: Size) {
        self.state = state
        self.theme = theme
        layout = Layout(state: state, size: size)
        glyphs = state.asciiOnly ? .ascii : .unicode
        screen = Screen(size: Size(width: max(0, size.width), height: max(0, size.height)))
    }

    mutating func draw() {
        guard !layout.tooSmall else { return drawTooSmall() }
        drawTitleBar()
        if let conflicts = layout.conflicts {
            drawConflicts(in: conflicts)
        } else {
            for column in layout.columns { drawColumn(column) }
        }
        if let hint = layout.hint, let text = state.hint {
            screen.write(" " + text, x: hint.x, y: hint.y, role: .footerHint, padTo: hint.width)
        }
        if let line = layout.message, let message = state.message { drawMessage(message, in: line) }
        drawFooter()
        switch state.mode {
        case .dialog(let dialog): drawDialog(dialog)
        case .confirming(let question): drawConfirmation(question)
        case .help(let scroll): drawHelp(scroll: scroll)
        case .history(let view): drawHistory(view)
        case .detail(let detail): drawDetail(detail)
        case .devices(let view): drawDevices(view)
        default: break
        }
    }

    private mutating func drawColumn(_ column: Layout.Column) {
        let isActive = column.device == state.active
        if let rect = column.preferences {
            drawPreferences(device: column.device, in: rect, focused: isActive && state.focus == .preferences)
        }
        if let rect = column.sync { drawSync(device: column.device, in: rect, includeConnection: column.connection == nil) }
        if let rect = column.connection { drawConnection(device: column.device, in: rect) }
        if let rect = column.activity { drawActivity(device: column.device, in: rect, focused: isActive && state.focus == .activity) }
    }

    private mutating func drawTooSmall() {
        let size = screen.size
        guard size.width > 0, size.height > 0 else { return }
        let lines = ["Terminal too small", "\(size) — needs at least \(Size.minimum)"]
        let top = max(0, (size.height - lines.count) / 2)
        for (offset, line) in lines.enumerated() where top + offset < size.height {
            let fitted = DisplayWidth.truncate(line, to: size.width)
            let x = max(0, (size.width - DisplayWidth.of(fitted)) / 2)
            screen.write(fitted, x: x, y: top + offset, role: offset == 0 ? .statusWarning : .text)
        }
    }

    // MARK: Chrome

    private mutating func drawTitleBar() {
        let bar = layout.titleBar
        screen.fill(bar, role: .titleBar)
        let right = " theme \(theme.name) · ? help "
        let name = " tandem"
        let banner = state.banner.map { " \($0) " } ?? ""
        // The banner (e.g. the demo's weakened key derivation) matters more than the theme name: drop the right part
        // first when the bar is narrow.
        let device = state.activeDevice
        let about = state.devices.count == 1 ? "\(device.name) · \(device.snapshot.email ?? "not signed in")" : "keys act on \(device.name)"
        let showRight = [name, banner, " · " + about, right].reduce(0) { $0 + DisplayWidth.of($1) } + 1 <= bar.width
        var x = screen.write(name, x: 0, y: bar.y, role: .titleBar)
        if !banner.isEmpty {
            x += screen.write(" ", x: x, y: bar.y, role: .titleBar)
            x += screen.write(DisplayWidth.truncate(banner, to: bar.width - x), x: x, y: bar.y, role: .titleBarBanner)
        }
        let rightWidth = showRight ? DisplayWidth.of(right) : 0
        let room = bar.width - x - rightWidth
        if room > 6 { screen.write(DisplayWidth.truncate(" · " + about, to: room), x: x, y: bar.y, role: .titleBar) }
        if showRight { screen.write(right, x: bar.width - rightWidth, y: bar.y, role: .titleBar) }
    }

    private mutating func drawMessage(_ message: StatusMessage, in line: Rect) {
        let (symbol, role): (String, Role) = switch message.level {
        case .info: (glyphs.info, .text)
        case .success: (glyphs.success, .statusOK)
        case .warning: (glyphs.warning, .statusWarning)
        case .error: (glyphs.failure, .statusError)
        }
        screen.write(" \(symbol) \(message.text)", x: line.x, y: line.y, role: role, padTo: line.width)
    }

    private mutating func drawFooter() {
        let line = layout.footer
        screen.fill(line, role: .footer)
        var items = CommandTable.footer(in: state.context, deviceCount: state.devices.count, relevant: state.isRelevant)
        func width(_ items: [Command]) -> Int {
            items.reduce(0) { $0 + DisplayWidth.of($1.keys[0].label) + DisplayWidth.of($1.footer ?? "") + 3 } - 2
        }
        // Too narrow: the lowest priority goes first, the rightmost of equals first.
        while items.count > 1, width(items) > line.width - 1 {
            let lowest = items.map(\.priority).min() ?? 0
            if let index = items.lastIndex(where: { $0.priority == lowest }) { items.remove(at: index) }
        }
        var x = line.x + 1
        for item in items where x < line.maxX {
            x += screen.write(item.keys[0].label, x: x, y: line.y, role: .footerKey)
            x += screen.write(" \(item.footer ?? "")  ", x: x, y: line.y, role: .footer)
        }
    }

    // MARK: Boxes

    /// A bordered box with a title; focused boxes use heavy lines, so focus reads without colour too.
    mutating func drawBox(_ rect: Rect, title: String, focused: Bool, borderRole: Role? = nil, titleRole: Role? = nil) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let set = focused ? glyphs.heavy : glyphs.light
        let border = borderRole ?? (focused ? .paneBorderFocused : .paneBorder)
        screen.fill(rect.inner, role: .text)
        screen.write(set.topLeft + String(repeating: set.horizontal, count: rect.width - 2) + set.topRight,
                     x: rect.x, y: rect.y, role: border)
        screen.write(set.bottomLeft + String(repeating: set.horizontal, count: rect.width - 2) + set.bottomRight,
                     x: rect.x, y: rect.maxY - 1, role: border)
        for y in rect.y + 1..<rect.maxY - 1 {
            screen.write(set.vertical, x: rect.x, y: y, role: border)
            screen.write(set.vertical, x: rect.maxX - 1, y: y, role: border)
        }
        let shown = DisplayWidth.truncate(" \(title) ", to: rect.width - 4)
        screen.write(shown, x: rect.x + 2, y: rect.y, role: titleRole ?? (focused ? .paneTitleFocused : .paneTitle))
    }

    /// "label     value" on one line of an info pane.
    mutating func drawField(_ label: String, _ value: (String, Role), x: Int, y: Int, width: Int, labelWidth: Int = 10) {
        guard width > 0 else { return }
        let labelShown = min(labelWidth, max(0, width - 4))
        screen.write(DisplayWidth.truncate(label, to: labelShown), x: x, y: y, role: .label, width: labelShown)
        screen.write(DisplayWidth.truncate(value.0, to: width - labelShown), x: x + labelShown, y: y, role: value.1, width: width - labelShown)
    }

    /// A bar of `width` columns filled to `fraction`.
    mutating func drawProgress(_ fraction: Double, x: Int, y: Int, width: Int) {
        guard width > 0 else { return }
        let done = Int((max(0, min(1, fraction)) * Double(width)).rounded())
        screen.write(String(repeating: glyphs.progressDone, count: done), x: x, y: y, role: .progressDone)
        screen.write(String(repeating: glyphs.progressTodo, count: width - done), x: x + done, y: y, role: .progressTodo)
    }
}
