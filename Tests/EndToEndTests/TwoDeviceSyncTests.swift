import Foundation
import TandemCore
import Testing

/// The LBRY test-client walkthrough with two engines (two profiles) against the real `tandem-server` process.
@Suite(.serialized) struct TwoDeviceSyncTests {
    static let email = "joe@example.com"

    func withServer(_ body: (String, URL) async throws -> Void) async throws {
        let directory = try TemporaryDirectory.make("two-devices")
        defer { try? FileManager.default.removeItem(at: directory) }
        let server = try await ServerProcess.start(arguments: ServerProcess.sqliteArguments(in: directory))
        defer { _ = server.stop() }
        try await body(server.baseURL, directory)
    }

    @Test func theWholeWalkthrough() async throws {
        try await withServer { server, directory in
            let laptop = try await Device.make("laptop", in: directory)
            let desktop = try await Device.make("desktop", in: directory)

            // Register on one device; the other derives its keys from the salt seed it fetches.
            #expect(try await laptop.engine.register(server: server, email: Self.email, password: "correct horse").isSuccess)
            #expect(try await desktop.engine.logIn(server: server, email: Self.email, password: "correct horse").isSuccess)
            #expect(await laptop.snapshot.phase == .idle)
            #expect(await desktop.snapshot.phase == .idle)

            // Push and pull.
            try await laptop.engine.setPreference("animal", to: "horse")
            try await laptop.engine.setPreference("car", to: "Audi")
            #expect(await laptop.engine.sync() == .synced(sequence: 1))
            #expect(await desktop.engine.pull() == .synced(sequence: 1))
            #expect(await desktop.preferences == ["animal": "horse", "car": "Audi"])

            // Divergent edits to different keys merge silently; the second push meets a 409 and fetches, merges, pushes.
            try await laptop.engine.setPreference("animal", to: "cow")
            try await desktop.engine.setPreference("car", to: "BMW")
            #expect(await laptop.engine.push() == .synced(sequence: 2))
            #expect(await desktop.engine.push() == .synced(sequence: 3))
            let desktopAfter = await desktop.snapshot
            #expect(desktopAfter.preferences == ["animal": "cow", "car": "BMW"])
            #expect(desktopAfter.syncedSequence == 3)
            #expect(desktopAfter.localChanges.isEmpty)
            #expect(desktopAfter.activity.contains { $0.message.contains("taken by another device") })
            #expect(await laptop.engine.pull() == .synced(sequence: 3))
            #expect(await laptop.preferences == ["animal": "cow", "car": "BMW"])

            // The same keys edited on both devices surface as conflicts, resolved by choice, then pushed.
            try await laptop.engine.setPreference("color", to: "red")
            try await laptop.engine.setPreference("car", to: "Volvo")
            #expect(await laptop.engine.sync() == .synced(sequence: 4))
            try await desktop.engine.setPreference("color", to: "blue")
            try await desktop.engine.removePreference("car")
            #expect(await desktop.engine.sync() == .conflictsWaiting(count: 2))
            let conflicted = await desktop.snapshot
            #expect(conflicted.phase == .awaitingResolution)
            #expect(conflicted.conflicts.map(\.key) == ["car", "color"])
            #expect(conflicted.conflicts.first?.kind == .deletedLocallyEditedRemotely)
            #expect(conflicted.syncedSequence == 3, "nothing is pushed or adopted before the user decides")
            try await desktop.engine.resolve("color", with: .keepLocal)
            #expect(try await desktop.engine.applyResolutions() == .conflictsWaiting(count: 1))
            try await desktop.engine.resolve("car", with: .takeRemote)
            #expect(try await desktop.engine.applyResolutions() == .synced(sequence: 5))
            #expect(await desktop.snapshot.phase == .idle)
            #expect(await desktop.snapshot.syncedSequence == 5)
            #expect(await laptop.engine.pull() == .synced(sequence: 5))
            #expect(await laptop.preferences == ["animal": "cow", "car": "Volvo", "color": "blue"])

            // A websocket notice makes the other device pull on its own.
            await laptop.engine.startWatching()
            await laptop.waitUntil("the laptop's feed is connected") { $0.feed == .connected }
            try await desktop.engine.setPreference("theme", to: "solarized")
            #expect(await desktop.engine.sync() == .synced(sequence: 6))
            await laptop.waitUntil("the laptop merged the desktop's edit") { $0.preferences["theme"] == "solarized" }
            #expect(await laptop.snapshot.lastNotice?.sequence == 6)

            // Password change: refused with unpushed edits, then done; the other device is logged out and re-adopts.
            try await desktop.engine.setPreference("unpushed", to: "yes")
            #expect(try await desktop.engine.changePassword(old: "correct horse", new: "battery staple") == .unpushedChanges(count: 1))
            #expect(await desktop.engine.sync() == .synced(sequence: 7))
            #expect(try await desktop.engine.changePassword(old: "not the password", new: "battery staple") == .wrongPassword)
            #expect(try await desktop.engine.changePassword(old: "correct horse", new: "battery staple").isSuccess)
            #expect(await desktop.snapshot.phase == .idle)
            await laptop.waitUntil("the laptop learns the password changed") { $0.phase == .needsPassword }
            #expect(try await laptop.engine.adoptNewPassword("correct horse") == .wrongPassword)
            #expect(try await laptop.engine.adoptNewPassword("battery staple").isSuccess)
            let adopted = await laptop.snapshot
            #expect(adopted.phase == .idle)
            #expect(adopted.preferences["unpushed"] == "yes", "the re-encrypted wallet opens with the new keys")
            try await laptop.engine.setPreference("after", to: "change")
            #expect(await laptop.engine.sync().isSuccess)
            #expect(await desktop.engine.pull().isSuccess)
            #expect(await desktop.preferences["after"] == "change")
        }
    }

    @Test func anOfflineDeviceKeepsItsEditsAndSyncsLater() async throws {
        let directory = try TemporaryDirectory.make("offline")
        defer { try? FileManager.default.removeItem(at: directory) }
        let arguments = ServerProcess.sqliteArguments(in: directory)
        var server = try await ServerProcess.start(arguments: arguments)
        let device = try await Device.make("laptop", in: directory)
        #expect(try await device.engine.register(server: server.baseURL, email: Self.email, password: "pw").isSuccess)
        _ = server.stop()

        try await device.engine.setPreference("written", to: "offline")
        guard case .serverUnreachable = await device.engine.sync() else { Issue.record("expected the server to be unreachable"); return }
        let offline = await device.snapshot
        guard case .offline = offline.connection else { Issue.record("expected offline, got \(offline.connection)"); return }
        #expect(offline.localChanges.map(\.key) == ["written"])

        // Reopen from disk, as after a restart: the edit is there and goes out once the server is back.
        let reopened = try await Device.make("laptop", in: directory)
        #expect(await reopened.preferences["written"] == "offline")
        server = try await ServerProcess.start(arguments: arguments + ["--port", String(server.port)])
        defer { _ = server.stop() }
        #expect(await reopened.engine.sync() == .synced(sequence: 1))
        #expect(await reopened.snapshot.localChanges.isEmpty)
    }
}
