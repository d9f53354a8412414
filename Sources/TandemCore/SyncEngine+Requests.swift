import Foundation
import TandemCrypto

/// How a request to the machine ended, for its caller.
enum RoundEnd: Sendable {
    case sync(SyncOutcome)
    case passwordChange(PasswordChangeEnd)
}

/// The keys of a password change in progress.
struct PasswordChangeKeys: Sendable {
    var old: DerivedKeys
    var new: DerivedKeys
    var seed: String
}

extension SyncEngine {
    /// Fetches and merges the server's wallet, then uploads local changes when `push` is set.
    public func sync(push: Bool = true) async -> SyncOutcome {
        await refresh()
        return outcome(of: await request(.syncRequested(push: push)))
    }

    /// Fetches and merges without uploading.
    public func pull() async -> SyncOutcome {
        await sync(push: false)
    }

    /// Uploads local changes; on 409 fetches, merges and retries (bounded).
    public func push() async -> SyncOutcome {
        await refresh()
        return outcome(of: await request(.pushRequested(hasLocalChanges: hasUnpushedChanges)))
    }

    /// A request's end as a sync outcome (a sync queued behind a password change may end with it).
    private func outcome(of end: RoundEnd) -> SyncOutcome {
        switch end {
        case .sync(let outcome), .passwordChange(.failed(let outcome)): outcome
        case .passwordChange(.conflictsWaiting): .conflictsWaiting(count: unresolvedCount)
        case .passwordChange(.changed), .passwordChange(.unpushedChanges): .upToDate(sequence: state.base?.sequence)
        }
    }

    /// Feeds `event` to the machine and runs effects until the machine rests; returns how the request ended.
    ///
    /// A request made while a round runs is queued in the machine; its caller waits for the round that serves it.
    func request(_ event: SyncMachine.Event) async -> RoundEnd {
        if machine.phase.isRound {
            // A refused token announced by the feed mid-round: the round's next request meets the 401 itself.
            if event == .tokenRefused { return .sync(.needsPassword) }
            let (next, effects) = SyncMachine.next(machine, event)
            machine = next
            if case .finishPasswordChange(let end)? = effects.first { return .passwordChange(end) }
            return await withCheckedContinuation { queuedWaiters.append($0) }
        }
        var mine: RoundEnd?
        var last = RoundEnd.sync(.upToDate(sequence: state.base?.sequence))
        func finish(_ end: RoundEnd) {
            report(end)
            last = end
            if mine == nil {
                mine = end
            } else {
                for waiter in roundWaiters { waiter.resume(returning: end) }
                roundWaiters = []
            }
            roundWaiters += queuedWaiters
            queuedWaiters = []
        }
        var events = [event]
        while !events.isEmpty {
            let (next, effects) = SyncMachine.next(machine, events.removeFirst())
            machine = next
            publish()
            for effect in effects {
                switch effect {
                case .fetchWallet: events.append(await withServerLock { await self.fetchAndMerge() })
                case .uploadWallet: events.append(await withServerLock { await self.upload() })
                case .uploadPasswordChange: events.append(await withServerLock { await self.uploadPasswordChange() })
                case .signInWithNewKeys: events.append(await signInWithNewKeys())
                case .askForPassword: await explainRefusedToken()
                case .finish(.needsPassword) where serverSignOut != nil && state.account?.token == nil:
                    finish(.sync(.signedOutByServer(serverSignOut!)))
                case .finish(let outcome): finish(.sync(outcome))
                case .finishWithConflictsWaiting: finish(.sync(.conflictsWaiting(count: unresolvedCount)))
                case .finishPasswordChange(let end): finish(.passwordChange(end))
                }
            }
        }
        lease?.release()
        lease = nil
        for waiter in roundWaiters + queuedWaiters { waiter.resume(returning: last) }
        roundWaiters = []
        queuedWaiters = []
        settle(tokenChanged: false)
        publish()
        return mine ?? last
    }

    /// The conflicts of the pending merge not decided yet.
    var unresolvedCount: Int { pendingMerge.count { $0.choice == nil } }

    /// Runs `body` holding the profile's server lock, waiting briefly for another process to finish with it.
    private func withServerLock(_ body: () async -> SyncMachine.Event) async -> SyncMachine.Event {
        if lease == nil {
            let deadline = ContinuousClock.now + configuration.serverLockWait
            while lease == nil {
                do {
                    lease = try store.tryLockServer()
                } catch {
                    return .failed(.storageFailed("\(error)"))
                }
                if lease != nil { break }
                guard ContinuousClock.now < deadline else { return .busy }
                try? await Task.sleep(for: .milliseconds(20))
            }
            // Another process may have pulled or pushed while this one waited.
            await refresh()
        }
        return await body()
    }

    /// Puts the end of a request in the activity log.
    private func report(_ end: RoundEnd) {
        // A round cancelled on purpose (log-out, a server change, watching stopped) did not fail.
        if Task.isCancelled, case .sync(.serverUnreachable) = end { return }
        switch end {
        case .sync(let outcome):
            switch outcome {
            case .rollbackRefused(let remote, let synced):
                log("The server offered sequence \(remote), older than the synced \(synced); ignored it (possible rollback).", .error)
            case .unreadableWallet(let reason): log("Could not open the server's wallet: \(reason).", .error)
            case .gaveUp(let attempts): log("Gave up pushing after \(attempts) attempts: other devices keep writing.", .warning)
            case .serverUnreachable(let reason), .refused(let reason): log("Sync failed: \(reason).", .error)
            case .storageFailed(let reason): log("Sync failed: the profile could not be saved (\(reason)).", .error)
            case .anotherProcessIsSyncing: log("Another tandem process is syncing this profile; it will carry these changes too.")
            case .synced, .upToDate, .nothingToPush, .conflictsWaiting, .notSignedIn, .needsPassword, .signedOutByServer: break
            }
        case .passwordChange(.failed(let outcome)):
            report(.sync(outcome))
        case .passwordChange:
            break
        }
    }
}
