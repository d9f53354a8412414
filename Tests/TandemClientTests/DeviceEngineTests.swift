import Foundation
import TandemClient
import TandemCore
import TandemWire
import Testing

/// Devices, renames, revocation and account deletion against the in-process server (issue 9, client half).
@Suite struct DeviceEngineTests {
    @Test func listRenameAndRevokeAnotherDevice() async throws {
        try await EngineHarness.run { harness in
            let laptop = try await harness.engine()
            let phone = try await harness.engine()
            try await harness.signIn(laptop, phone)
            let (laptopID, phoneID) = (await laptop.snapshot.deviceID, await phone.snapshot.deviceID)

            guard case .listed(let devices) = await laptop.devices() else { Issue.record("no list"); return }
            #expect(devices.map(\.id) == [laptopID, phoneID])
            #expect(devices.map(\.isThisDevice) == [true, false])
            #expect(devices.allSatisfy { $0.name == nil && $0.lastSeenAt != nil })

            #expect(try await laptop.renameDevice(phoneID, to: "phone") == .renamed(sync: .synced(sequence: 1)))
            #expect(try await laptop.renameDevice(laptopID, to: "laptop ✓") == .renamed(sync: .synced(sequence: 2)))
            #expect(await phone.sync() == .synced(sequence: 2))
            guard case .listed(let seen) = await phone.devices() else { Issue.record("no list"); return }
            #expect(seen.map(\.name) == ["phone", "laptop ✓"])
            #expect(seen.first?.isThisDevice == true)

            try await phone.setPreference("theme", to: "dark")
            #expect(await phone.push() == .synced(sequence: 3))
            try await phone.setPreference("unpushed", to: "kept")
            #expect(try await laptop.revokeDevice(phoneID) == .revoked)
            #expect(try await laptop.revokeDevice(phoneID) == .noSuchDevice)
            guard case .listed(let after) = await laptop.devices() else { Issue.record("no list"); return }
            #expect(after.map(\.id) == [laptopID])

            #expect(await phone.sync() == .signedOutByServer(.deviceRevoked))
            let snapshot = await phone.snapshot
            #expect(snapshot.phase == .needsPassword)
            #expect(snapshot.serverSignOut == .deviceRevoked)
            #expect(snapshot.preferences == ["theme": "dark", "unpushed": "kept"])
            // Logging in again clears the reason and merges what stayed here.
            #expect(try await phone.logIn(server: harness.url, email: harness.email, password: EngineHarness.password).isSuccess)
            #expect(await phone.snapshot.serverSignOut == nil)
            #expect(await phone.push() == .synced(sequence: 4))
            #expect(await laptop.sync() == .synced(sequence: 4))
            #expect(await laptop.preferences == ["theme": "dark", "unpushed": "kept"])
        }
    }

    @Test func revokingThisDeviceLogsOutAndKeepsPreferences() async throws {
        try await EngineHarness.run { harness in
            let laptop = try await harness.engine()
            try await harness.signIn(laptop)
            try await laptop.setPreference("editor", to: "vim")
            let id = await laptop.snapshot.deviceID
            #expect(try await laptop.revokeDevice(id) == .loggedOut)
            let snapshot = await laptop.snapshot
            #expect(snapshot.phase == .signedOut)
            #expect(snapshot.serverSignOut == nil)
            #expect(snapshot.preferences == ["editor": "vim"])
            #expect(await laptop.devices() == .notSignedIn)
        }
    }

    @Test func loggingOutEndsTheSessionOnTheServerAndKeepsPreferences() async throws {
        try await EngineHarness.run { harness in
            let laptop = try await harness.engine()
            let phone = try await harness.engine()
            try await harness.signIn(laptop, phone)
            try await laptop.setPreference("editor", to: "vim")
            #expect(try await laptop.logOut() == .loggedOut)
            // The token is gone on the server, not just forgotten here: a copy of the profile would not work.
            guard case .listed(let devices) = await phone.devices() else { Issue.record("no list"); return }
            #expect(devices.map(\.id) == [await phone.snapshot.deviceID])
            let snapshot = await laptop.snapshot
            #expect(snapshot.phase == .signedOut)
            #expect(snapshot.preferences == ["editor": "vim"])
            #expect(!snapshot.activity.contains { $0.level != .info })
        }
    }

    @Test func loggingOutWithTheServerUnreachableSignsOutHereAndSaysTheTokenStaysValid() async throws {
        try await EngineHarness.run { harness in
            // Wallet requests reach the server; the log-out goes to a port nobody listens on.
            let laptop = try await harness.engine(remote: { OlderServer(inner: $0, missing: HTTPWalletRemote(
                server: URL(string: "http://127.0.0.1:1")!, timeout: 120)) })
            try await harness.signIn(laptop)
            #expect(try await laptop.logOut() == .loggedOut)
            let snapshot = await laptop.snapshot
            #expect(snapshot.phase == .signedOut)
            let warning = try #require(snapshot.activity.last { $0.level == .warning })
            #expect(warning.message.contains("stays valid"), "\(warning.message)")
        }
    }

    /// A rename belongs to the account it was made in: after a log-out it must not land in the next account's wallet.
    @Test func renamesNotYetPushedGoWithTheAccountAtLogOutAndServerChange() async throws {
        try await EngineHarness.run { harness in
            let failing = InterceptingRemote.Hooks(uploadFailure: { .unreachable("test: uploads fail") })
            let store = MemorySyncStateStore()
            let laptop = try await harness.engine(store, remote: { InterceptingRemote($0, failing) })
            try await harness.signIn(laptop)
            let id = await laptop.snapshot.deviceID
            for leave in ["log out", "change server"] {
                guard case .renamed(sync: let sync) = try await laptop.renameDevice(id, to: "desk"), !sync.isSuccess else {
                    Issue.record("the rename was pushed although uploads fail"); return
                }
                if leave == "log out" {
                    #expect(try await laptop.logOut() == .loggedOut)
                } else {
                    #expect(try await laptop.changeServer("http://127.0.0.1:1") == .serverChanged(signedOut: true))
                    #expect(try await laptop.changeServer(harness.url) == .serverChanged(signedOut: false))
                }
                let renames = try await store.load().state.deviceRenames
                #expect(renames.isEmpty, "\(leave) kept \(renames)")
                #expect(try await laptop.logIn(server: harness.url, email: harness.email, password: EngineHarness.password).isSuccess)
            }
        }
    }

    @Test func deletingTheAccountSignsEveryDeviceOutAndKeepsPreferences() async throws {
        try await EngineHarness.run { harness in
            let laptop = try await harness.engine()
            let phone = try await harness.engine()
            try await harness.signIn(laptop, phone)
            try await laptop.setPreference("animal", to: "horse")
            #expect(await laptop.push() == .synced(sequence: 1))
            #expect(await phone.sync() == .synced(sequence: 1))

            #expect(try await laptop.deleteAccount(password: "wrong horse") == .wrongPassword)
            #expect(await laptop.snapshot.phase == .idle)
            #expect(try await laptop.deleteAccount(password: EngineHarness.password) == .accountDeleted)
            #expect(await laptop.snapshot.phase == .signedOut)
            #expect(await laptop.preferences == ["animal": "horse"])

            #expect(await phone.sync() == .signedOutByServer(.accountDeleted))
            #expect(await phone.snapshot.serverSignOut == .accountDeleted)
            #expect(await phone.preferences == ["animal": "horse"])
            // The email can sign up again.
            let fresh = try await harness.engine()
            #expect(try await fresh.register(server: harness.url, email: harness.email, password: "another one").isSuccess)
        }
    }

    @Test func aWatchingDeviceLearnsOfItsRevocationFromTheSocket() async throws {
        try await EngineHarness.run { harness in
            let laptop = try await harness.engine()
            let phone = try await harness.engine(feed: WebSocketUpdateFeed(server: harness.server))
            try await harness.signIn(laptop, phone)
            try await phone.setAutoSync(false)
            try await phone.setPreference("kept", to: "yes")
            await phone.startWatching()
            await phone.waitUntil("the feed connects") { $0.feed == .connected }
            #expect(try await laptop.revokeDevice(await phone.snapshot.deviceID) == .revoked)
            await phone.waitUntil("the phone says it was revoked") { $0.serverSignOut == .deviceRevoked && $0.phase == .needsPassword }
            #expect(await phone.preferences == ["kept": "yes"])
            await phone.stopWatching()
        }
    }

    @Test func anOlderServerShowsDevicesAsUnavailable() async throws {
        try await EngineHarness.run { harness in
            let laptop = try await harness.engine(remote: { OlderServer(inner: $0, missing: HTTPWalletRemote(
                server: harness.server.appendingPathComponent("older"), timeout: 120)) })
            try await harness.signIn(laptop)
            #expect(await laptop.devices() == .unavailable)
            #expect(try await laptop.revokeDevice("some-device") == .unavailable)
            #expect(try await laptop.deleteAccount(password: EngineHarness.password) == .unavailable)
            #expect(await laptop.snapshot.phase == .idle)
            // Renames live in the wallet, so they work anywhere.
            #expect(try await laptop.renameDevice(await laptop.snapshot.deviceID, to: "desk") == .renamed(sync: .synced(sequence: 1)))
        }
    }

    @Test func renamesWaitOnDiskUntilPushedAndKeepOtherFields() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("renames-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try SQLiteSyncStateStore(path: path)
        _ = try await store.update { $0.deviceRenames = ["abc": "laptop"] }
        #expect(try await SQLiteSyncStateStore(path: path).load().state.deviceRenames == ["abc": "laptop"])

        var document = try WalletDocument.decode(Array(#"{"devices":{"abc":{"name":"old","color":"red"},"x":{"name":"x"}},"extra":[1],"preferences":{},"version":1}"#.utf8))
        #expect(document.deviceNames == ["abc": "old", "x": "x"])
        document.setDeviceName("new", for: "abc")
        document.setDeviceName(nil, for: "x")
        document.setDeviceName("fresh", for: "def")
        #expect(String(decoding: document.encoded(), as: UTF8.self)
            == #"{"devices":{"abc":{"color":"red","name":"new"},"def":{"name":"fresh"}},"extra":[1],"preferences":{},"version":1}"#)
    }
}

/// A server without the Tandem device endpoints: wallet requests go to the real one, device requests to a path
/// the server does not know (404).
struct OlderServer: WalletRemote, DeviceRemote {
    let inner: HTTPWalletRemote
    let missing: HTTPWalletRemote

    func signup(email: String, loginPassword: String, clientSaltSeed: String) async throws(RemoteError) -> SignupOutcome {
        try await inner.signup(email: email, loginPassword: loginPassword, clientSaltSeed: clientSaltSeed)
    }
    func clientSaltSeed(email: String) async throws(RemoteError) -> String { try await inner.clientSaltSeed(email: email) }
    func logIn(email: String, loginPassword: String, deviceID: String) async throws(RemoteError) -> String {
        try await inner.logIn(email: email, loginPassword: loginPassword, deviceID: deviceID)
    }
    func wallet(token: String) async throws(RemoteError) -> SealedWallet? { try await inner.wallet(token: token) }
    func upload(_ wallet: SealedWallet, token: String) async throws(RemoteError) -> UploadOutcome {
        try await inner.upload(wallet, token: token)
    }
    func changePassword(email: String, oldLoginPassword: String, newLoginPassword: String, clientSaltSeed: String,
                        wallet: SealedWallet?) async throws(RemoteError) -> UploadOutcome {
        try await inner.changePassword(email: email, oldLoginPassword: oldLoginPassword, newLoginPassword: newLoginPassword,
                                       clientSaltSeed: clientSaltSeed, wallet: wallet)
    }
    func devices(token: String) async throws(RemoteError) -> RemoteAnswer<[RemoteDevice]> { try await missing.devices(token: token) }
    func revokeDevice(_ deviceID: String, token: String) async throws(RemoteError) -> RemoteAnswer<Bool> {
        try await missing.revokeDevice(deviceID, token: token)
    }
    func logOut(token: String) async throws(RemoteError) -> RemoteAnswer<Bool> { try await missing.logOut(token: token) }
    func deleteAccount(email: String, loginPassword: String) async throws(RemoteError) -> RemoteAnswer<Bool> {
        try await missing.deleteAccount(email: email, loginPassword: loginPassword)
    }
}
