import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import TandemFuzz
import HummingbirdWSClient
import Logging
import Testing

/// Refused websocket upgrades, as LBRY clients rely on them: the JSON error body before the upgrade, then the
/// connection closed. Never an empty body, never silence.
@Suite struct WebSocketRefusalTests {
    static let seed = String(repeating: "3d", count: 32)

    static func upgrade(_ target: String, method: String = "GET", version: String = "13") -> String {
        """
        \(method) \(target) HTTP/1.1\r
        Host: 127.0.0.1\r
        Upgrade: websocket\r
        Connection: Upgrade\r
        Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r
        Sec-WebSocket-Version: \(version)\r
        \r

        """
    }

    /// A server with one account logged in on one device; returns its token.
    static func serverWithToken(extra: [String] = []) async throws -> (ServerProcess, TemporaryFolder, String) {
        let folder = try TemporaryFolder()
        let server = try await ServerProcess.start(arguments: ServerProcess.sqliteArguments(in: folder.url) + extra)
        let http = HTTPClient(baseURL: server.baseURL)
        _ = try await http.post("/api/3/signup", ["email": "joe@example.com", "password": "login-password", "clientSaltSeed": seed])
        let login = try await http.post("/api/3/auth/full", ["deviceId": "laptop", "email": "joe@example.com", "password": "login-password"])
        return (server, folder, try #require(login.json["token"] as? String))
    }

    @Test func refusalsAreJSONAnswersBeforeTheUpgrade() async throws {
        let (server, folder, token) = try await Self.serverWithToken()
        // The folder holds the server's database: dropping it early would delete the file under the running server.
        defer { withExtendedLifetime(folder) {} }
        let port = server.port
        let cases: [(request: String, status: Int, error: String)] = [
            (Self.upgrade("/api/3/websocket?token=\(String(repeating: "0", count: 64))"), 401, "Unauthorized: Token Not Found"),
            (Self.upgrade("/api/3/websocket"), 400, "Bad Request: Missing 'token' parameter"),
            (Self.upgrade("/api/3/websocket?token=\(token)&since=x"), 400, "Bad Request: Invalid 'since' parameter: expected a sequence number"),
            (Self.upgrade("/api/3/websocket?token=\(token)", version: "8"), 426, "Upgrade Required: Unsupported websocket version; this server speaks 13"),
            (Self.upgrade("/api/3/websocket?token=\(token)", method: "POST"), 405, "Method Not Allowed"),
            (Self.upgrade("/api/3/wallet?token=bogus"), 401, "Unauthorized: Token Not Found"),
        ]
        try await onOwnThread {
            for (request, status, error) in cases {
                let connection = try RawConnection(port: port)
                connection.send(request)
                let answer = connection.readResponse()
                #expect(answer?.status == status, "\(request.prefix(60))")
                #expect(answer?.error == error)
                #expect(connection.closesWithin(5), "the connection closes after a refused upgrade")
                if status == 426 { #expect(answer?.header("Sec-WebSocket-Version") == "13") }
                if status == 405 { #expect(answer?.header("Allow") == "GET") }
            }
            let accepted = try RawConnection(port: port)
            accepted.send(Self.upgrade("/api/3/websocket?token=\(token)"))
            #expect(accepted.readResponse()?.status == 101, "a good upgrade still goes through")
        }
        _ = server.stop()
    }

    @Test func aRevokedTokenIs401() async throws {
        let (server, folder, token) = try await Self.serverWithToken()
        // The folder holds the server's database: dropping it early would delete the file under the running server.
        defer { withExtendedLifetime(folder) {} }
        let http = HTTPClient(baseURL: server.baseURL)
        let change = try await http.post("/api/3/password", ["email": "joe@example.com", "oldPassword": "login-password",
                                                             "newPassword": "login-password-2", "clientSaltSeed": Self.seed])
        #expect(change.status == 200)
        let port = server.port
        let answer = try await onOwnThread { try RawConnection.exchange(port: port, Self.upgrade("/api/3/websocket?token=\(token)")) }
        #expect(answer?.status == 401)
        #expect(answer?.error == "Unauthorized: Token Not Found")
        _ = server.stop()
    }

    @Test func socketsPerAccountAreCappedBeforeTheUpgrade() async throws {
        let (server, folder, token) = try await Self.serverWithToken(extra: ["--max-sockets-per-account", "2"])
        // The folder holds the server's database: dropping it early would delete the file under the running server.
        defer { withExtendedLifetime(folder) {} }
        let (opened, continuation) = AsyncStream.makeStream(of: Void.self)
        var sockets: [Task<Void, any Error>] = []
        for _ in 0..<2 {
            sockets.append(Task {
                _ = try await WebSocketClient.connect(url: "ws://127.0.0.1:\(server.port)/api/3/websocket?token=\(token)",
                                                      logger: Logger(label: "e2e")) { inbound, _, _ in
                    continuation.yield()
                    for try await _ in inbound {}
                }
            })
        }
        var iterator = opened.makeAsyncIterator()
        for _ in 0..<2 { await iterator.next() }
        // The clients see their upgrades before the server has counted both sockets; the cap applies to what the
        // server counts, so wait until it shows both.
        let metrics = try #require(URL(string: server.baseURL + "/metrics"))
        for _ in 0..<100 {
            let (body, _) = try await URLSession.shared.data(from: metrics)
            if String(decoding: body, as: UTF8.self).contains("tandem_websocket_connections 2") { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        let port = server.port
        let answer = try await onOwnThread { try RawConnection.exchange(port: port, Self.upgrade("/api/3/websocket?token=\(token)")) }
        #expect(answer?.status == 429)
        #expect(answer?.error == "Too Many Requests: Too many open websockets for this account")
        #expect(answer?.header("Retry-After") != nil)
        _ = server.stop()
        for socket in sockets { _ = try? await socket.value }
    }
}
