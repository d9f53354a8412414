import Foundation
import TandemCrypto
import TandemWire

extension SyncEngine {
    /// Creates an account: a fresh salt seed, keys derived from `password`, signup, and log-in when the server
    /// verifies at once. Nothing is stored unless the server accepted the signup.
    public func register(server: String, email: String, password: String) async throws(EngineError) -> AccountOutcome {
        try check(email: email, password: password)
        let remote = makeRemote(server)
        let seed = SaltSeed.generate()
        let keys = try await derive(password: password, email: email, seed: seed, purpose: "Deriving keys for the new account")
        let signup: SignupOutcome
        do {
            signup = try await timed { try await remote.signup(email: email, loginPassword: keys.loginPassword, clientSaltSeed: seed) }
        } catch {
            return Self.outcome(of: error)
        }
        guard signup == .verified else {
            // A device without an account remembers the new one, so the log-in after verification needs no URL.
            try await write { state in
                guard state.account == nil else { return }
                state.account = DeviceAccount(email: email, clientSaltSeed: seed, keys: keys, token: nil)
                state.server = server
            }
            log("Account created for \(email); it waits for the link in the verification mail.")
            return .verificationPending
        }
        log("Account created for \(email).")
        return try await signIn(server: server, email: email, seed: seed, keys: keys)
    }

    /// Logs in with the account's current salt seed (fetched from the server) and the root password. Keys, token,
    /// server and (for another account or server) a fresh merge base are stored only once the server said yes.
    public func logIn(server: String, email: String, password: String) async throws(EngineError) -> AccountOutcome {
        try check(email: email, password: password)
        let seed: String
        do {
            seed = try await timed { try await makeRemote(server).clientSaltSeed(email: email) }
        } catch {
            return Self.outcome(of: error)
        }
        let keys = try await derive(password: password, email: email, seed: seed, purpose: "Deriving keys")
        return try await signIn(server: server, email: email, seed: seed, keys: keys)
    }

    /// After the password changed on another device: log in again with the new password.
    public func adoptNewPassword(_ password: String) async throws(EngineError) -> AccountOutcome {
        guard let server = state.server, let account = state.account else { return .notSignedIn }
        return try await logIn(server: server, email: account.email, password: password)
    }

    /// Changes the password, re-encrypting the wallet under the new keys; refuses while local changes are unpushed
    /// or a merge waits. Catches up with the server first and retries (bounded) when another device writes meanwhile.
    public func changePassword(old: String, new: String) async throws(EngineError) -> AccountOutcome {
        await refresh()
        guard let account = state.account, account.token != nil else { return .notSignedIn }
        guard !new.isEmpty, !old.isEmpty else { throw .emptyPassword }
        if state.pending != nil { return .conflictsWaiting(count: unresolvedCount) }
        if !localChanges.isEmpty { return .unpushedChanges(count: localChanges.count) }
        let oldKeys = try await derive(password: old, email: account.email, seed: account.clientSaltSeed, purpose: "Checking the old password")
        guard oldKeys == account.keys else { return .wrongPassword }
        let seed = SaltSeed.generate()
        let keys = try await derive(password: new, email: account.email, seed: seed, purpose: "Deriving the new keys")
        passwordChange = PasswordChangeKeys(old: oldKeys, new: keys, seed: seed)
        defer { passwordChange = nil }
        // Our own socket is about to be closed with 4001; that is not news to this device.
        stopFeed(status: .off)
        let end = await request(.passwordChangeRequested)
        if wantsFeed { startFeed() }
        switch end {
        case .passwordChange(.changed):
            log("Password changed; every other device must enter the new password.")
            return .passwordChanged(sync: await pull())
        case .passwordChange(.unpushedChanges): return .unpushedChanges(count: localChanges.count)
        case .passwordChange(.conflictsWaiting): return .conflictsWaiting(count: unresolvedCount)
        case .passwordChange(.failed(let outcome)), .sync(let outcome): return .syncFailed(outcome)
        }
    }

    /// Points the device at another server. A device signed in elsewhere is signed out first (account, keys, token,
    /// merge base and pending merge are dropped; its preferences stay as local changes to merge at the next log-in).
    public func changeServer(_ server: String) async throws(EngineError) -> AccountOutcome {
        await refresh()
        guard server != state.server else { return .serverChanged(signedOut: false) }
        let signedOut = state.account != nil
        // Before the session ends: the server closes its socket (4002), which is no news to this device.
        stopFeed(status: .off)
        if signedOut {
            await endSessionOnServer()
            try await signOutHere()
        }
        try await write { state in state.server = server }
        latestRemoteSequence = nil
        log(signedOut ? "Signed out and now using \(server); the preferences here stay as local changes." : "Now using \(server).")
        return .serverChanged(signedOut: signedOut)
    }

    /// Ends the session on the server, then forgets the account, its keys and token, the merge base, any pending
    /// merge and unpushed renames; preferences stay as local changes.
    public func logOut() async throws(EngineError) -> AccountOutcome {
        await refresh()
        let email = state.account?.email
        // Before the session ends: the server closes its socket (4002), which is no news to this device.
        stopFeed(status: .off)
        await endSessionOnServer()
        try await signOutHere()
        log("Logged out\(email.map { " of \($0)" } ?? "").")
        return .loggedOut
    }

    /// Asks the server to forget this device's token (`POST /logout`), so a copy of the profile stops working too.
    /// The device signs out whatever the answer; when the token may still be valid on the server, it says so.
    private func endSessionOnServer() async {
        guard let server = state.server, let token = state.account?.token else { return }
        let stays = "its token stays valid there until it expires or another device revokes this one (tandem devices revoke)"
        guard let remote = makeRemote(server) as? any DeviceRemote else {
            log("This server cannot end sessions; \(stays).")
            return
        }
        let answer: RemoteAnswer<Bool>
        do {
            answer = try await timed { try await remote.logOut(token: token) }
        } catch RemoteError.unauthorized {
            return  // Already ended (revoked, password changed, expired): nothing left to end.
        } catch {
            log("Could not end the session on the server (\(error)); \(stays).", .warning)
            return
        }
        switch answer {
        case .done, .noSuchDevice: return
        case .unavailable: log("This server cannot end sessions (an LBRY server); \(stays).")
        case .rateLimited: log("The server refused to end the session for now (too many requests); \(stays).", .warning)
        }
    }

    // MARK: Helpers

    private func check(email: String, password: String) throws(EngineError) {
        guard FieldValidation.isBareEmail(email) else { throw .invalidEmail(email) }
        guard !password.isEmpty else { throw .emptyPassword }
    }

    /// Gets a token with `keys`; only then stores the account (a different account or server starts from no merge
    /// base, keeping the preferences as local changes) and pulls.
    private func signIn(server: String, email: String, seed: String, keys: DerivedKeys) async throws(EngineError) -> AccountOutcome {
        let token: String
        do {
            token = try await timed {
                try await makeRemote(server).logIn(email: email, loginPassword: keys.loginPassword, deviceID: state.deviceID)
            }
        } catch {
            return Self.outcome(of: error)
        }
        let account = DeviceAccount(email: email, clientSaltSeed: seed, keys: keys, token: token)
        try await write { state in
            let sameAccount = state.account.map { FieldValidation.emailKey($0.email) == FieldValidation.emailKey(email) } ?? false
            if !(sameAccount && state.server == server) {
                state.base = nil
                state.pending = nil
            }
            state.account = account
            state.server = server
        }
        serverSignOut = nil
        log("Logged in as \(email) on \(server).")
        stopFeed(status: .off)
        if wantsFeed { startFeed() }
        return .signedIn(email: email, sync: await pull())
    }

    /// The password-change round's log-in with the new keys, which are stored first: the server already took them.
    func signInWithNewKeys() async -> SyncMachine.Event {
        guard let change = passwordChange, let server = state.server, let email = state.account?.email else { return .tokenRefused }
        do {
            let token = try await timed {
                try await makeRemote(server).logIn(email: email, loginPassword: change.new.loginPassword, deviceID: state.deviceID)
            }
            try await write { state in state.account?.token = token }
            return .signedIn
        } catch let error as EngineError {
            return .failed(.storageFailed(error.description))
        } catch {
            return failure(error)
        }
    }

    /// Sends the password change with the stored base re-encrypted under the new keys as the next sequence; when the
    /// server accepts, stores the new keys (without a token until the log-in that follows) and that base.
    func uploadPasswordChange() async -> SyncMachine.Event {
        guard let change = passwordChange, let server = state.server, let account = state.account else { return .tokenRefused }
        let next = state.base.map { SyncedWallet(sequence: $0.sequence + 1, document: $0.document) }
        let outcome: UploadOutcome
        do {
            let wallet = try next.map { try SealedWallet.seal($0.document, sequence: $0.sequence, keys: change.new) }
            outcome = try await timed {
                try await makeRemote(server).changePassword(email: account.email, oldLoginPassword: change.old.loginPassword,
                                                            newLoginPassword: change.new.loginPassword, clientSaltSeed: change.seed,
                                                            wallet: wallet)
            }
        } catch {
            return failure(error)
        }
        guard outcome == .accepted else {
            log("Another device wrote while the password was being changed; catching up before trying again.")
            return .passwordChangeWasStale
        }
        let newAccount = DeviceAccount(email: account.email, clientSaltSeed: change.seed, keys: change.new, token: nil)
        do {
            try await write { state in
                if let next, (state.base?.sequence ?? 0) < next.sequence { state.base = next }
                state.account = newAccount
            }
        } catch {
            return .failed(.storageFailed(error.description))
        }
        return .passwordChangeAccepted
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

    /// A remote failure during an account intent, as that intent's outcome.
    private static func outcome(of error: any Error) -> AccountOutcome {
        guard let remote = error as? RemoteError else { return .serverUnreachable("\(error)") }
        switch remote {
        case .unauthorized(let message) where message.contains("not verified"): return .accountNotVerified
        case .unauthorized: return .wrongPassword
        case .refused(404, _): return .accountNotFound
        case .refused(409, _): return .emailTaken
        case .refused: return .refused(remote.description)
        case .unreachable, .tls, .timedOut, .unexpected: return .serverUnreachable(remote.description)
        }
    }
}
