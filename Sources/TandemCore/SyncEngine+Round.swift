import Foundation
import TandemCrypto

extension SyncEngine {
    /// GET the wallet and fold it into the device state; the outcome is the machine's next event.
    func fetchAndMerge() async -> SyncMachine.Event {
        guard let server = state.server, let account = state.account, let token = account.token else { return .tokenRefused }
        let sealed: SealedWallet?
        do {
            sealed = try await timed { try await makeRemote(server).wallet(token: token) }
        } catch {
            return failure(error)
        }
        guard let sealed else {
            if let base = state.base {
                log("The server has no wallet although this device synced sequence \(base.sequence); uploading this device's copy afresh.", .warning)
                try? await persist { try await store.saveSync(base: nil, preferences: state.preferences, pending: nil) }
                state.base = nil
            }
            return .pulled(.noRemoteWallet, hasLocalChanges: !state.localChanges.isEmpty)
        }
        latestRemoteSequence = max(latestRemoteSequence ?? 0, sealed.sequence)
        let synced = state.base?.sequence ?? 0
        if sealed.sequence < synced { return .pulled(.rollback(remote: sealed.sequence, synced: synced), hasLocalChanges: true) }
        if sealed.sequence == synced, state.base != nil {
            lastSync = configuration.now()
            return .pulled(.upToDate, hasLocalChanges: !state.localChanges.isEmpty)
        }
        let document: WalletDocument
        do {
            document = try sealed.open(keys: account.keys)
        } catch {
            return .pulled(.unreadable(error.description), hasLocalChanges: true)
        }
        let remote = SyncedWallet(sequence: sealed.sequence, document: document)
        let merge = PendingMerge(base: state.base?.document.preferences ?? [:], local: state.preferences,
                                 remote: document.preferences, remoteSequence: sealed.sequence)
        if let merged = merge.completed() {
            do {
                try await persist { try await store.saveSync(base: remote, preferences: merged, pending: nil) }
            } catch {
                return .failed(error.description)
            }
            let incoming = LocalChange.between(base: state.preferences, current: merged).count
            state.base = remote
            state.preferences = merged
            state.pending = nil
            lastSync = configuration.now()
            log(incoming == 0 ? "Pulled sequence \(sealed.sequence); nothing changed here."
                : "Pulled sequence \(sealed.sequence) and merged \(incoming) change\(incoming == 1 ? "" : "s") from other devices.")
            return .pulled(.merged, hasLocalChanges: !state.localChanges.isEmpty)
        }
        let pending = PendingSync(merge: merge, remote: remote)
        do {
            try await persist { try await store.savePending(pending) }
        } catch {
            return .failed(error.description)
        }
        state.pending = pending
        let count = merge.unresolved.count
        log("Sequence \(sealed.sequence) conflicts with local edits on \(count) key\(count == 1 ? "" : "s"): choose local, remote or a new value.", .warning)
        return .pulled(.conflicts, hasLocalChanges: true)
    }

    /// Compare-and-set upload of the working copy as the sequence after the base.
    func upload() async -> SyncMachine.Event {
        guard let server = state.server, let account = state.account, let token = account.token else { return .tokenRefused }
        let sequence = (state.base?.sequence ?? 0) + 1
        var document = state.base?.document ?? WalletDocument()
        document.preferences = state.preferences
        let outcome: UploadOutcome
        do {
            let sealed = try SealedWallet.seal(document, sequence: sequence, keys: account.keys)
            outcome = try await timed { try await makeRemote(server).upload(sealed, token: token) }
        } catch {
            return failure(error)
        }
        guard outcome == .accepted else {
            log("Sequence \(sequence) was taken by another device; fetching and merging before trying again.")
            return .pushWasStale
        }
        let base = SyncedWallet(sequence: sequence, document: document)
        // Edits made while the upload was in flight stay local changes on top of the new base.
        do {
            try await persist { try await store.saveSync(base: base, preferences: state.preferences, pending: nil) }
        } catch {
            return .failed(error.description)
        }
        state.base = base
        latestRemoteSequence = max(latestRemoteSequence ?? 0, sequence)
        lastSync = configuration.now()
        log("Pushed sequence \(sequence).")
        return .pushed
    }

    /// A remote failure as the machine's event: 401 asks for the password, anything else ends the round.
    func failure(_ error: any Error) -> SyncMachine.Event {
        if case RemoteError.unauthorized = error { return .tokenRefused }
        return .failed((error as? RemoteError)?.description ?? "\(error)")
    }

    /// Runs a request, recording its latency or the reason the server could not be reached.
    func timed<T>(_ request: () async throws -> T) async throws -> T {
        let start = ContinuousClock.now
        do {
            let value = try await request()
            connection = .online(latency: ContinuousClock.now - start)
            return value
        } catch let error as RemoteError {
            connection = error.isTransient ? .offline(error.description) : .online(latency: ContinuousClock.now - start)
            publish()
            throw error
        }
    }

    // MARK: Conflicts

    /// Records the user's choice for one conflicting key (saved at once; nothing is pushed yet).
    public func resolve(_ key: String, with resolution: Resolution) async throws(EngineError) {
        guard var pending = state.pending else { throw .noPendingMerge }
        guard pending.merge.unresolved.contains(where: { $0.key == key }) || pending.merge.resolutions[key] != nil else {
            throw .unknownConflict(key)
        }
        pending.merge.resolve(key, with: resolution)
        try await persist { try await store.savePending(pending) }
        state.pending = pending
        publish()
    }

    /// Chooses one side for every remaining conflict.
    public func resolveAll(_ side: MergeResult.Side) async throws(EngineError) {
        guard var pending = state.pending else { throw .noPendingMerge }
        pending.merge.resolveAll(side)
        try await persist { try await store.savePending(pending) }
        state.pending = pending
        publish()
    }

    /// Once every conflict has a resolution: adopts the merged result and pushes it.
    public func applyResolutions() async throws(EngineError) {
        guard let pending = state.pending else { throw .noPendingMerge }
        guard let merged = pending.merge.completed() else { throw .pendingConflicts(pending.merge.unresolved.count) }
        try await persist { try await store.saveSync(base: pending.remote, preferences: merged, pending: nil) }
        state.base = pending.remote
        state.preferences = merged
        state.pending = nil
        log("Resolved \(pending.merge.resolutions.count) conflict\(pending.merge.resolutions.count == 1 ? "" : "s").")
        await run(.conflictsResolved(hasLocalChanges: !state.localChanges.isEmpty))
    }
}
