import TandemCore
import Testing

/// Every transition of the sync round, as a table.
@Suite struct SyncMachineTests {
    struct Row: Sendable, CustomTestStringConvertible {
        let phase: SyncPhase
        let event: SyncMachine.Event
        let next: SyncPhase
        let effects: [SyncMachine.Effect]
        var testDescription: String { "\(phase) + \(event) → \(next)" }
        init(_ phase: SyncPhase, _ event: SyncMachine.Event, _ next: SyncPhase, _ effects: [SyncMachine.Effect] = []) {
            self.phase = phase
            self.event = event
            self.next = next
            self.effects = effects
        }
    }

    static let rows: [Row] = [
        // Signing in and out.
        Row(.signedOut, .signedIn, .idle),
        Row(.needsPassword, .signedIn, .idle),
        Row(.idle, .signedOut, .signedOut),
        Row(.awaitingResolution, .signedOut, .signedOut),
        Row(.signedOut, .syncRequested(push: true), .signedOut),
        Row(.signedOut, .tokenRefused, .signedOut),
        // A sync round starts with a fetch; a push round with an upload, if there is anything to upload.
        Row(.idle, .syncRequested(push: true), .pulling(attempt: 1, thenPush: true), [.fetchWallet]),
        Row(.idle, .syncRequested(push: false), .pulling(attempt: 1, thenPush: false), [.fetchWallet]),
        Row(.idle, .pushRequested(hasLocalChanges: true), .pushing(attempt: 1), [.uploadWallet]),
        Row(.idle, .pushRequested(hasLocalChanges: false), .idle),
        // What a pull found decides what follows.
        Row(.pulling(attempt: 1, thenPush: true), .pulled(.noRemoteWallet, hasLocalChanges: true), .pushing(attempt: 1), [.uploadWallet]),
        Row(.pulling(attempt: 1, thenPush: true), .pulled(.upToDate, hasLocalChanges: false), .idle),
        Row(.pulling(attempt: 2, thenPush: true), .pulled(.merged, hasLocalChanges: true), .pushing(attempt: 2), [.uploadWallet]),
        Row(.pulling(attempt: 1, thenPush: false), .pulled(.merged, hasLocalChanges: true), .idle),
        Row(.pulling(attempt: 1, thenPush: true), .pulled(.conflicts, hasLocalChanges: true), .awaitingResolution),
        Row(.pulling(attempt: 1, thenPush: false), .pulled(.conflicts, hasLocalChanges: true), .awaitingResolution),
        Row(.pulling(attempt: 1, thenPush: true), .pulled(.rollback(remote: 3, synced: 5), hasLocalChanges: true), .idle,
            [.report(.rollback(remote: 3, synced: 5))]),
        Row(.pulling(attempt: 1, thenPush: true), .pulled(.unreadable("bad hmac"), hasLocalChanges: true), .idle,
            [.report(.unreadable("bad hmac"))]),
        // 409: fetch, merge, retry — bounded.
        Row(.pushing(attempt: 1), .pushed, .idle),
        Row(.pushing(attempt: 1), .pushWasStale, .pulling(attempt: 2, thenPush: true), [.fetchWallet]),
        Row(.pushing(attempt: SyncMachine.maximumAttempts), .pushWasStale, .idle,
            [.report(.gaveUp(attempts: SyncMachine.maximumAttempts))]),
        // Conflicts wait for the user; nothing is pushed until they are resolved.
        Row(.awaitingResolution, .syncRequested(push: true), .awaitingResolution),
        Row(.awaitingResolution, .pushRequested(hasLocalChanges: true), .awaitingResolution),
        Row(.awaitingResolution, .conflictsResolved(hasLocalChanges: true), .pushing(attempt: 1), [.uploadWallet]),
        Row(.awaitingResolution, .conflictsResolved(hasLocalChanges: false), .idle),
        // A refused token asks for the password from any signed-in phase.
        Row(.idle, .tokenRefused, .needsPassword, [.askForPassword]),
        Row(.pulling(attempt: 1, thenPush: true), .tokenRefused, .needsPassword, [.askForPassword]),
        Row(.pushing(attempt: 3), .tokenRefused, .needsPassword, [.askForPassword]),
        Row(.awaitingResolution, .tokenRefused, .needsPassword, [.askForPassword]),
        Row(.needsPassword, .syncRequested(push: true), .needsPassword),
        // Failures end the round and are reported.
        Row(.pulling(attempt: 1, thenPush: true), .failed("offline"), .idle, [.report(.failed("offline"))]),
        Row(.pushing(attempt: 1), .failed("offline"), .idle, [.report(.failed("offline"))]),
        // Events that do not belong to the phase change nothing.
        Row(.idle, .pushed, .idle),
        Row(.idle, .pulled(.merged, hasLocalChanges: true), .idle),
        Row(.pulling(attempt: 1, thenPush: true), .syncRequested(push: true), .pulling(attempt: 1, thenPush: true)),
    ]

    @Test(arguments: rows)
    func transition(_ row: Row) {
        let (next, effects) = SyncMachine.next(row.phase, row.event)
        #expect(next == row.next)
        #expect(effects == row.effects)
    }

    @Test func aServerThatAlwaysAnswers409EndsTheRoundAfterTheBound() {
        var phase = SyncPhase.idle
        var effects: [SyncMachine.Effect] = []
        var uploads = 0
        (phase, effects) = SyncMachine.next(phase, .syncRequested(push: true))
        while let effect = effects.first {
            switch effect {
            case .fetchWallet: (phase, effects) = SyncMachine.next(phase, .pulled(.merged, hasLocalChanges: true))
            case .uploadWallet:
                uploads += 1
                (phase, effects) = SyncMachine.next(phase, .pushWasStale)
            case .report, .askForPassword: effects.removeFirst()
            }
            #expect(uploads <= SyncMachine.maximumAttempts)
        }
        #expect(phase == .idle)
        #expect(uploads == SyncMachine.maximumAttempts)
    }
}
