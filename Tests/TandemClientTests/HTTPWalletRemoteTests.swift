import Foundation
import TandemClient
import TandemCore
import TandemCrypto
import Testing

@Suite struct HTTPWalletRemoteTests {
    let seed = String(repeating: "3c", count: 32)

    @Test func speaksAPIv3() async throws {
        try await LiveServer.run { url in
            let remote = HTTPWalletRemote(server: url, timeout: 120)
            #expect(try await remote.signup(email: "joe+tag@example.com", loginPassword: "login-pw-1", clientSaltSeed: seed) == .verified)
            #expect(try await remote.clientSaltSeed(email: "joe+tag@example.com") == seed, "'+' survives the base64 query")
            let token = try await remote.logIn(email: "joe+tag@example.com", loginPassword: "login-pw-1", deviceID: "laptop")
            #expect(try await remote.wallet(token: token) == nil)
            let wallet = SealedWallet(encryptedWallet: "tandem1:x", sequence: 1, hmac: "h")
            #expect(try await remote.upload(wallet, token: token) == .accepted)
            #expect(try await remote.upload(wallet, token: token) == .stale)
            #expect(try await remote.wallet(token: token) == wallet)
            let changed = try await remote.changePassword(
                email: "joe+tag@example.com", oldLoginPassword: "login-pw-1", newLoginPassword: "login-pw-2",
                clientSaltSeed: seed, wallet: SealedWallet(encryptedWallet: "tandem1:y", sequence: 2, hmac: "h2"))
            #expect(changed == .accepted)
            await #expect(throws: RemoteError.self) { _ = try await remote.wallet(token: token) }
        }
    }

    @Test func refusalsBecomeClearErrors() async throws {
        try await LiveServer.run { url in
            let remote = HTTPWalletRemote(server: url, timeout: 120)
            await #expect(throws: RemoteError.refused(status: 404, message: "Not Found: No match for email")) {
                _ = try await remote.clientSaltSeed(email: "nobody@example.com")
            }
            await #expect(throws: RemoteError.unauthorized("Unauthorized: Token Not Found")) {
                _ = try await remote.wallet(token: "bogus")
            }
            await #expect(throws: RemoteError.refused(status: 400, message: "Bad Request: Invalid 'password': must be at least 8 characters")) {
                _ = try await remote.signup(email: "a@example.com", loginPassword: "short", clientSaltSeed: seed)
            }
        }
    }

    @Test func anUnreachableServerSaysSo() async throws {
        // Port 9 (discard) on loopback: nothing listens there.
        let remote = HTTPWalletRemote(server: URL(string: "http://127.0.0.1:9")!, timeout: 5)
        do {
            _ = try await remote.clientSaltSeed(email: "joe@example.com")
            Issue.record("expected an error")
        } catch {
            #expect(error.isTransient)
            #expect(error.description.hasPrefix("cannot reach the server: http://127.0.0.1:9"))
        }
    }
}
