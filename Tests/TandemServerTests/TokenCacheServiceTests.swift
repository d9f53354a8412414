import Foundation
import Logging
import Synchronization
import TandemServerCore
import TandemStoreSQLite
import TandemWire
import Testing

/// `GET /wallet` through `AccountService` with its token cache on a real SQLite file: every change that ends a token
/// is refused by the next request, even though the token was cached; a fill racing a log-out does not put the token
/// back; unknown tokens are never remembered.
struct TokenCacheServiceTests {
    /// A service on a fresh SQLite file, with a clock the test moves and a store that can hold a token read.
    struct Fixture {
        let service: AccountService
        let store: PausingStore
        let clock = TestClock()
        let directory: URL

        init() throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("tandem-cache-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            store = PausingStore(base: try SQLiteAccountStore(path: directory.appendingPathComponent("server.sqlite").path))
            let clock = clock
            service = try AccountService(
                store: store, mode: .allowAll, hasher: PasswordHasher(cost: .reducedForTesting(log2N: 10)),
                mailer: RecordingMailer(), events: Ignoring(), publicURL: "http://127.0.0.1", logger: Logger(label: "test"),
                now: { clock.now })
        }

        func signUpAndLogIn(_ devices: String...) async throws -> [String] {
            _ = try await service.signup(SignupRequest(email: email, password: password, clientSaltSeed: seed))
            return try await devices.asyncMap { try await logIn($0) }
        }

        func logIn(_ device: String, password: String = Fixture.password) async throws -> String {
            try await service.logIn(AuthRequest(deviceId: device, email: email, password: password)).token
        }

        /// The status `GET /wallet` would answer.
        func get(_ token: String) async -> Int {
            do {
                _ = try await service.walletAnswer(token: token)
                return 200
            } catch ServiceFailure.unauthorized {
                return 401
            } catch ServiceFailure.notFound {
                return 404
            } catch {
                return 500
            }
        }

        let email = "joe@example.com"
        static let password = "login-password-1"
        var password: String { Self.password }
        let seed = String(repeating: "5e", count: 32)
    }

    struct Ignoring: AccountEventPublisher {
        func publish(_ event: AccountEvent) async {}
    }

    enum TokenEnd: String, CaseIterable, CustomStringConvertible {
        case revokedByAnotherDevice, loggedOut, passwordChanged, accountDeleted, sameDeviceLoggedInAgain, expired
        var description: String { rawValue }
    }

    @Test(arguments: TokenEnd.allCases)
    func aCachedTokenIsRefusedAsSoonAsItEnds(_ end: TokenEnd) async throws {
        let fixture = try Fixture()
        defer { try? FileManager.default.removeItem(at: fixture.directory) }
        let tokens = try await fixture.signUpAndLogIn("laptop", "phone")
        let (laptop, phone) = (tokens[0], tokens[1])
        try await fixture.service.uploadWallet(WalletUploadRequest(
            token: laptop, wallet: WalletPayload(encryptedWallet: "w1", sequence: 1, hmac: "h1")))
        #expect(await fixture.get(laptop) == 200)
        let reads = fixture.store.tokenReads
        #expect(await fixture.get(laptop) == 200)
        #expect(fixture.store.tokenReads == reads, "the second request is answered from the cache")

        switch end {
        case .revokedByAnotherDevice:
            try await fixture.service.revokeDevice(DeviceRevocationRequest(token: phone, deviceId: "laptop"))
        case .loggedOut:
            try await fixture.service.logOut(LogoutRequest(token: laptop))
        case .passwordChanged:
            try await fixture.service.changePassword(PasswordChangeRequest(
                email: fixture.email, oldPassword: fixture.password, newPassword: "login-password-2",
                clientSaltSeed: String(repeating: "6f", count: 32),
                wallet: WalletPayload(encryptedWallet: "w2", sequence: 2, hmac: "h2")))
        case .accountDeleted:
            try await fixture.service.deleteAccount(AccountDeletionRequest(email: fixture.email, password: fixture.password))
        case .sameDeviceLoggedInAgain:
            _ = try await fixture.logIn("laptop")
        case .expired:
            fixture.clock.advance(by: AccountService.tokenLifetime + 1)
        }
        #expect(await fixture.get(laptop) == 401, "the \(end) token still worked")
    }

    @Test func aFillRacingALogOutDoesNotPutTheTokenBack() async throws {
        let fixture = try Fixture()
        defer { try? FileManager.default.removeItem(at: fixture.directory) }
        let laptop = try await fixture.signUpAndLogIn("laptop")[0]
        // The first GET reads the store while the token is live, and is held before it fills the cache.
        fixture.store.holdNextTokenRead()
        let first = Task { await fixture.get(laptop) }
        await fixture.store.waitUntilHeld()
        try await fixture.service.logOut(LogoutRequest(token: laptop))
        fixture.store.release()
        #expect(await first.value == 404, "the request that read before the log-out is answered (no wallet yet)")
        #expect(await fixture.get(laptop) == 401, "its late fill did not bring the logged-out token back")
    }

    @Test func unknownTokensAreNeverRemembered() async throws {
        let fixture = try Fixture()
        defer { try? FileManager.default.removeItem(at: fixture.directory) }
        let laptop = try await fixture.signUpAndLogIn("laptop")[0]
        for _ in 0..<500 {
            #expect(await fixture.get(AccessTokenForTests.random()) == 401)
        }
        #expect(fixture.service.tokenCache.counts.tokens == 0)
        #expect(await fixture.get(laptop) == 404)
        #expect(fixture.service.tokenCache.counts.tokens == 1, "only the live token is kept")
    }

    @Test func aWriteIsAnsweredAtOnceByTheNextRead() async throws {
        let fixture = try Fixture()
        defer { try? FileManager.default.removeItem(at: fixture.directory) }
        let tokens = try await fixture.signUpAndLogIn("laptop", "phone")
        #expect(await fixture.get(tokens[1]) == 404, "no wallet yet, and the phone's token is now cached")
        for sequence: UInt32 in 1...5 {
            try await fixture.service.uploadWallet(WalletUploadRequest(
                token: tokens[0], wallet: WalletPayload(encryptedWallet: "w\(sequence)", sequence: sequence, hmac: "h")))
            let answer = try await fixture.service.walletAnswer(token: tokens[1])
            let decoded = try JSONDecoder().decode(WalletPayload.self, from: Data(answer))
            #expect(decoded.sequence == sequence, "a GET after an acknowledged write never answers an older wallet")
        }
    }
}

final class TestClock: Sendable {
    private let date = Mutex(Date())
    var now: Date { date.withLock { $0 } }
    func advance(by seconds: TimeInterval) { date.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

enum AccessTokenForTests {
    static func random() -> String {
        (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
    }
}

extension Array {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var result: [T] = []
        for element in self { result.append(try await transform(element)) }
        return result
    }
}

/// A SQLite store that counts token reads of `GET /wallet` and can hold one after it has read, so that a test can
/// change the token between the read and the cache fill.
final class PausingStore: ForwardingAccountStore {
    let base: SQLiteAccountStore
    private struct State {
        var reads = 0
        var holding = false
        var held: CheckedContinuation<Void, Never>?
        var heldSignal: CheckedContinuation<Void, Never>?
    }
    private let state = Mutex(State())

    init(base: SQLiteAccountStore) { self.base = base }

    var tokenReads: Int { state.withLock { $0.reads } }

    func holdNextTokenRead() { state.withLock { $0.holding = true } }

    func waitUntilHeld() async {
        await withCheckedContinuation { continuation in
            let alreadyHeld = state.withLock { state in
                if state.held != nil { return true }
                state.heldSignal = continuation
                return false
            }
            if alreadyHeld { continuation.resume() }
        }
    }

    func release() {
        let held = state.withLock { state in
            defer { state.held = nil }
            return state.held
        }
        held?.resume()
    }

    func wallet(forTokenDigest digest: String, now: Date) async throws -> TokenWallet? {
        let found = try await base.wallet(forTokenDigest: digest, now: now)
        let hold = state.withLock { state in
            state.reads += 1
            defer { state.holding = false }
            return state.holding
        }
        if hold {
            await withCheckedContinuation { continuation in
                let signal = state.withLock { state in
                    state.held = continuation
                    defer { state.heldSignal = nil }
                    return state.heldSignal
                }
                signal?.resume()
            }
        }
        return found
    }
}
