import Foundation
import HummingbirdWSClient
import Logging
import NIOWebSocket
import Testing

/// The real `tandem-server` binary: two devices over real HTTP and a real websocket, then a restart.
@Suite(.serialized) struct ServerProcessTests {
    static let seed = String(repeating: "7a", count: 32)

    @Test func twoDevicesSyncAndEveryAcknowledgedWriteSurvivesARestart() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tandem-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let arguments = ServerProcess.sqliteArguments(in: directory)

        let server = try await ServerProcess.start(arguments: arguments)
        let http = HTTPClient(baseURL: server.baseURL)
        #expect(try await http.post("/api/3/signup", ["email": "joe@example.com", "password": "login-password", "clientSaltSeed": Self.seed]).status == 201)
        let email64 = Data("joe@example.com".utf8).base64EncodedString()
        #expect(try await http.get("/api/3/client-salt-seed?email=\(email64)").json["clientSaltSeed"] as? String == Self.seed)
        let laptop = try #require(try await http.post("/api/3/auth/full", ["deviceId": "laptop", "email": "joe@example.com", "password": "login-password"]).json["token"] as? String)
        let desktop = try #require(try await http.post("/api/3/auth/full", ["deviceId": "desktop", "email": "joe@example.com", "password": "login-password"]).json["token"] as? String)

        // The desktop listens; the laptop writes twice.
        let (notices, continuation) = AsyncStream.makeStream(of: String.self)
        let socket = Task {
            try await WebSocketClient.connect(url: "ws://127.0.0.1:\(server.port)/api/3/websocket?token=\(desktop)",
                                              logger: Logger(label: "e2e")) { inbound, _, _ in
                continuation.yield("opened")
                var count = 0
                for try await case .text(let text) in inbound.messages(maxSize: 1024) {
                    continuation.yield(text)
                    count += 1
                    if count == 2 { return }
                }
            }
        }
        var received = notices.makeAsyncIterator()
        #expect(await received.next() == "opened")
        for sequence in 1...2 {
            let write = try await http.post("/api/3/wallet", ["token": laptop, "encryptedWallet": "tandem1:wallet-\(sequence)",
                                                              "sequence": sequence, "hmac": "hmac-\(sequence)"])
            #expect(write.status == 200)
            #expect(await received.next() == "wallet-update:\(sequence)")
        }
        _ = try await socket.value
        let stale = try await http.post("/api/3/wallet", ["token": desktop, "encryptedWallet": "late", "sequence": 2, "hmac": "h"])
        #expect(stale.status == 409)

        // Graceful shutdown closes open websockets with a close frame (not a dropped connection) and exits cleanly.
        let (opened, openedContinuation) = AsyncStream.makeStream(of: Void.self)
        let lingering = Task {
            try await WebSocketClient.connect(url: "ws://127.0.0.1:\(server.port)/api/3/websocket?token=\(laptop)",
                                              logger: Logger(label: "e2e")) { inbound, _, _ in
                openedContinuation.yield()
                for try await _ in inbound {}
            }
        }
        var openedIterator = opened.makeAsyncIterator()
        await openedIterator.next()
        #expect(server.stop() == 0, "SIGTERM shuts down gracefully")
        let close = try await lingering.value
        #expect(close.map { [.normalClosure, .goingAway].contains($0.closeCode) } == true, "\(String(describing: close))")

        let restarted = try await ServerProcess.start(arguments: arguments)
        defer { _ = restarted.stop() }
        let again = HTTPClient(baseURL: restarted.baseURL)
        let wallet = try await again.get("/api/3/wallet?token=\(desktop)")
        #expect(wallet.status == 200, "tokens and wallet survive the restart")
        #expect(wallet.json["sequence"] as? Int == 2)
        #expect(wallet.json["encryptedWallet"] as? String == "tandem1:wallet-2")
        #expect(wallet.json["hmac"] as? String == "hmac-2")
    }

    @Test func aBadConfigurationIsRefusedWithOneClearLine() throws {
        let process = Process()
        process.executableURL = ServerProcess.binaryDirectory.appendingPathComponent("tandem-server")
        process.arguments = ["--database", "mysql://nowhere", "--port", "0"]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus != 0)
        #expect(message == "tandem-server: unsupported database URL 'mysql://nowhere' (expected sqlite:PATH or postgres://USER:PASSWORD@HOST[:PORT]/DATABASE[?sslmode=disable|prefer|require|verify-full])\n")
    }
}
