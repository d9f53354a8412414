/// The control flow of sync as a pure function: `next(state, event) -> (state, effects)`. The engine runs the
/// effects and feeds their outcomes back as events, so every path (409 retry, conflicts, 401, rounds asked for while
/// one runs, the password change) is table-testable. Each request ends in exactly one `finish…` effect.
public enum SyncMachine {
    /// Bound on fetch-merge-push rounds after 409s, so two busy devices cannot loop forever.
    public static let maximumAttempts = 5

    /// The phase and a round asked for while another one runs.
    public struct State: Sendable, Equatable {
        public var phase: SyncPhase
        /// A sync requested during a round, run when it ends (true: with push); nil when none is queued.
        public var queued: Bool?

        /// A state in `phase` with nothing queued unless given.
        public init(_ phase: SyncPhase, queued: Bool? = nil) {
            self.phase = phase
            self.queued = queued
        }
    }

    public enum Event: Sendable, Equatable {
        case signedIn
        case signedOut
        /// Fetch and merge; with `push`, upload the result when it has local changes.
        case syncRequested(push: Bool)
        /// Upload local changes first, fetching and merging only if the server is ahead.
        case pushRequested(hasLocalChanges: Bool)
        /// Catch up with the server, then send the new password with the wallet re-encrypted (the engine holds the keys).
        case passwordChangeRequested
        case pulled(PullResult, hasLocalChanges: Bool)
        case pushed(sequence: UInt32)
        case pushWasStale
        case passwordChangeAccepted
        case passwordChangeWasStale
        /// The user decided every conflict; the merge became the working copy on top of `sequence`.
        case conflictsResolved(sequence: UInt32, hasLocalChanges: Bool)
        case tokenRefused
        /// Another process of the profile holds the server lock.
        case busy
        /// A request failed (server unreachable or refusing, profile file not writable).
        case failed(SyncOutcome)
    }

    public enum Effect: Sendable, Equatable {
        case fetchWallet
        case uploadWallet
        /// Send the password change with the base re-encrypted under the new keys as the next sequence.
        case uploadPasswordChange
        /// Log in with the new keys and store them with the token.
        case signInWithNewKeys
        case askForPassword
        /// The request (or round) ended with this outcome.
        case finish(SyncOutcome)
        /// The request ended because a merge waits for the user (the engine knows how many keys).
        case finishWithConflictsWaiting
        /// The password-change request ended.
        case finishPasswordChange(PasswordChangeEnd)
    }

    public static func next(_ state: State, _ event: Event) -> (State, [Effect]) {
        let phase = state.phase
        switch (phase, event) {
        case (_, .signedOut):
            return (State(.signedOut), [])
        case (.signedOut, .signedIn), (.needsPassword, .signedIn):
            return (State(.idle, queued: state.queued), [])

        // Requests while a round runs are queued (a push request counts as a sync with push).
        case (_, .syncRequested(let push)) where phase.isRound:
            return (State(phase, queued: (state.queued ?? false) || push), [])
        case (_, .pushRequested) where phase.isRound:
            return (State(phase, queued: true), [])
        case (_, .passwordChangeRequested) where phase.isRound:
            return (state, [.finishPasswordChange(.failed(.anotherProcessIsSyncing))])

        // Requests at rest.
        case (.signedOut, .syncRequested), (.signedOut, .pushRequested):
            return (state, [.finish(.notSignedIn)])
        case (.signedOut, .passwordChangeRequested):
            return (state, [.finishPasswordChange(.failed(.notSignedIn))])
        case (.needsPassword, .syncRequested), (.needsPassword, .pushRequested):
            return (state, [.finish(.needsPassword)])
        case (.needsPassword, .passwordChangeRequested):
            return (state, [.finishPasswordChange(.failed(.needsPassword))])
        case (.awaitingResolution, .syncRequested), (.awaitingResolution, .pushRequested):
            return (state, [.finishWithConflictsWaiting])
        case (.awaitingResolution, .passwordChangeRequested):
            return (state, [.finishPasswordChange(.conflictsWaiting)])
        case (.idle, .syncRequested(let push)):
            return (State(.pulling(attempt: 1, thenPush: push)), [.fetchWallet])
        case (.idle, .pushRequested(let hasLocalChanges)):
            return hasLocalChanges ? (State(.pushing(attempt: 1)), [.uploadWallet]) : (state, [.finish(.nothingToPush)])
        case (.idle, .passwordChangeRequested):
            return (State(.changingPassword(attempt: 1)), [.fetchWallet])

        case (_, .tokenRefused) where phase != .signedOut:
            let end: Effect = if case .changingPassword = phase {
                .finishPasswordChange(.failed(.needsPassword))
            } else {
                .finish(.needsPassword)
            }
            return (State(.needsPassword), phase.isRound ? [.askForPassword, end] : [.askForPassword])
        case (_, .busy) where phase.isRound:
            return end(state, .anotherProcessIsSyncing)
        case (_, .failed(let outcome)) where phase.isRound:
            return end(state, outcome)

        case let (.pulling(attempt, thenPush), .pulled(result, hasLocalChanges)):
            switch result {
            case .noRemoteWallet, .upToDate, .merged:
                if thenPush && hasLocalChanges { return (State(.pushing(attempt: attempt), queued: state.queued), [.uploadWallet]) }
                return end(state, Self.outcome(of: result))
            case .conflicts:
                return (State(.awaitingResolution), [.finishWithConflictsWaiting])
            case let .rollback(remote, synced):
                return end(state, .rollbackRefused(remote: remote, synced: synced))
            case .unreadable(let reason):
                return end(state, .unreadableWallet(reason))
            }

        case (.pushing, .pushed(let sequence)):
            return end(state, .synced(sequence: sequence))
        case (.pushing(let attempt), .pushWasStale):
            guard attempt < maximumAttempts else { return end(state, .gaveUp(attempts: attempt)) }
            return (State(.pulling(attempt: attempt + 1, thenPush: true), queued: state.queued), [.fetchWallet])

        case let (.changingPassword, .pulled(result, hasLocalChanges)):
            switch result {
            case .noRemoteWallet, .upToDate, .merged:
                if hasLocalChanges { return end(state, password: .unpushedChanges) }
                return (state, [.uploadPasswordChange])
            case .conflicts:
                return (State(.awaitingResolution), [.finishPasswordChange(.conflictsWaiting)])
            case let .rollback(remote, synced):
                return end(state, password: .failed(.rollbackRefused(remote: remote, synced: synced)))
            case .unreadable(let reason):
                return end(state, password: .failed(.unreadableWallet(reason)))
            }
        case (.changingPassword(let attempt), .passwordChangeWasStale):
            guard attempt < maximumAttempts else { return end(state, password: .failed(.gaveUp(attempts: attempt))) }
            return (State(.changingPassword(attempt: attempt + 1), queued: state.queued), [.fetchWallet])
        case (.changingPassword, .passwordChangeAccepted):
            return (state, [.signInWithNewKeys])
        case (.changingPassword, .signedIn):
            return end(state, password: .changed)

        case let (.awaitingResolution, .conflictsResolved(sequence, hasLocalChanges)):
            return hasLocalChanges ? (State(.pushing(attempt: 1)), [.uploadWallet]) : (State(.idle), [.finish(.synced(sequence: sequence))])

        default:
            // Anything else does not apply to this phase and changes nothing.
            return (state, [])
        }
    }

    /// The outcome of a pull that did not go on to push.
    private static func outcome(of result: PullResult) -> SyncOutcome {
        switch result {
        case .merged(let sequence): .synced(sequence: sequence)
        case .upToDate(let sequence): .upToDate(sequence: sequence)
        default: .upToDate(sequence: nil)
        }
    }

    /// Ends a round at rest; a round queued meanwhile starts at once.
    private static func end(_ state: State, _ outcome: SyncOutcome) -> (State, [Effect]) {
        if case .changingPassword = state.phase { return end(state, password: .failed(outcome)) }
        return restart(state, [.finish(outcome)])
    }

    private static func end(_ state: State, password: PasswordChangeEnd) -> (State, [Effect]) {
        restart(state, [.finishPasswordChange(password)])
    }

    private static func restart(_ state: State, _ effects: [Effect]) -> (State, [Effect]) {
        guard let push = state.queued else { return (State(.idle), effects) }
        return (State(.pulling(attempt: 1, thenPush: push)), effects + [.fetchWallet])
    }
}
