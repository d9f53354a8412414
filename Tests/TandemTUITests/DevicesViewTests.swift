import Foundation
import TandemCore
import Testing
@testable import TandemTUI

/// The `D` Devices view, revocation with confirmation, the invite link, and join links in the log-in dialogs.
@Suite struct DevicesViewTests {
    static let thisID = "3f2a1b2c-0000-4000-8000-000000000001"
    static let devices = [
        DeviceInfo(id: thisID, name: "laptop", createdAt: Fixtures.minutesAgo(600), lastSeenAt: Fixtures.minutesAgo(0), isThisDevice: true),
        DeviceInfo(id: "9c1d2e3f-0000-4000-8000-000000000002", name: "phone", createdAt: Fixtures.minutesAgo(300),
                   lastSeenAt: Fixtures.minutesAgo(12), isThisDevice: false),
        DeviceInfo(id: "lbry-desktop-7", name: nil, createdAt: nil, lastSeenAt: Fixtures.minutesAgo(3 * 24 * 60), isThisDevice: false),
    ]

    @Test func dListsTheDevicesAndRRevokesAfterAYes() {
        var state = Fixtures.state()
        #expect(Fixtures.press([.character("D")], on: &state) == [.loadDevices(device: 0)])
        #expect(state.context == .devices)
        #expect(RenderSnapshotTests.screen(state, Size(width: 80, height: 24)).text.contains("Asking the server…"))
        _ = reduce(&state, .devices(.listed(Self.devices), device: 0))
        for size in [Size(width: 80, height: 24), Size(width: 40, height: 12)] {
            expectSnapshot(RenderSnapshotTests.screen(state, size), named: "devices-\(size.width)x\(size.height)")
        }
        Fixtures.press([.character("j")], on: &state)
        #expect(Fixtures.press([.character("r")], on: &state) == [])
        #expect(state.mode == .confirming(.revokeDevice(id: Self.devices[1].id, name: "phone", thisDevice: false, device: 0)))
        #expect(RenderSnapshotTests.screen(state, Size(width: 80, height: 24)).text.contains("Revoke phone?"))
        #expect(Fixtures.press([.character("y")], on: &state) == [.revokeDevice(id: Self.devices[1].id, device: 0)])
        #expect(state.context == .devices, "the list comes back after the revocation")
        #expect(Fixtures.press([.escape], on: &state) == [])
        #expect(state.mode == .browsing)
    }

    @Test func aNoKeepsTheDeviceAndIShowsTheInviteLink() {
        var state = Fixtures.state()
        Fixtures.press([.character("D")], on: &state)
        _ = reduce(&state, .devices(.listed(Self.devices), device: 0))
        Fixtures.press([.character("r"), .character("n")], on: &state)
        #expect(state.mode == .browsing)
        Fixtures.press([.character("D")], on: &state)
        _ = reduce(&state, .devices(.listed(Self.devices), device: 0))
        Fixtures.press([.character("i")], on: &state)
        guard case .devices(let view) = state.mode else { Issue.record("not in the devices view"); return }
        #expect(view.invite == "tandem://join?server=http%3A%2F%2F127.0.0.1%3A8090&email=joe%40example.com")
        expectSnapshot(RenderSnapshotTests.screen(state, Size(width: 80, height: 24)), named: "devices-invite-80x24")
    }

    @Test func nNamesTheSelectedDevice() {
        var state = Fixtures.state()
        Fixtures.press([.character("D")], on: &state)
        _ = reduce(&state, .devices(.listed(Self.devices), device: 0))
        Fixtures.press([.character("G"), .character("n")], on: &state)
        guard case .dialog(let dialog) = state.mode else { Issue.record("no dialog"); return }
        #expect(dialog.kind == .renameDevice(id: "lbry-desktop-7"))
        #expect(Fixtures.press([.enter], on: &state) == [], "an empty name is refused")
        let effects = Fixtures.press(Fixtures.typing("old desktop") + [.enter], on: &state)
        #expect(effects == [.renameDevice(id: "lbry-desktop-7", name: "old desktop", device: 0)])
        #expect(state.context == .devices)
    }

    @Test func anOlderServerSaysDevicesAreUnavailable() {
        var state = Fixtures.state()
        Fixtures.press([.character("D")], on: &state)
        _ = reduce(&state, .devices(.unavailable, device: 0))
        let text = RenderSnapshotTests.screen(state, Size(width: 80, height: 24)).text
        #expect(text.contains("This server does not offer device management"))
    }

    @Test func aSignedOutDeviceHasNoDevicesView() {
        var state = Fixtures.state(Fixtures.signedOut())
        state.mode = .browsing
        #expect(Fixtures.press([.character("D")], on: &state) == [])
        #expect(state.mode == .browsing)
    }

    @Test func aJoinLinkInTheServerDialogOpensTheLogInWithItsEmail() {
        var state = Fixtures.state(Fixtures.signedOut())
        guard case .dialog(let dialog) = state.mode, dialog.kind == .server else { Issue.record("no server dialog"); return }
        Fixtures.press([.control("u")] + Fixtures.typing("tandem://join?server=https%3A%2F%2Fsync.example.org&email=ann%40example.com") + [.enter],
                       on: &state)
        guard case .dialog(let login) = state.mode else { Issue.record("no log-in dialog"); return }
        #expect(login.kind == .logIn)
        #expect(login.fields.first?.input.text == "ann@example.com")
        #expect(login.focused == 1)
        #expect(state.activeDevice.serverChoice == "https://sync.example.org")
        #expect(Fixtures.press(Fixtures.typing("pw") + [.enter], on: &state)
            == [.logIn(server: "https://sync.example.org", email: "ann@example.com", password: "pw", device: 0)])
    }

    @Test func aBrokenJoinLinkIsRefusedInPlace() {
        var state = Fixtures.state(Fixtures.signedOut())
        Fixtures.press([.control("u")] + Fixtures.typing("tandem://join?email=ann%40example.com") + [.enter], on: &state)
        guard case .dialog(let dialog) = state.mode else { Issue.record("no dialog"); return }
        #expect(dialog.kind == .server && dialog.error == "The join link names no server.")
    }

    @Test func aRevokedDeviceIsToldSoAndOffersTheLogIn() {
        var state = Fixtures.state()
        var snapshot = Fixtures.signedIn()
        snapshot.phase = .needsPassword
        snapshot.serverSignOut = .deviceRevoked
        _ = reduce(&state, .snapshot(snapshot, device: 0))
        #expect(state.message?.text.hasPrefix("This device was removed from the account") == true)
        guard case .dialog(let dialog) = state.mode else { Issue.record("no dialog"); return }
        #expect(dialog.kind == .logIn)
    }
}
