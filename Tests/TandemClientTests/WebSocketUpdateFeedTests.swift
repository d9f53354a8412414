import Foundation
import TandemClient
import TandemCore
import Testing

@Suite struct WebSocketUpdateFeedTests {
    @Test func reportsNoticesCatchesUpAndStopsOnPasswordChange() async throws {
        try await LiveServer.run { url in
            let remote = HTTPWalletRemote(server: url, timeout: 120)
            let seed = String(repeating: "3c", count: 32)
            _ = try await remote.signup(email: "joe@example.com", loginPassword: "login-pw-1", clientSaltSeed: seed)
            let token = try await remote.logIn(email: "joe@example.com", loginPassword: "login-pw-1", deviceID: "d")
            _ = try await remote.upload(SealedWallet(encryptedWallet: "w", sequence: 1, hmac: "h"), token: token)

            var events = WebSocketUpdateFeed(server: url).events(token: token, since: { 0 }).makeAsyncIterator()
            #expect(await events.next() == .connecting)
            #expect(await events.next() == .connected)
            #expect(await events.next() == .walletUpdated(sequence: 1), "since=0 catches up at once")
            _ = try await remote.upload(SealedWallet(encryptedWallet: "w", sequence: 2, hmac: "h"), token: token)
            #expect(await events.next() == .walletUpdated(sequence: 2))
            _ = try await remote.changePassword(email: "joe@example.com", oldLoginPassword: "login-pw-1",
                                                newLoginPassword: "login-pw-2", clientSaltSeed: seed,
                                                wallet: SealedWallet(encryptedWallet: "w", sequence: 3, hmac: "h"))
            #expect(await events.next() == .passwordChanged)
            #expect(await events.next() == nil, "the feed stops for good")
        }
    }

    @Test func retriesWithBackoffWhileTheServerIsAway() async throws {
        var feed = WebSocketUpdateFeed(server: URL(string: "http://127.0.0.1:9")!)
        feed.initialDelay = .milliseconds(50)
        var events = feed.events(token: "t", since: { 0 }).makeAsyncIterator()
        #expect(await events.next() == .connecting)
        guard case .disconnected(_, let retryAt) = await events.next() else { Issue.record("expected a disconnect"); return }
        #expect(retryAt > Date().addingTimeInterval(-1))
        #expect(await events.next() == .connecting, "it tries again")
    }
}
