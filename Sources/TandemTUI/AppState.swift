import Foundation
import TandemCore

/// The whole UI state: one or two devices, the focus, the current mode and the status line. `reduce` changes it,
/// `render` draws it; nothing else does either.
public struct AppState: Sendable {
    public var devices: [DevicePanel]
    /// The device the keyboard acts on.
    public var active = 0
    public var focus = Pane.preferences
    public var mode = Mode.browsing
    /// The terminal size as last reported; layout for scrolling decisions (render takes its own size).
    public var size: Size
    public var themeNames: [String]
    public var themeIndex = 0
    public var message: StatusMessage?
    public var now: Date
    /// For the clock times in the activity log and the Sync pane.
    public var timeZone: TimeZone
    /// Shown in the title bar next to the name, e.g. "demo: weakened key derivation".
    public var banner: String?
    /// Shown above the footer keys when there is room, e.g. how to make a conflict in the demo.
    public var hint: String?
    /// The server offered in the server dialog when the device has none yet.
    public var defaultServer: String
    /// Whether the terminal reports mouse clicks and the wheel (`--mouse`, `M`); off, the terminal selects text.
    public var mouse = false
    /// Draw borders and bars with ASCII only (the terminal's locale cannot show line drawing characters).
    public var asciiOnly = false

    public init(devices: [DevicePanel], size: Size = Size(width: 80, height: 24), themeNames: [String] = ["default"],
                theme: String? = nil, now: Date = Date(), timeZone: TimeZone = .current, defaultServer: String = "http://127.0.0.1:8090") {
        precondition(!devices.isEmpty, "the UI shows at least one device")
        self.devices = devices
        self.size = size
        self.themeNames = themeNames.isEmpty ? ["default"] : themeNames
        self.now = now
        self.timeZone = timeZone
        self.defaultServer = defaultServer
        if let theme, let index = self.themeNames.firstIndex(of: theme) { themeIndex = index }
    }

    public var themeName: String { themeNames[themeIndex] }

    /// Whether the terminal is below `Size.minimum`, where only a notice is drawn and keys do nothing but `q`.
    public var isTooSmall: Bool { size.width < Size.minimum.width || size.height < Size.minimum.height }

    public var activeDevice: DevicePanel {
        get { devices[active] }
        set { devices[active] = newValue }
    }

    /// What keys mean right now.
    public var context: Context {
        switch mode {
        case .browsing: activeDevice.conflictsOpen ? .conflicts : .main
        case .filtering: .filter
        case .editing: .editing
        case .dialog(let dialog): dialog.busy ? .waiting : .dialog
        case .confirming: .confirm
        case .help: .help
        case .history: .history
        case .detail(let detail): detail.editor == nil ? .detail : .editor
        case .devices: .devices
        }
    }

    /// Shows `text` in the status line.
    public mutating func show(_ text: String, _ level: StatusMessage.Level = .info) {
        message = StatusMessage(text, level: level, shownAt: now)
    }

    /// Whether a footer entry of this relevance is worth its room for the active device.
    public func isRelevant(_ relevance: FooterRelevance) -> Bool {
        let device = activeDevice
        switch relevance {
        case .always: return true
        case .signedIn: return device.isSignedIn
        case .signedOut: return !device.isSignedIn
        case .hasConflicts: return device.hasPendingMerge
        case .filtered: return !device.filter.isEmpty
        case .hasSelection: return device.selectedKey != nil
        case .selectionHasValue: return device.rowCount > 0 && device.value(atRow: device.selection) != nil
        case .allDecided: return device.hasPendingMerge && device.unresolvedCount == 0
        case .never: return false
        }
    }

    /// How many keys wait for a decision across all devices.
    var pendingConflictCount: Int {
        devices.reduce(0) { $0 + ($1.hasPendingMerge ? max(1, $1.conflictRows.count) : 0) }
    }
}
