import Foundation
import TandemCrypto

/// What folding a fetched wallet into the stored state did.
private enum FoldResult: Sendable {
    case upToDate(UInt32)
    case rollback(synced: UInt32)
    /// The changes the merge brought here, by key.
    case merged(incoming: [JournalEntry])
    case conflicts(keys: [ExactText])
    case keysChanged
}

extension SyncEngine {
    /// GET the wallet and fold it into the stored state in one transaction; the outcome is the machine's next event.
    func fetchAndMerge() async -> SyncMachine.Event {
        await refresh()
        guard let server = state.server, let account = state.account, let token = account.token else { return .tokenRefused }
        let sealed: SealedWallet?
        do {
            sealed = try await timed { try await makeRemote(server).wallet(token: token) }
        } catch {
            return failure(error)
        }
        guard let sealed else { return await noRemoteWallet() }
        latestRemoteSequence = max(latestRemoteSequence ?? 0, sealed.sequence)
        let synced = state.base?.sequence ?? 0
        if sealed.sequence < synced { return .pulled(.rollback(remote: sealed.sequence, synced: synced), hasLocalChanges: true) }
        if sealed.sequence == synced, state.base != nil {
            lastSync = configuration.now()
            return .pulled(.upToDate(sequence: synced), hasLocalChanges: hasUnpushedChanges)
        }
        let document: WalletDocument
        do {
            document = try sealed.open(keys: account.keys)
        } catch {
            return .pulled(.unreadable(error.description), hasLocalChanges: true)
        }
        let remote = SyncedWallet(sequence: sealed.sequence, document: document)
        let keys = account.keys
        let folded: FoldResult
        do {
            folded = try await write(journaling: .pulled(sequence: remote.sequence)) { state -> FoldResult in
                guard state.account?.keys == keys else { return .keysChanged }
                let synced = state.base?.sequence ?? 0
                if remote.sequence < synced { return .rollback(synced: synced) }
                if remote.sequence == synced, state.base != nil { return .upToDate(synced) }
                if let pending = state.pending { return .conflicts(keys: pending.merge.unresolved.map(\.key)) }
                let merge = PendingMerge(base: state.base?.document.preferences ?? [:], local: state.preferences,
                                         remote: remote.document.preferences, remoteSequence: remote.sequence)
                guard let merged = merge.completed() else {
                    state.pending = PendingSync(merge: merge, remote: remote)
                    return .conflicts(keys: merge.unresolved.map(\.key))
                }
                let incoming = Journal.changes(from: state.preferences, to: merged, at: Date(), origin: .pulled(sequence: remote.sequence))
                state.base = remote
                state.preferences = merged
                return .merged(incoming: incoming)
            }
        } catch {
            return .failed(.storageFailed(error.description))
        }
        let hasLocalChanges = hasUnpushedChanges
        switch folded {
        case .keysChanged:
            // Another process logged in with other keys meanwhile; its own rounds use them.
            return .failed(.refused("the profile's account changed during the sync"))
        case .rollback(let synced):
            return .pulled(.rollback(remote: remote.sequence, synced: synced), hasLocalChanges: true)
        case .upToDate(let sequence):
            lastSync = configuration.now()
            return .pulled(.upToDate(sequence: sequence), hasLocalChanges: hasLocalChanges)
        case .merged(let incoming):
            lastSync = configuration.now()
            let count = incoming.count
            log(count == 0 ? "Pulled sequence \(remote.sequence); nothing changed here."
                : "Pulled sequence \(remote.sequence) and merged \(count) change\(count == 1 ? "" : "s") from other devices: "
                    + "\(ActivityWords.incoming(incoming)).")
            return .pulled(.merged(sequence: remote.sequence), hasLocalChanges: hasLocalChanges)
        case .conflicts(let keys):
            log("Conflict on \(ActivityWords.keys(keys)) (sequence \(remote.sequence) against the edits here): choose local, remote or a new value.", .warning)
            return .pulled(.conflicts, hasLocalChanges: true)
        }
    }

    /// The server has no wallet: a base this device remembers is gone, so everything here is a local change.
    private func noRemoteWallet() async -> SyncMachine.Event {
        do {
            let dropped = try await write { state -> UInt32? in
                defer { state.base = nil }
                return state.base?.sequence
            }
            if let dropped {
                log("The server has no wallet although this device synced sequence \(dropped); uploading this device's copy afresh.", .warning)
            }
        } catch {
            return .failed(.storageFailed(error.description))
        }
        return .pulled(.noRemoteWallet, hasLocalChanges: hasUnpushedChanges)
    }

    /// Compare-and-set upload of the stored working copy as the sequence after the stored base.
    func upload() async -> SyncMachine.Event {
        await refresh()
        guard let server = state.server, let account = state.account, let token = account.token else { return .tokenRefused }
        // A merge found meanwhile by another process: fetching reports it.
        if state.pending != nil { return .pushWasStale }
        if !hasUnpushedChanges, let base = state.base { return .pushed(sequence: base.sequence) }
        let sequence = (state.base?.sequence ?? 0) + 1
        let pushedKeys = localChanges.map(\.key)
        var document = state.base?.document ?? WalletDocument()
        document.preferences = state.preferences
        let renames = state.deviceRenames
        for (id, name) in renames { document.setDeviceName(name, for: id) }
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
        let pushed = SyncedWallet(sequence: sequence, document: document)
        do {
            // Only the base moves: edits made on disk since the upload was sealed stay local changes on top of it.
            try await write { state in
                if (state.base?.sequence ?? 0) < sequence { state.base = pushed }
                // Renames made since the upload was sealed stay pending.
                for (id, name) in renames where state.deviceRenames[id] == name { state.deviceRenames[id] = nil }
            }
        } catch {
            return .failed(.storageFailed(error.description))
        }
        latestRemoteSequence = max(latestRemoteSequence ?? 0, sequence)
        lastSync = configuration.now()
        log(pushedKeys.isEmpty ? "Pushed sequence \(sequence)."
            : "Pushed \(pushedKeys.count) change\(pushedKeys.count == 1 ? "" : "s") as sequence \(sequence): \(ActivityWords.keys(pushedKeys)).")
        return .pushed(sequence: sequence)
    }

    /// A remote failure as the machine's event: 401 asks for the password, anything else ends the round.
    func failure(_ error: any Error) -> SyncMachine.Event {
        guard let remote = error as? RemoteError else { return .failed(.serverUnreachable("\(error)")) }
        switch remote {
        case .unauthorized: return .tokenRefused
        case .refused: return .failed(.refused(remote.description))
        case .unreachable, .tls, .timedOut, .unexpected: return .failed(.serverUnreachable(remote.description))
        }
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
}
