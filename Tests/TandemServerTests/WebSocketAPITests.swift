import Foundation
import HummingbirdTesting
import NIOWebSocket
import Testing

/// `wallet-update:N` fan-out, close on password change, catch-up, limits — over real sockets (`.live`).
@Suite struct WebSocketAPITests {
    @Test func everySocketOfTheAccountHearsOfEveryWrite() async throws {
        try await ServerHarness().test(.live) { client async throws in
            let port = try #require(client.port)
            _ = try await Flow.signup(client)
            _ = try await Flow.signup(client, "ann@example.com")
            let laptop = try await Flow.login(client, device: "laptop")
            let desktop = try await Flow.login(client, device: "desktop")
            let stranger = try await Flow.login(client, "ann@example.com")
            var laptopSocket = SocketProbe.connect(port: port, token: laptop, stopAfter: 2)
            var desktopSocket = SocketProbe.connect(port: port, token: desktop, stopAfter: 2)
            var strangerSocket = SocketProbe.connect(port: port, token: stranger, stopAfter: 1)
            #expect(await laptopSocket.next() == .opened)
            #expect(await desktopSocket.next() == .opened)
            #expect(await strangerSocket.next() == .opened)

            #expect(try await Flow.postWallet(client, token: laptop, sequence: 1).status == 200)
            #expect(try await Flow.postWallet(client, token: desktop, sequence: 2).status == 200)
            #expect(await laptopSocket.next() == .text("wallet-update:1"), "the writer's own socket included")
            #expect(await laptopSocket.next() == .text("wallet-update:2"))
            #expect(await desktopSocket.next() == .text("wallet-update:1"))
            #expect(await desktopSocket.next() == .text("wallet-update:2"))

            #expect(try await Flow.postWallet(client, token: stranger, sequence: 1).status == 200)
            #expect(await strangerSocket.next() == .text("wallet-update:1"), "other accounts hear only their own")
            _ = try await laptopSocket.closed.value
            _ = try await desktopSocket.closed.value
            _ = try await strangerSocket.closed.value
        }
    }

    @Test func passwordChangeClosesTheAccountsSocketsWith4001() async throws {
        try await ServerHarness().test(.live) { client async throws in
            let port = try #require(client.port)
            _ = try await Flow.signup(client)
            let token = try await Flow.login(client)
            var socket = SocketProbe.connect(port: port, token: token)
            #expect(await socket.next() == .opened)
            let change = try await client.call(.post, "/api/3/password", json: [
                "email": "joe@example.com", "oldPassword": Flow.password, "newPassword": "login-password-2",
                "clientSaltSeed": String(repeating: "ab", count: 32)])
            #expect(change.status == 200)
            let close = try await socket.closed.value
            #expect(close?.closeCode == .unknown(4001))
            #expect(close?.reason == "password changed")
        }
    }

    @Test func sinceCatchesUpAtOnceWhenTheDeviceIsBehind() async throws {
        try await ServerHarness().test(.live) { client async throws in
            let port = try #require(client.port)
            _ = try await Flow.signup(client)
            let token = try await Flow.login(client)
            for sequence in 1...3 { _ = try await Flow.postWallet(client, token: token, sequence: sequence) }

            var behind = SocketProbe.connect(port: port, token: token, since: 1, stopAfter: 1)
            #expect(await behind.next() == .opened)
            #expect(await behind.next() == .text("wallet-update:3"))
            _ = try await behind.closed.value

            var current = SocketProbe.connect(port: port, token: token, since: 3, stopAfter: 1)
            #expect(await current.next() == .opened)
            _ = try await Flow.postWallet(client, token: token, sequence: 4)
            #expect(await current.next() == .text("wallet-update:4"), "nothing sent for an up-to-date device")
            _ = try await current.closed.value
        }
    }

    @Test func aQuietHealthyClientSurvivesPings() async throws {
        var harness = ServerHarness()
        // The server closes a socket whose pong has not come back within one interval: leave a loaded machine room.
        harness.configuration.pingInterval = .seconds(4)
        try await harness.test(.live) { client async throws in
            let port = try #require(client.port)
            _ = try await Flow.signup(client)
            let token = try await Flow.login(client)
            var socket = SocketProbe.connect(port: port, token: token, stopAfter: 1)
            #expect(await socket.next() == .opened)
            try await Task.sleep(for: .seconds(9))  // two pings answered
            _ = try await Flow.postWallet(client, token: token, sequence: 1)
            #expect(await socket.next() == .text("wallet-update:1"))
            _ = try await socket.closed.value
        }
    }

    @Test func framesOver512BytesCloseTheSocketWith1009() async throws {
        try await ServerHarness().test(.live) { client async throws in
            let port = try #require(client.port)
            _ = try await Flow.signup(client)
            let token = try await Flow.login(client)
            var socket = SocketProbe.connect(port: port, token: token, send: String(repeating: "x", count: 600))
            #expect(await socket.next() == .opened)
            let close = try await socket.closed.value
            #expect(close?.closeCode == .messageTooLarge)
        }
    }

    @Test func upgradeIsRefusedBeforeItHappensForBadTokens() async throws {
        try await ServerHarness().test(.live) { client async throws in
            let port = try #require(client.port)
            let socket = SocketProbe.connect(port: port, token: "bogus")
            await #expect(throws: (any Error).self) { _ = try await socket.closed.value }
            // A refusal closes the connection, so this is the test client's last request.
            #expect(try await client.call(.get, "/api/3/websocket?token=bogus").status == 401, "the token is checked first")
        }
    }

    @Test func aPlainGetWithALiveTokenIsNotAnUpgrade() async throws {
        try await ServerHarness().test { client async throws in
            _ = try await Flow.signup(client)
            let token = try await Flow.login(client)
            let plain = try await client.call(.get, "/api/3/websocket?token=\(token)")
            #expect(plain.status == 400)
            #expect(plain.error == "Bad Request: Expected a websocket upgrade")
            #expect(plain.headers[.connection] == "close")
        }
    }
}
