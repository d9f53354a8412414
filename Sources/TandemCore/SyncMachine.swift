/// Where a device is in a sync round.
public enum SyncPhase: Sendable, Equatable {
    /// No account on this device.
    case signedOut
    case idle
    /// Fetching (and merging) the server's wallet; `thenPush` when the round also uploads local changes.
    case pulling(attempt: Int, thenPush: Bool)
    case pushing(attempt: Int)
    /// A merge has conflicts; nothing is pushed until the user resolved every one.
    case awaitingResolution
    /// The server refused the token: the password changed on another device (or the token expired).
    case needsPassword
}

/// What the engine found when it pulled; it applies the wallet to the device state before reporting.
public enum PullResult: Sendable, Equatable {
    case noRemoteWallet
    case upToDate
    /// The remote was ahead and merged without conflicts.
    case merged
    /// The remote was ahead and the merge has conflicts (saved as the pending merge).
    case conflicts
    /// The server offered a wallet older than the one this device synced last.
    case rollback(remote: UInt32, synced: UInt32)
    /// The wallet could not be opened (HMAC, foreign wallet, undecryptable).
    case unreadable(String)
}

/// Something to tell the user about a round that ended early.
public enum SyncProblem: Sendable, Equatable {
    case rollback(remote: UInt32, synced: UInt32)
    case unreadable(String)
    case gaveUp(attempts: Int)
    case failed(String)
}

/// The control flow of sync as a pure function: `next(phase, event) -> (phase, effects)`. The engine runs the
/// effects and feeds their outcomes back as events, so every path (409 retry, conflicts, 401) is table-testable.
public enum SyncMachine {
    /// Bound on fetch-merge-push rounds after 409s, so two busy devices cannot loop forever.
    public static let maximumAttempts = 5

    public enum Event: Sendable, Equatable {
        case signedIn
        case signedOut
        /// Fetch and merge; with `push`, upload the result when it has local changes.
        case syncRequested(push: Bool)
        /// Upload local changes first, fetching and merging only if the server is ahead.
        case pushRequested(hasLocalChanges: Bool)
        case pulled(PullResult, hasLocalChanges: Bool)
        case pushed
        case pushWasStale
        case conflictsResolved(hasLocalChanges: Bool)
        case tokenRefused
        case failed(String)
    }

    public enum Effect: Sendable, Equatable {
        case fetchWallet
        case uploadWallet
        case report(SyncProblem)
        case askForPassword
    }

    public static func next(_ phase: SyncPhase, _ event: Event) -> (SyncPhase, [Effect]) {
        switch (phase, event) {
        case (_, .signedOut):
            return (.signedOut, [])
        case (.signedOut, .signedIn), (.needsPassword, .signedIn):
            return (.idle, [])
        case (_, .tokenRefused) where phase != .signedOut:
            return (.needsPassword, [.askForPassword])

        case (.idle, .syncRequested(let push)):
            return (.pulling(attempt: 1, thenPush: push), [.fetchWallet])
        case (.idle, .pushRequested(let hasLocalChanges)):
            return hasLocalChanges ? (.pushing(attempt: 1), [.uploadWallet]) : (.idle, [])

        case let (.pulling(attempt, thenPush), .pulled(result, hasLocalChanges)):
            switch result {
            case .noRemoteWallet, .upToDate, .merged:
                return thenPush && hasLocalChanges ? (.pushing(attempt: attempt), [.uploadWallet]) : (.idle, [])
            case .conflicts:
                return (.awaitingResolution, [])
            case let .rollback(remote, synced):
                return (.idle, [.report(.rollback(remote: remote, synced: synced))])
            case .unreadable(let reason):
                return (.idle, [.report(.unreadable(reason))])
            }

        case (.pushing, .pushed):
            return (.idle, [])
        case (.pushing(let attempt), .pushWasStale):
            guard attempt < maximumAttempts else { return (.idle, [.report(.gaveUp(attempts: attempt))]) }
            return (.pulling(attempt: attempt + 1, thenPush: true), [.fetchWallet])

        case (.awaitingResolution, .conflictsResolved(let hasLocalChanges)):
            return hasLocalChanges ? (.pushing(attempt: 1), [.uploadWallet]) : (.idle, [])

        case (.pulling, .failed(let reason)), (.pushing, .failed(let reason)):
            return (.idle, [.report(.failed(reason))])

        default:
            // Anything else does not apply to this phase (a sync request during a round, say) and changes nothing.
            return (phase, [])
        }
    }
}
