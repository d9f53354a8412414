import Foundation
import TandemCrypto

extension SyncEngine {
    /// Local edits or device renames not on the server yet.
    var hasUnpushedChanges: Bool { !localChanges.isEmpty || !state.deviceRenames.isEmpty }

    /// Device names as this device knows them: the synced wallet's, with its own unpushed renames on top.
    var deviceNames: [String: String] {
        (state.base?.document.deviceNames ?? [:]).merging(state.deviceRenames) { _, renamed in renamed }
    }

    /// The account's devices from the server, joined with their names from the wallet; this device is marked.
    public func devices() async -> DeviceOutcome {
        await refresh()
        let (remote, token): (any DeviceRemote, String)
        switch deviceRemote() {
        case .success(let found): (remote, token) = found
        case .failure(let failure): return failure.outcome
        }
        let answer: RemoteAnswer<[RemoteDevice]>
        do {
            answer = try await timed { try await remote.devices(token: token) }
        } catch {
            return await outcome(of: error)
        }
        switch answer {
        case .done(let listed):
            let names = deviceNames
            let devices = listed.map { device in
                DeviceInfo(id: device.deviceID, name: names[device.deviceID], createdAt: device.createdAt,
                           lastSeenAt: device.lastSeenAt, isThisDevice: device.isCurrent || device.deviceID == state.deviceID)
            }
            return .listed(devices.sorted { lhs, rhs in
                if lhs.isThisDevice != rhs.isThisDevice { return lhs.isThisDevice }
                let (left, right) = (lhs.name ?? "", rhs.name ?? "")
                if left != right { return right.isEmpty || (!left.isEmpty && left.utf8.lexicographicallyPrecedes(right.utf8)) }
                return lhs.id.utf8.lexicographicallyPrecedes(rhs.id.utf8)
            })
        case .unavailable: return .unavailable
        case .noSuchDevice: return .noSuchDevice
        case .rateLimited(let seconds): return .rateLimited(retryAfter: seconds)
        }
    }

    /// Names device `id` in the wallet document: stored on disk before this returns (a local change like an edit),
    /// then pushed. A push that fails leaves the rename to go out with the next successful one.
    public func renameDevice(_ id: String, to name: String) async throws(EngineError) -> DeviceOutcome {
        guard !name.isEmpty else { return .emptyName }
        await refresh()
        guard state.account != nil else { return .notSignedIn }
        try await write { state in
            if state.base?.document.deviceNames[id] == name {
                state.deviceRenames[id] = nil
            } else {
                state.deviceRenames[id] = name
            }
        }
        log("Renamed device \(id) to \(name).")
        return .renamed(sync: await sync())
    }

    /// Revokes device `id` on the server. Revoking this device is a log-out: the server forgets its token and this
    /// device signs out, keeping its preferences as local changes.
    public func revokeDevice(_ id: String) async throws(EngineError) -> DeviceOutcome {
        await refresh()
        let (remote, token): (any DeviceRemote, String)
        switch deviceRemote() {
        case .success(let found): (remote, token) = found
        case .failure(let failure): return failure.outcome
        }
        let answer: RemoteAnswer<Bool>
        do {
            answer = try await timed { try await remote.revokeDevice(id, token: token) }
        } catch {
            return await outcome(of: error)
        }
        switch answer {
        case .done:
            guard id == state.deviceID else {
                log("Revoked device \(id).")
                return .revoked
            }
            try await signOutHere()
            log("Logged out: this device revoked itself; its preferences stay here as local changes.")
            return .loggedOut
        case .unavailable: return .unavailable
        case .noSuchDevice: return .noSuchDevice
        case .rateLimited(let seconds): return .rateLimited(retryAfter: seconds)
        }
    }

    /// Deletes the account on the server with the account's password (derived with its current salt seed). On
    /// success this device is signed out and keeps its preferences; other devices find out at their next request.
    public func deleteAccount(password: String) async throws(EngineError) -> DeviceOutcome {
        guard !password.isEmpty else { throw .emptyPassword }
        await refresh()
        guard let server = state.server, let account = state.account else { return .notSignedIn }
        let wallets = makeRemote(server)
        guard let remote = wallets as? any DeviceRemote else { return .unavailable }
        let seed: String
        do {
            seed = try await timed { try await wallets.clientSaltSeed(email: account.email) }
        } catch RemoteError.refused(status: 404, _) {
            try await signOutHere()
            return .signedOutByServer(.accountDeleted)
        } catch {
            return await outcome(of: error, passwordCheck: true)
        }
        let keys = try await derive(password: password, email: account.email, seed: seed, purpose: "Checking the password")
        let answer: RemoteAnswer<Bool>
        do {
            answer = try await timed { try await remote.deleteAccount(email: account.email, loginPassword: keys.loginPassword) }
        } catch {
            return await outcome(of: error, passwordCheck: true)
        }
        switch answer {
        case .done:
            try await signOutHere()
            log("Deleted the account \(account.email) on the server; this device's preferences stay here as local changes.")
            return .accountDeleted
        case .unavailable: return .unavailable
        case .noSuchDevice: return .refused("the server found no such device")
        case .rateLimited(let seconds): return .rateLimited(retryAfter: seconds)
        }
    }

    // MARK: The server ending this device's session

    /// A refused token: finds out why (the feed's close code, or the account's salt seed: gone means deleted,
    /// unchanged means this device was revoked, changed means the password changed elsewhere). A revoked device
    /// forgets its token and waits for a log-in with the (same) password, keeping its merge base; a device whose
    /// account was deleted signs out, keeping its preferences as local changes.
    func explainRefusedToken() async {
        let hint = feedSignOutHint
        feedSignOutHint = nil
        var reason = hint
        if reason == nil, let server = state.server, let account = state.account {
            do {
                let seed = try await makeRemote(server).clientSaltSeed(email: account.email)
                if seed == account.clientSaltSeed { reason = .deviceRevoked }
            } catch RemoteError.refused(status: 404, _) {
                reason = .accountDeleted
            } catch {
                // Unknown: treated like a password change (a log-in with the password tells).
            }
        }
        guard let reason else {
            stopFeed(status: .closedByServer("password changed"))
            log("The server no longer accepts this device's token: the password was probably changed on another device.", .warning)
            return
        }
        stopFeed(status: .closedByServer(reason == .accountDeleted ? "account deleted" : "device revoked"))
        do {
            if reason == .accountDeleted {
                try await signOutHere()
            } else {
                try await write { state in state.account?.token = nil }
            }
        } catch {
            return
        }
        serverSignOut = reason
        switch reason {
        case .deviceRevoked:
            log("This device was removed from the account (revoked on another device, or its session ended); log in again to sync. Its preferences stay.", .warning)
        case .accountDeleted:
            log("The account was deleted; this device is signed out and keeps its preferences.", .warning)
        }
        publish()
    }

    /// Forgets the account, keys, token, merge base, pending merge and renames; preferences stay as local changes.
    func signOutHere() async throws(EngineError) {
        stopFeed(status: .off)
        try await write { state in
            state.account = nil
            state.base = nil
            state.pending = nil
            state.deviceRenames = [:]
        }
        latestRemoteSequence = nil
    }

    // MARK: Helpers

    private func deviceRemote() -> Result<(any DeviceRemote, String), DeviceFailure> {
        guard let server = state.server, let account = state.account else { return .failure(DeviceFailure(.notSignedIn)) }
        guard let token = account.token else { return .failure(DeviceFailure(.needsPassword)) }
        guard let remote = makeRemote(server) as? any DeviceRemote else { return .failure(DeviceFailure(.unavailable)) }
        return .success((remote, token))
    }

    /// A thrown remote failure as an outcome; a refused token is explained (and may sign this device out).
    private func outcome(of error: any Error, passwordCheck: Bool = false) async -> DeviceOutcome {
        guard let remote = error as? RemoteError else { return .serverUnreachable("\(error)") }
        switch remote {
        case .unauthorized where passwordCheck:
            return .wrongPassword
        case .unauthorized:
            _ = await request(.tokenRefused)
            return serverSignOut.map { .signedOutByServer($0) } ?? .needsPassword
        case .refused(429, _): return .rateLimited(retryAfter: nil)
        case .refused: return .refused(remote.description)
        case .unreachable, .tls, .timedOut, .unexpected: return .serverUnreachable(remote.description)
        }
    }
}

/// A `DeviceOutcome` as a `Result`'s failure.
struct DeviceFailure: Error {
    let outcome: DeviceOutcome
    init(_ outcome: DeviceOutcome) { self.outcome = outcome }
}
