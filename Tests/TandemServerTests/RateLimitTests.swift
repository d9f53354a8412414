import Foundation
import Logging
import TandemCrypto
import TandemServerCore
import TandemWire
import Testing

/// The service's limits, with clients told apart by address as the HTTP layer does.
@Suite struct RateLimitTests {
    static let attacker = RequestOrigin(address: "203.0.113.7")
    static let owner = RequestOrigin(address: "198.51.100.1")

    func service(_ limits: RateLimits) throws -> AccountService {
        try AccountService(store: MemoryAccountStore(), mode: .allowAll,
                           hasher: PasswordHasher(cost: .reducedForTesting(log2N: 10)), mailer: RecordingMailer(),
                           events: NoEvents(), publicURL: "http://localhost", logger: Logger(label: "test"), limits: limits)
    }

    func login(_ password: String) -> AuthRequest {
        try! AuthRequest(body: Array(#"{"deviceId":"d","email":"joe@example.com","password":"\#(password)"}"#.utf8))
    }

    @Test func aGuesserElsewhereCannotLockTheOwnerOut() async throws {
        let service = try service(.standard)
        _ = try await service.signup(try SignupRequest(body: Array(
            #"{"email":"joe@example.com","password":"right-password","clientSaltSeed":"\#(String(repeating: "ab", count: 32))"}"#.utf8)))
        // Six addresses guess six times each: each runs out of its own failures, together they empty the account's.
        var refusal: ServiceFailure?
        for origin in (1...6).map({ RequestOrigin(address: "203.0.113.\($0)") }) + [Self.attacker] {
            for _ in 0..<6 {
                do {
                    _ = try await service.logIn(login("wrong-password"), from: origin)
                } catch let failure as ServiceFailure {
                    if failure != .noMatch { refusal = failure }
                }
            }
        }
        guard case .tooManyRequests(let detail, let retryAfter) = refusal else {
            Issue.record("guessing was never limited")
            return
        }
        #expect(detail == "Too many failed log-ins for this account")
        #expect(retryAfter > 0)
        let response = try await service.logIn(login("right-password"), from: Self.owner)
        #expect(!response.token.isEmpty, "the owner's clean address still logs in")
        await #expect(throws: ServiceFailure.self) { _ = try await service.logIn(login("wrong-password"), from: Self.attacker) }
    }

    @Test func saltSeedLookupsAreLimitedPerAddress() async throws {
        var limits = RateLimits.off
        limits.saltSeedLookupsPerAddress = RateLimit(3, per: .seconds(60))
        let service = try service(limits)
        let email = Data("nobody@example.com".utf8).base64EncodedString()
        for _ in 0..<3 {
            await #expect(throws: ServiceFailure.notFound("No match for email")) {
                _ = try await service.clientSaltSeed(emailParameter: email, from: Self.attacker)
            }
        }
        await #expect(throws: ServiceFailure.tooManyRequests("Too many salt seed lookups from this address", retryAfter: 20)) {
            _ = try await service.clientSaltSeed(emailParameter: email, from: Self.attacker)
        }
        await #expect(throws: ServiceFailure.notFound("No match for email"), "another address is not limited") {
            _ = try await service.clientSaltSeed(emailParameter: email, from: Self.owner)
        }
    }

    @Test func limitsParseAndPrintAlike() {
        for text in ["10/h", "5/15min", "60/min", "100/10s"] { #expect(RateLimit(parsing: text)?.description == text) }
        for text in ["", "10", "0/h", "10/", "10/fortnight", "-1/min", "5/0min"] { #expect(RateLimit(parsing: text) == nil) }
    }
}

/// Publishes nothing: these tests have no sockets.
struct NoEvents: AccountEventPublisher {
    func publish(_ event: AccountEvent) async {}
}

/// `--hide-accounts`: an unknown email looks like a known one to a salt-seed lookup.
@Suite struct HiddenAccountTests {
    @Test func unknownEmailsGetAStableSeedThatLooksReal() async throws {
        let store = MemoryAccountStore()
        let service = try AccountService(store: store, mode: .allowAll, hasher: PasswordHasher(cost: .reducedForTesting(log2N: 10)),
                                         mailer: RecordingMailer(), events: NoEvents(), publicURL: "http://localhost",
                                         logger: Logger(label: "test"), hidesAccounts: true)
        func seed(_ email: String) async throws -> String {
            try await service.clientSaltSeed(emailParameter: Data(email.utf8).base64EncodedString()).clientSaltSeed
        }
        let unknown = try await seed("nobody@example.com")
        #expect(unknown.count == 64 && unknown.allSatisfy(\.isHexDigit))
        #expect(try await seed("Nobody@Example.com") == unknown, "stable, and by lower-cased email")
        #expect(try await seed("other@example.com") != unknown)
        _ = try await service.signup(try SignupRequest(body: Array(
            #"{"email":"joe@example.com","password":"right-password","clientSaltSeed":"\#(String(repeating: "ab", count: 32))"}"#.utf8)))
        #expect(try await seed("joe@example.com") == String(repeating: "ab", count: 32), "real accounts keep their seed")
    }
}
