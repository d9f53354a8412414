import Foundation
import TandemCrypto
import TandemWire

extension SyncEngine {
    /// Creates an account: a fresh salt seed, keys derived from `password`, signup, and login when the server
    /// verifies at once.
    public func register(server: String, email: String, password: String) async throws(EngineError) {
        try check(email: email, password: password)
        let remote = makeRemote(server)
        let seed = SaltSeed.generate()
        let keys = try await derive(password: password, email: email, seed: seed, purpose: "Deriving keys for the new account")
        let outcome: SignupOutcome
        do {
            outcome = try await timed { try await remote.signup(email: email, loginPassword: keys.loginPassword, clientSaltSeed: seed) }
        } catch {
            throw Self.explain(error, email: email)
        }
        try await adopt(DeviceAccount(email: email, clientSaltSeed: seed, keys: keys, token: nil), server: server)
        guard outcome == .verified else {
            log("Account created for \(email). Follow the link in the verification mail, then log in.")
            return
        }
        log("Account created for \(email).")
        try await signIn(keys: keys)
    }

    /// Logs in with the account's current salt seed (fetched from the server) and the root password.
    public func logIn(server: String, email: String, password: String) async throws(EngineError) {
        try check(email: email, password: password)
        let remote = makeRemote(server)
        let seed: String
        do {
            seed = try await timed { try await remote.clientSaltSeed(email: email) }
        } catch {
            throw Self.explain(error, email: email)
        }
        let keys = try await derive(password: password, email: email, seed: seed, purpose: "Deriving keys")
        try await adopt(DeviceAccount(email: email, clientSaltSeed: seed, keys: keys, token: nil), server: server)
        try await signIn(keys: keys)
    }

    /// After the password changed on another device: derive from the new salt seed and log in again.
    public func adoptNewPassword(_ password: String) async throws(EngineError) {
        guard let server = state.server, let account = state.account else { throw .notSignedIn }
        try await logIn(server: server, email: account.email, password: password)
    }

    /// Changes the password, re-encrypting the wallet under the new keys; refuses while local changes are unpushed.
    public func changePassword(old: String, new: String) async throws(EngineError) {
        guard let server = state.server, let account = state.account, account.token != nil else { throw .notSignedIn }
        guard !new.isEmpty else { throw .emptyPassword }
        await pull()
        if let pending = state.pending { throw .pendingConflicts(pending.merge.unresolved.count) }
        guard state.localChanges.isEmpty else { throw .unpushedChanges(state.localChanges.count) }
        let oldKeys = try await derive(password: old, email: account.email, seed: account.clientSaltSeed, purpose: "Checking the old password")
        guard oldKeys == account.keys else { throw .wrongPassword }
        let seed = SaltSeed.generate()
        let keys = try await derive(password: new, email: account.email, seed: seed, purpose: "Deriving the new keys")
        // Our own socket is about to be closed with 4001; that is not news to this device.
        stopWatching(status: .off)
        let remote = makeRemote(server)
        var next = state.base.map { SyncedWallet(sequence: $0.sequence + 1, document: $0.document) }
        for attempt in 1...SyncMachine.maximumAttempts {
            let outcome: UploadOutcome
            do {
                let wallet = try next.map { try SealedWallet.seal($0.document, sequence: $0.sequence, keys: keys) }
                outcome = try await timed {
                    try await remote.changePassword(email: account.email, oldLoginPassword: oldKeys.loginPassword,
                                                    newLoginPassword: keys.loginPassword, clientSaltSeed: seed, wallet: wallet)
                }
            } catch {
                throw Self.explain(error, email: account.email)
            }
            if outcome == .accepted { break }
            // Another device wrote in between: catch up (refusing if that brought conflicts or changes) and retry.
            guard attempt < SyncMachine.maximumAttempts else { throw .remote(.refused(status: 409, message: "the wallet keeps changing")) }
            await pull()
            if let pending = state.pending { throw .pendingConflicts(pending.merge.unresolved.count) }
            guard state.localChanges.isEmpty else { throw .unpushedChanges(state.localChanges.count) }
            next = state.base.map { SyncedWallet(sequence: $0.sequence + 1, document: $0.document) }
        }
        try await persist { try await store.saveSync(base: next, preferences: state.preferences, pending: nil) }
        state.base = next
        try await adopt(DeviceAccount(email: account.email, clientSaltSeed: seed, keys: keys, token: nil), server: server)
        log("Password changed; every other device must enter the new password.")
        try await signIn(keys: keys)
    }

    /// Forgets the account, its keys and token, and the merge base; local preferences stay on the device.
    public func logOut() async throws(EngineError) {
        stopWatching(status: .off)
        try await persist {
            try await store.saveAccount(nil, server: state.server)
            try await store.saveSync(base: nil, preferences: state.preferences, pending: nil)
        }
        let email = state.account?.email
        state.account = nil
        state.base = nil
        state.pending = nil
        latestRemoteSequence = nil
        await run(.signedOut)
        log("Logged out\(email.map { " of \($0)" } ?? "").")
    }

    // MARK: Helpers

    private func check(email: String, password: String) throws(EngineError) {
        guard FieldValidation.isBareEmail(email) else { throw .invalidEmail(email) }
        guard !password.isEmpty else { throw .emptyPassword }
    }

    /// Stores a (new) account; a different account or server starts from no merge base, keeping local preferences.
    private func adopt(_ account: DeviceAccount, server: String) async throws(EngineError) {
        let sameAccount = state.account.map { FieldValidation.emailKey($0.email) == FieldValidation.emailKey(account.email) } ?? false
        if !(sameAccount && state.server == server), state.base != nil || state.pending != nil {
            try await persist { try await store.saveSync(base: nil, preferences: state.preferences, pending: nil) }
            state.base = nil
            state.pending = nil
        }
        try await persist { try await store.saveAccount(account, server: server) }
        state.account = account
        state.server = server
        publish()
    }

    /// Gets this device's token with `keys` and starts syncing.
    private func signIn(keys: DerivedKeys) async throws(EngineError) {
        guard let server = state.server, var account = state.account else { throw .notSignedIn }
        do {
            account.token = try await timed {
                try await makeRemote(server).logIn(email: account.email, loginPassword: keys.loginPassword, deviceID: state.deviceID)
            }
        } catch {
            throw Self.explain(error, email: account.email)
        }
        try await persist { try await store.saveAccount(account, server: server) }
        state.account = account
        log("Logged in as \(account.email) on \(server).")
        await run(.signedIn)
        if wantsFeed { startFeed() }
        await pull()
    }

    func derive(password: String, email: String, seed: String, purpose: String) async throws(EngineError) -> DerivedKeys {
        derivation = DerivationStatus(purpose: purpose, fraction: nil)
        publish()
        defer {
            derivation = nil
            publish()
        }
        do {
            return try await KeyDerivation.deriveKeys(password: password, email: email, clientSaltSeed: seed,
                                                      cost: configuration.keyDerivationCost) { [weak self] progress in
                Task { await self?.derivationProgressed(progress) }
            }
        } catch {
            throw .keyDerivation(error.description)
        }
    }

    private func derivationProgressed(_ progress: KeyDerivation.Progress) {
        guard derivation != nil, case .fraction(let fraction) = progress else { return }
        derivation?.fraction = fraction
        publish()
    }

    /// A remote failure during an account intent, in the words of that intent.
    private static func explain(_ error: any Error, email: String) -> EngineError {
        guard let remote = error as? RemoteError else { return .storage("\(error)") }
        switch remote {
        case .unauthorized(let message) where message.contains("not verified"): return .accountNotVerified
        case .unauthorized: return .wrongPassword
        case .refused(404, _): return .accountNotFound(email)
        case .refused(409, _): return .emailTaken(email)
        default: return .remote(remote)
        }
    }
}
