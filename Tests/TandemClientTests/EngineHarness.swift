import Foundation
import TandemClient
import TandemCore
import TandemCrypto
import Testing

/// Engines of one account against an in-process server; keys are derived at the lowest cost the protocol allows.
struct EngineHarness {
    let server: URL
    let email = "device-\(UUID().uuidString.prefix(8).lowercased())@example.com"
    static let password = "correct horse"

    var url: String { server.absoluteString }

    /// An engine on `store` (a new in-memory profile by default) that talks to the server through `remote`.
    func engine(_ store: any SyncStateStore = MemorySyncStateStore(),
                remote: (@Sendable (HTTPWalletRemote) -> any WalletRemote)? = nil, feed: (any UpdateFeed)? = nil,
                configure: (inout SyncEngine.Configuration) -> Void = { _ in }) async throws -> SyncEngine {
        var configuration = SyncEngine.Configuration()
        configuration.keyDerivationCost = .reducedForTesting(log2N: 10)
        configure(&configuration)
        var makeFeed: (@Sendable (String) -> any UpdateFeed)?
        if let feed { makeFeed = { _ in feed } }
        return try await SyncEngine(store: store, makeRemote: { url in
            let http = HTTPWalletRemote(server: URL(string: url)!, timeout: 120)
            return remote?(http) ?? http
        }, makeFeed: makeFeed, configuration: configuration)
    }

    /// Registers the account on the first engine and logs the others in.
    func signIn(_ engines: SyncEngine...) async throws {
        let first = try await engines[0].register(server: url, email: email, password: Self.password)
        #expect(first == .signedIn(email: email, sync: .upToDate(sequence: nil)))
        for engine in engines.dropFirst() {
            let outcome = try await engine.logIn(server: url, email: email, password: Self.password)
            #expect(outcome.isSuccess, "\(outcome)")
        }
    }

    /// Runs `body` against a fresh server.
    static func run(_ body: @Sendable (EngineHarness) async throws -> Void) async throws {
        try await LiveServer.run { server in try await body(EngineHarness(server: server)) }
    }
}

extension SyncEngine {
    /// The working copy as plain text pairs (for readable expectations).
    var preferences: Preferences { snapshot.preferences }

    /// Waits (up to `seconds`) until a snapshot satisfies `condition`; records an issue if none does.
    func waitUntil(_ what: String, seconds: Double = 10, sourceLocation: SourceLocation = #_sourceLocation,
                   _ condition: @escaping @Sendable (SyncSnapshot) -> Bool) async {
        let snapshots = snapshots()
        let found = await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                for await snapshot in snapshots where condition(snapshot) { return true }
                return false
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(seconds))
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
        if !found { Issue.record("timed out waiting until \(what)", sourceLocation: sourceLocation) }
    }
}

/// A `WalletRemote` that passes requests to the real server unless a test's hooks step in.
final class InterceptingRemote: WalletRemote {
    struct Hooks: Sendable {
        /// Runs before every GET /wallet (a test may hold the request here).
        var beforeWallet: @Sendable () async -> Void = {}
        /// Replaces the server's wallet answer.
        var wallet: (@Sendable (SealedWallet?) -> SealedWallet?)?
        /// Answers an upload instead of the server when it returns non-nil.
        var upload: (@Sendable (SealedWallet) async -> UploadOutcome?)?
        /// Fails an upload with this error instead of sending it, when it returns non-nil.
        var uploadFailure: (@Sendable () -> RemoteError?)?
        /// Runs before every password change request.
        var beforePasswordChange: @Sendable () async -> Void = {}
    }

    let inner: HTTPWalletRemote
    let hooks: Hooks

    init(_ inner: HTTPWalletRemote, _ hooks: Hooks) {
        self.inner = inner
        self.hooks = hooks
    }

    func signup(email: String, loginPassword: String, clientSaltSeed: String) async throws(RemoteError) -> SignupOutcome {
        try await inner.signup(email: email, loginPassword: loginPassword, clientSaltSeed: clientSaltSeed)
    }

    func clientSaltSeed(email: String) async throws(RemoteError) -> String {
        try await inner.clientSaltSeed(email: email)
    }

    func logIn(email: String, loginPassword: String, deviceID: String) async throws(RemoteError) -> String {
        try await inner.logIn(email: email, loginPassword: loginPassword, deviceID: deviceID)
    }

    func wallet(token: String) async throws(RemoteError) -> SealedWallet? {
        await hooks.beforeWallet()
        let answer = try await inner.wallet(token: token)
        return hooks.wallet.map { $0(answer) } ?? answer
    }

    func upload(_ wallet: SealedWallet, token: String) async throws(RemoteError) -> UploadOutcome {
        if let failure = hooks.uploadFailure?() { throw failure }
        if let upload = hooks.upload, let outcome = await upload(wallet) { return outcome }
        return try await inner.upload(wallet, token: token)
    }

    func changePassword(email: String, oldLoginPassword: String, newLoginPassword: String, clientSaltSeed: String,
                        wallet: SealedWallet?) async throws(RemoteError) -> UploadOutcome {
        await hooks.beforePasswordChange()
        return try await inner.changePassword(email: email, oldLoginPassword: oldLoginPassword, newLoginPassword: newLoginPassword,
                                              clientSaltSeed: clientSaltSeed, wallet: wallet)
    }
}
