import Foundation
import TandemServerCore
import TandemStoreSQLite
import Testing

/// The admin command's events on SQLite: written by one store, read in order by another on the same file (a server).
@Suite struct SQLiteExternalEventsTests {
    @Test func announcedEventsAreReadInOrderByAnotherConnection() async throws {
        let path = try TemporaryDirectory.make().appendingPathComponent("accounts.sqlite").path
        let admin = try SQLiteAccountStore(path: path)
        let server = try SQLiteAccountStore(path: path)
        #expect(try await server.latestExternalEventID() == 0)
        try await admin.announceToRunningServers(.accountDeleted(7))
        try await admin.announceToRunningServers(.walletUpdated(7, sequence: 2))  // servers announce their own
        try await admin.announceToRunningServers(.deviceRevoked(8, deviceKey: DeviceKey.of("laptop")))
        let events = try await server.externalEvents(after: 0)
        #expect(events.map(\.event) == [.accountDeleted(7), .deviceRevoked(8, deviceKey: DeviceKey.of("laptop"))])
        let latest = try await server.latestExternalEventID()
        #expect(events.last?.id == latest)
        #expect(try await server.externalEvents(after: latest).isEmpty)
    }

    /// The deletion and its announcement are one transaction: a deletion that does not happen announces nothing.
    @Test func anAdministrativeDeletionAnnouncesItselfOnlyWhenItHappens() async throws {
        let path = try TemporaryDirectory.make().appendingPathComponent("accounts.sqlite").path
        let admin = try SQLiteAccountStore(path: path)
        let server = try SQLiteAccountStore(path: path)
        guard case .created(let account) = try await admin.createAccount(NewAccount(
            email: "joe@example.com", passwordHash: "x", clientSaltSeed: String(repeating: "1f", count: 32), verified: true))
        else { Issue.record("not created"); return }
        let id = account.id
        #expect(try await admin.deleteAccountAnnouncing(id, generation: account.generation + 1) == .generationMoved)
        #expect(try await server.externalEvents(after: 0).isEmpty)
        #expect(try await admin.deleteAccountAnnouncing(id, generation: account.generation) == .deleted)
        #expect(try await server.externalEvents(after: 0).map(\.event) == [.accountDeleted(id)])
        #expect(try await server.account(emailKey: "joe@example.com") == nil)
    }
}
