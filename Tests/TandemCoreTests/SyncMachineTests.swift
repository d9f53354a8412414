import TandemCore
import Testing

/// Every transition of the sync round, as a table.
@Suite struct SyncMachineTests {
    typealias State = SyncMachine.State

    struct Row: Sendable, CustomTestStringConvertible {
        let state: State
        let event: SyncMachine.Event
        let next: State
        let effects: [SyncMachine.Effect]
        var testDescription: String { "\(state.phase)\(state.queued.map { " queued(push: \($0))" } ?? "") + \(event) → \(next.phase)" }
        init(_ state: State, _ event: SyncMachine.Event, _ next: State, _ effects: [SyncMachine.Effect] = []) {
            self.state = state
            self.event = event
            self.next = next
            self.effects = effects
        }
        init(_ phase: SyncPhase, _ event: SyncMachine.Event, _ next: SyncPhase, _ effects: [SyncMachine.Effect] = []) {
            self.init(State(phase), event, State(next), effects)
        }
    }

    static let pullThenPush = SyncPhase.pulling(attempt: 1, thenPush: true)
    static let pullOnly = SyncPhase.pulling(attempt: 1, thenPush: false)

    static let rows: [Row] = [
        // Signing in and out.
        Row(.signedOut, .signedIn, .idle),
        Row(.needsPassword, .signedIn, .idle),
        Row(.idle, .signedOut, .signedOut),
        Row(.awaitingResolution, .signedOut, .signedOut),
        // Requests at rest end at once when there is nothing a round could do.
        Row(.signedOut, .syncRequested(push: true), .signedOut, [.finish(.notSignedIn)]),
        Row(.signedOut, .pushRequested(hasLocalChanges: true), .signedOut, [.finish(.notSignedIn)]),
        Row(.needsPassword, .syncRequested(push: true), .needsPassword, [.finish(.needsPassword)]),
        Row(.awaitingResolution, .syncRequested(push: true), .awaitingResolution, [.finishWithConflictsWaiting]),
        Row(.awaitingResolution, .pushRequested(hasLocalChanges: true), .awaitingResolution, [.finishWithConflictsWaiting]),
        Row(.idle, .pushRequested(hasLocalChanges: false), .idle, [.finish(.nothingToPush)]),
        Row(.signedOut, .tokenRefused, .signedOut),
        // A sync round starts with a fetch; a push round with an upload.
        Row(.idle, .syncRequested(push: true), pullThenPush, [.fetchWallet]),
        Row(.idle, .syncRequested(push: false), pullOnly, [.fetchWallet]),
        Row(.idle, .pushRequested(hasLocalChanges: true), .pushing(attempt: 1), [.uploadWallet]),
        // What a pull found decides what follows.
        Row(pullThenPush, .pulled(.noRemoteWallet, hasLocalChanges: true), .pushing(attempt: 1), [.uploadWallet]),
        Row(pullThenPush, .pulled(.noRemoteWallet, hasLocalChanges: false), .idle, [.finish(.upToDate(sequence: nil))]),
        Row(pullThenPush, .pulled(.upToDate(sequence: 4), hasLocalChanges: false), .idle, [.finish(.upToDate(sequence: 4))]),
        Row(.pulling(attempt: 2, thenPush: true), .pulled(.merged(sequence: 5), hasLocalChanges: true), .pushing(attempt: 2), [.uploadWallet]),
        Row(pullOnly, .pulled(.merged(sequence: 5), hasLocalChanges: true), .idle, [.finish(.synced(sequence: 5))]),
        Row(pullThenPush, .pulled(.conflicts, hasLocalChanges: true), .awaitingResolution, [.finishWithConflictsWaiting]),
        Row(pullOnly, .pulled(.conflicts, hasLocalChanges: true), .awaitingResolution, [.finishWithConflictsWaiting]),
        Row(pullThenPush, .pulled(.rollback(remote: 3, synced: 5), hasLocalChanges: true), .idle,
            [.finish(.rollbackRefused(remote: 3, synced: 5))]),
        Row(pullThenPush, .pulled(.unreadable("bad hmac"), hasLocalChanges: true), .idle, [.finish(.unreadableWallet("bad hmac"))]),
        // 409: fetch, merge, retry — bounded.
        Row(.pushing(attempt: 1), .pushed(sequence: 6), .idle, [.finish(.synced(sequence: 6))]),
        Row(.pushing(attempt: 1), .pushWasStale, .pulling(attempt: 2, thenPush: true), [.fetchWallet]),
        Row(.pushing(attempt: SyncMachine.maximumAttempts), .pushWasStale, .idle,
            [.finish(.gaveUp(attempts: SyncMachine.maximumAttempts))]),
        // Conflicts wait for the user; nothing is pushed until they are resolved.
        Row(.awaitingResolution, .conflictsResolved(sequence: 7, hasLocalChanges: true), .pushing(attempt: 1), [.uploadWallet]),
        Row(.awaitingResolution, .conflictsResolved(sequence: 7, hasLocalChanges: false), .idle, [.finish(.synced(sequence: 7))]),
        // A refused token asks for the password from any signed-in phase; a round also ends.
        Row(.idle, .tokenRefused, .needsPassword, [.askForPassword]),
        Row(pullThenPush, .tokenRefused, .needsPassword, [.askForPassword, .finish(.needsPassword)]),
        Row(.pushing(attempt: 3), .tokenRefused, .needsPassword, [.askForPassword, .finish(.needsPassword)]),
        Row(.awaitingResolution, .tokenRefused, .needsPassword, [.askForPassword]),
        // Failures and a busy profile end the round with their outcome.
        Row(pullThenPush, .failed(.serverUnreachable("offline")), .idle, [.finish(.serverUnreachable("offline"))]),
        Row(.pushing(attempt: 1), .failed(.refused("413")), .idle, [.finish(.refused("413"))]),
        Row(pullThenPush, .busy, .idle, [.finish(.anotherProcessIsSyncing)]),
        // Requests during a round are queued (a push counts as a sync with push) and run when it ends.
        Row(State(pullOnly), .syncRequested(push: false), State(pullOnly, queued: false)),
        Row(State(pullOnly, queued: false), .syncRequested(push: true), State(pullOnly, queued: true)),
        Row(State(pullOnly, queued: true), .syncRequested(push: false), State(pullOnly, queued: true)),
        Row(State(.pushing(attempt: 1)), .pushRequested(hasLocalChanges: true), State(.pushing(attempt: 1), queued: true)),
        Row(State(.pushing(attempt: 1), queued: true), .pushed(sequence: 3), State(pullThenPush),
            [.finish(.synced(sequence: 3)), .fetchWallet]),
        Row(State(pullOnly, queued: false), .failed(.serverUnreachable("x")), State(pullOnly),
            [.finish(.serverUnreachable("x")), .fetchWallet]),
        Row(State(pullThenPush, queued: true), .pulled(.merged(sequence: 2), hasLocalChanges: true), State(.pushing(attempt: 1), queued: true),
            [.uploadWallet]),
        Row(State(pullThenPush, queued: true), .pulled(.conflicts, hasLocalChanges: true), State(.awaitingResolution),
            [.finishWithConflictsWaiting]),
        Row(State(pullThenPush, queued: true), .tokenRefused, State(.needsPassword), [.askForPassword, .finish(.needsPassword)]),
        // The password change: catch up, send, sign in with the new keys; a 409 catches up again (bounded).
        Row(.idle, .passwordChangeRequested, .changingPassword(attempt: 1), [.fetchWallet]),
        Row(.signedOut, .passwordChangeRequested, .signedOut, [.finishPasswordChange(.failed(.notSignedIn))]),
        Row(.awaitingResolution, .passwordChangeRequested, .awaitingResolution, [.finishPasswordChange(.conflictsWaiting)]),
        Row(pullOnly, .passwordChangeRequested, pullOnly, [.finishPasswordChange(.failed(.anotherProcessIsSyncing))]),
        Row(.changingPassword(attempt: 1), .pulled(.upToDate(sequence: 3), hasLocalChanges: false), .changingPassword(attempt: 1),
            [.uploadPasswordChange]),
        Row(.changingPassword(attempt: 1), .pulled(.merged(sequence: 4), hasLocalChanges: true), .idle,
            [.finishPasswordChange(.unpushedChanges)]),
        Row(.changingPassword(attempt: 1), .pulled(.conflicts, hasLocalChanges: true), .awaitingResolution,
            [.finishPasswordChange(.conflictsWaiting)]),
        Row(.changingPassword(attempt: 1), .passwordChangeWasStale, .changingPassword(attempt: 2), [.fetchWallet]),
        Row(.changingPassword(attempt: SyncMachine.maximumAttempts), .passwordChangeWasStale, .idle,
            [.finishPasswordChange(.failed(.gaveUp(attempts: SyncMachine.maximumAttempts)))]),
        Row(.changingPassword(attempt: 2), .passwordChangeAccepted, .changingPassword(attempt: 2), [.signInWithNewKeys]),
        Row(.changingPassword(attempt: 2), .signedIn, .idle, [.finishPasswordChange(.changed)]),
        Row(.changingPassword(attempt: 1), .failed(.serverUnreachable("x")), .idle,
            [.finishPasswordChange(.failed(.serverUnreachable("x")))]),
        Row(.changingPassword(attempt: 1), .tokenRefused, .needsPassword,
            [.askForPassword, .finishPasswordChange(.failed(.needsPassword))]),
        Row(State(.changingPassword(attempt: 1)), .syncRequested(push: true), State(.changingPassword(attempt: 1), queued: true)),
        // Events that do not belong to the phase change nothing.
        Row(.idle, .pushed(sequence: 1), .idle),
        Row(.idle, .pulled(.merged(sequence: 1), hasLocalChanges: true), .idle),
        Row(.idle, .passwordChangeAccepted, .idle),
    ]

    @Test(arguments: rows)
    func transition(_ row: Row) {
        let (next, effects) = SyncMachine.next(row.state, row.event)
        #expect(next == row.next)
        #expect(effects == row.effects)
    }

    /// Runs the machine against scripted answers; returns the finishes and the number of uploads.
    static func drive(_ request: SyncMachine.Event, answer: (SyncMachine.Effect) -> SyncMachine.Event?)
        -> (finishes: [SyncMachine.Effect], uploads: Int, end: State) {
        var state = State(.idle)
        var events = [request]
        var finishes: [SyncMachine.Effect] = []
        var uploads = 0
        while !events.isEmpty {
            let effects: [SyncMachine.Effect]
            (state, effects) = SyncMachine.next(state, events.removeFirst())
            for effect in effects {
                switch effect {
                case .finish, .finishWithConflictsWaiting, .finishPasswordChange: finishes.append(effect)
                case .uploadWallet, .uploadPasswordChange: uploads += 1
                default: break
                }
                if let event = answer(effect) { events.append(event) }
            }
        }
        return (finishes, uploads, state)
    }

    @Test func aServerThatAlwaysAnswers409EndsTheRoundAfterTheBound() {
        let run = Self.drive(.syncRequested(push: true)) { effect in
            switch effect {
            case .fetchWallet: .pulled(.merged(sequence: 1), hasLocalChanges: true)
            case .uploadWallet: .pushWasStale
            default: nil
            }
        }
        #expect(run.end == State(.idle))
        #expect(run.uploads == SyncMachine.maximumAttempts)
        #expect(run.finishes == [.finish(.gaveUp(attempts: SyncMachine.maximumAttempts))])
    }

    @Test func aPasswordChangeRetriesAfterAnotherDeviceWroteThenSignsIn() {
        var stale = 2
        let run = Self.drive(.passwordChangeRequested) { effect in
            switch effect {
            case .fetchWallet: return .pulled(.merged(sequence: 3), hasLocalChanges: false)
            case .uploadPasswordChange:
                stale -= 1
                return stale >= 0 ? .passwordChangeWasStale : .passwordChangeAccepted
            case .signInWithNewKeys: return .signedIn
            default: return nil
            }
        }
        #expect(run.uploads == 3)
        #expect(run.finishes == [.finishPasswordChange(.changed)])
        #expect(run.end == State(.idle))
    }

    @Test func everyRequestEndsInExactlyOneFinish() {
        let requests: [SyncMachine.Event] = [.syncRequested(push: true), .syncRequested(push: false),
                                             .pushRequested(hasLocalChanges: true), .pushRequested(hasLocalChanges: false),
                                             .passwordChangeRequested]
        let answers: [[SyncMachine.Event]] = [
            [.pulled(.merged(sequence: 2), hasLocalChanges: true), .pushed(sequence: 3), .passwordChangeAccepted, .signedIn],
            [.pulled(.conflicts, hasLocalChanges: true)], [.failed(.serverUnreachable("x"))], [.tokenRefused], [.busy],
            [.pulled(.upToDate(sequence: 2), hasLocalChanges: false), .pushWasStale, .passwordChangeWasStale],
        ]
        for request in requests {
            for script in answers {
                var calls = 0
                let run = Self.drive(request) { effect in
                    switch effect {
                    case .fetchWallet, .uploadWallet, .uploadPasswordChange, .signInWithNewKeys:
                        calls += 1
                        guard calls < 40 else { return .failed(.serverUnreachable("stop")) }
                        let fitting = script.first { event in
                            switch (effect, event) {
                            case (.fetchWallet, .pulled), (.uploadWallet, .pushed), (.uploadWallet, .pushWasStale),
                                 (.uploadPasswordChange, .passwordChangeAccepted), (.uploadPasswordChange, .passwordChangeWasStale),
                                 (.signInWithNewKeys, .signedIn), (_, .failed), (_, .tokenRefused), (_, .busy): true
                            default: false
                            }
                        }
                        return fitting ?? .failed(.serverUnreachable("no answer"))
                    default: return nil
                    }
                }
                #expect(run.finishes.count == 1, "\(request) with \(script)")
                #expect(!run.end.phase.isRound)
            }
        }
    }
}
