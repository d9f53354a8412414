import Foundation
import TandemCore

extension AppState {
    /// A join link typed (or pasted) into the server dialog's URL or the log-in dialog's email: its server is taken
    /// for the device and the log-in dialog opens with its email, waiting only for the password. Nil when `text` is
    /// not meant as a link.
    mutating func acceptJoinLink(_ text: String, in dialog: Dialog) -> [Effect]? {
        guard JoinLink.looksLikeLink(text) else { return nil }
        var dialog = dialog
        switch JoinLink.parse(text) {
        case .failure(let problem):
            dialog.error = problem.message
            dialog.clearSecrets()
            mode = .dialog(dialog)
        case .success(let link):
            let device = dialog.device
            if devices[device].isSignedIn {
                dialog.error = "This device is signed in to \(devices[device].snapshot.email ?? "an account"); log out first (o) to join another."
                mode = .dialog(dialog)
                return []
            }
            devices[device].serverChoice = link.server
            devices[device].typedEmail = link.email
            mode = .dialog(.logIn(device: device, server: link.server, email: link.email))
            show("Join link for \(link.email) on \(link.server): enter the password.")
        }
        return []
    }

    // MARK: The Devices view

    /// `D`: opens the active device's Devices view and asks the engine for the list.
    mutating func openDevices() -> [Effect] {
        guard activeDevice.isSignedIn else {
            show("Devices are listed once this device is signed in.", .warning)
            return []
        }
        mode = .devices(DevicesView(device: active))
        return [.loadDevices(device: active)]
    }

    /// The engine answered the Devices view's request.
    mutating func receiveDevices(_ outcome: DeviceOutcome, device: Int) {
        guard case .devices(var view) = mode, view.device == device else { return }
        switch outcome {
        case .listed(let devices):
            let selected = view.selected?.id
            view.devices = devices
            view.problem = nil
            view.list = ScrollingList(count: devices.count)
            if let selected, let index = devices.firstIndex(where: { $0.id == selected }) { view.list.selection = index }
        default:
            view.devices = view.devices ?? []
            view.problem = DeviceWords.failure(outcome, hints: .keys) ?? "The server did not list the devices."
        }
        mode = .devices(view)
    }

    /// Keys in the Devices view: move, revoke (asks), invite link, reload, close.
    mutating func devicesCommand(_ command: CommandID) -> [Effect] {
        guard case .devices(var view) = mode else { return [] }
        switch command {
        case .closeDevices:
            mode = .browsing
        case .revokeDevice:
            guard let selected = view.selected else { return [] }
            mode = .confirming(.revokeDevice(id: selected.id, name: DeviceWords.name(selected), thisDevice: selected.isThisDevice,
                                             device: view.device))
        case .renameDevice:
            guard let selected = view.selected else { return [] }
            mode = .dialog(Dialog(kind: .renameDevice(id: selected.id), device: view.device, title: "Name this device",
                                  note: "Device \(selected.id). The name is kept in the encrypted wallet; the server never sees it.",
                                  fields: [Dialog.Field("Name", TextField(selected.name ?? ""))]))
        case .showInvite:
            let snapshot = devices[view.device].snapshot
            guard let email = snapshot.email, let server = snapshot.server else { return [] }
            view.invite = view.invite == nil ? JoinLink(server: server, email: email).text : nil
            mode = .devices(view)
        case .reloadDevices:
            return [.loadDevices(device: view.device)]
        default:
            if view.list.move(command, rows: max(1, Layout(state: self, size: size).body.height - 6)) { mode = .devices(view) }
        }
        return []
    }
}

/// The `D` view: the account's devices with their names from the wallet; `r` revokes, `i` shows the join link.
public struct DevicesView: Hashable, Sendable {
    public var device: Int
    /// This device first; nil while the list is being read.
    public var devices: [DeviceInfo]?
    /// Why there is no list (an older server, offline, a refused sign-in), in people's words.
    public var problem: String?
    /// The join link, while `i` shows it.
    public var invite: String?
    public var list = ScrollingList()

    public init(device: Int) { self.device = device }

    /// The device under the selection.
    public var selected: DeviceInfo? {
        guard let devices, devices.indices.contains(list.selection) else { return nil }
        return devices[list.selection]
    }
}
