import Foundation
import HummingbirdTesting
import NIOWebSocket
import Testing

/// The close codes of the Tandem extensions over real sockets: 4002 for a revoked or logged-out device, 4003 for a
/// deleted account; everyone else's sockets stay open.
@Suite struct SocketCloseAPITests {
    @Test func revokingADeviceClosesOnlyItsSocketsWith4002() async throws {
        try await ServerHarness().test(.live) { client async throws in
            let port = try #require(client.port)
            _ = try await Flow.signup(client)
            let laptop = try await Flow.login(client, device: "laptop")
            let desktop = try await Flow.login(client, device: "desktop")
            var laptopSocket = SocketProbe.connect(port: port, token: laptop, stopAfter: 1)
            var desktopSocket = SocketProbe.connect(port: port, token: desktop)
            #expect(await laptopSocket.next() == .opened)
            #expect(await desktopSocket.next() == .opened)

            let revoked = try await client.call(.post, "/api/3/devices/revoke", json: ["token": laptop, "deviceId": "desktop"])
            #expect(revoked.status == 200)
            let close = try await desktopSocket.closed.value
            #expect(close?.closeCode == .unknown(4002))
            #expect(close?.reason == "device revoked")

            _ = try await Flow.postWallet(client, token: laptop, sequence: 1)
            #expect(await laptopSocket.next() == .text("wallet-update:1"), "the other device's socket stays open")
            _ = try await laptopSocket.closed.value
        }
    }

    @Test func logOutClosesTheCallersSocketsWith4002() async throws {
        try await ServerHarness().test(.live) { client async throws in
            let port = try #require(client.port)
            _ = try await Flow.signup(client)
            let laptop = try await Flow.login(client, device: "laptop")
            let desktop = try await Flow.login(client, device: "desktop")
            var desktopSockets = [SocketProbe.connect(port: port, token: desktop), SocketProbe.connect(port: port, token: desktop)]
            var laptopSocket = SocketProbe.connect(port: port, token: laptop, stopAfter: 1)
            for index in desktopSockets.indices { #expect(await desktopSockets[index].next() == .opened) }
            #expect(await laptopSocket.next() == .opened)

            #expect(try await client.call(.post, "/api/3/logout", json: ["token": desktop]).status == 200)
            for socket in desktopSockets {
                let close = try await socket.closed.value
                #expect(close?.closeCode == .unknown(4002))
                #expect(close?.reason == "device revoked")
            }
            _ = try await Flow.postWallet(client, token: laptop, sequence: 1)
            #expect(await laptopSocket.next() == .text("wallet-update:1"))
            _ = try await laptopSocket.closed.value
        }
    }

    @Test func deletingTheAccountClosesAllItsSocketsWith4003() async throws {
        try await ServerHarness().test(.live) { client async throws in
            let port = try #require(client.port)
            _ = try await Flow.signup(client)
            _ = try await Flow.signup(client, "ann@example.com")
            let laptop = try await Flow.login(client, device: "laptop")
            let desktop = try await Flow.login(client, device: "desktop")
            let ann = try await Flow.login(client, "ann@example.com")
            var sockets = [SocketProbe.connect(port: port, token: laptop), SocketProbe.connect(port: port, token: desktop)]
            var annSocket = SocketProbe.connect(port: port, token: ann, stopAfter: 1)
            for index in sockets.indices { #expect(await sockets[index].next() == .opened) }
            #expect(await annSocket.next() == .opened)

            let deleted = try await client.call(.post, "/api/3/account/delete",
                                                json: ["email": "joe@example.com", "password": Flow.password])
            #expect(deleted.status == 200)
            for socket in sockets {
                let close = try await socket.closed.value
                #expect(close?.closeCode == .unknown(4003))
                #expect(close?.reason == "account deleted")
            }
            _ = try await Flow.postWallet(client, token: ann, sequence: 1)
            #expect(await annSocket.next() == .text("wallet-update:1"), "other accounts' sockets stay open")
            _ = try await annSocket.closed.value
        }
    }
}
