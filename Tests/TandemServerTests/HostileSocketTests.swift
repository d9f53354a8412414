import Foundation
import HummingbirdTesting
import NIOCore
import NIOEmbedded
import NIOWebSocket
@testable import TandemServer
import Testing

/// Websocket peers that misbehave: the server's memory per socket stays bounded, it never hangs, and well-behaved
/// sockets and requests are not held up.
@Suite struct HostileSocketTests {
    @Test func racingUpgradesNeverExceedTheSocketCapAndTheRestGet429() async throws {
        var harness = ServerHarness()
        harness.configuration.maximumSocketsPerAccount = 1
        try await harness.test(.live) { client async throws in
            let port = try #require(client.port)
            _ = try await Flow.signup(client)
            let token = try await Flow.login(client)
            // All upgrade requests are on their way before the server has admitted any of them.
            let statuses = try await onOwnThread {
                let sockets = try (0..<6).map { _ in try RawWebSocket(port: port, token: token) }
                return sockets.map { $0.status() }
            }
            #expect(statuses.filter { $0 == 101 }.count == 1, "\(statuses)")
            #expect(statuses.filter { $0 == 429 }.count == 5, "the documented refusal, never a bare 400: \(statuses)")
            // The gate answers upgrades itself; they are counted like every other request.
            let metrics = try await client.call(.get, "/metrics").text
            #expect(metrics.contains(#"tandem_http_requests_total{path="/api/3/websocket",status="101"} 1"#), "\(metrics)")
            #expect(metrics.contains(#"tandem_http_requests_total{path="/api/3/websocket",status="429"} 5"#))
        }
    }

    @Test func aPeerThatHangsUpWithoutACloseFrameGivesBackItsPlaceAtOnce() async throws {
        var harness = ServerHarness()
        harness.configuration.maximumSocketsPerAccount = 1
        try await harness.test(.live) { client async throws in
            let port = try #require(client.port)
            _ = try await Flow.signup(client)
            let token = try await Flow.login(client)
            let statuses = try await onOwnThread { () -> [Int?] in
                let first = try RawWebSocket(port: port, token: token)
                let opened = first.status()
                first.hangUp()
                // Far less than a ping interval (30 s): the server must notice the end of input, not a missing pong.
                for _ in 0..<50 {
                    let next = try RawWebSocket(port: port, token: token)
                    let status = next.status()
                    if status == 101 { return [opened, status] }
                    Thread.sleep(forTimeInterval: 0.1)
                }
                return [opened, nil]
            }
            #expect(statuses == [101, 101])
        }
    }

    @Test func aPeerFloodingPingsWithoutReadingIsThrottledNotQueued() async throws {
        try await ServerHarness().test(.live) { client async throws in
            let port = try #require(client.port)
            _ = try await Flow.signup(client)
            let token = try await Flow.login(client)
            let flood = RawWebSocket.frame(opcode: 0x9, payload: Array(repeating: 0x61, count: 125))
            let burst = Array([[UInt8]](repeating: flood, count: 1000).joined())
            let sent = try await onOwnThread { () -> Int in
                let socket = try RawWebSocket(port: port, token: token)
                guard socket.status() == 101 else { return -1 }
                var sent = 0
                // Each ping asks for a pong the peer never reads: a server that kept reading would queue them all.
                while sent < 256 << 20, socket.send(burst, within: 2) { sent += burst.count }
                return sent
            }
            #expect(sent >= 0, "upgraded")
            #expect(sent < 256 << 20, "the server stopped reading once its pongs backed up (sent \(sent) bytes)")
            #expect(try await Flow.postWallet(client, token: token, sequence: 1).status == 200, "the server still answers")
        }
    }

    @Test func aPeerThatNeverAnswersPingsIsDropped() async throws {
        var harness = ServerHarness()
        harness.configuration.pingInterval = .seconds(1)
        try await harness.test(.live) { client async throws in
            let port = try #require(client.port)
            _ = try await Flow.signup(client)
            let token = try await Flow.login(client)
            let frames = try await onOwnThread { () -> [(opcode: UInt8, payload: [UInt8])]? in
                let socket = try RawWebSocket(port: port, token: token)
                guard socket.status() == 101, socket.readsToTheEnd(within: 20) else { return nil }
                return socket.frames
            }
            let seen = try #require(frames, "the server ended the connection")
            #expect(seen.first?.opcode == 0x9, "pinged first")
            #expect(seen.last.map { $0.opcode == 0x8 && Array($0.payload.prefix(2)) == [0x03, 0xE9] } == true, "closed with 1001")
        }
    }

    @Test func clientDataOfAnyKindIsDroppedAndTheSocketStaysUseful() async throws {
        try await ServerHarness().test(.live) { client async throws in
            let port = try #require(client.port)
            _ = try await Flow.signup(client)
            let token = try await Flow.login(client)
            let chunk = Array(repeating: UInt8(0x62), count: 500)
            var data = RawWebSocket.frame(opcode: 0x2, payload: chunk) + RawWebSocket.frame(opcode: 0x1, payload: Array("hi".utf8))
            // One 1 MB message in 500-byte fragments: each frame is under the limit, the message is never collected.
            data += RawWebSocket.frame(opcode: 0x2, fin: false, payload: chunk)
            for _ in 0..<2000 { data += RawWebSocket.frame(opcode: 0x0, fin: false, payload: chunk) }
            data += RawWebSocket.frame(opcode: 0x0, fin: true, payload: chunk)
            let frames = data
            let socket = try await onOwnThread { () -> RawWebSocket? in
                let socket = try RawWebSocket(port: port, token: token)
                guard socket.status() == 101, socket.send(frames, within: 10) else { return nil }
                return socket
            }
            let open = try #require(socket)
            #expect(try await Flow.postWallet(client, token: token, sequence: 1).status == 200)
            let heard = try await onOwnThread { () -> Bool in
                let deadline = Date().addingTimeInterval(10)
                while !open.frames.contains(where: { $0.opcode == 0x1 }), open.receive(until: deadline) {}
                return open.frames.contains { $0.opcode == 0x1 && $0.payload == Array("wallet-update:1".utf8) }
            }
            #expect(heard)
            #expect(!open.frames.contains { $0.opcode == 0x8 }, "not closed")
        }
    }

    @Test func aPeerThatDoesNotReadGetsOnlyTheNewestNoticeOnceItReadsAgain() throws {
        let hub = WalletUpdateHub()
        let handler = WalletSocketHandler(
            admitted: AdmittedSocket(account: 7, deviceKey: "laptop", token: "t", since: nil), hub: hub,
            configuration: .init(pingInterval: .seconds(30), closeTimeout: .seconds(1)), started: { _ in }, ended: {})
        let channel = EmbeddedChannel(handler: handler)
        hub.publish(.walletUpdated(7, sequence: 1))
        channel.embeddedEventLoop.run()
        #expect(try channel.readOutbound(as: WebSocketFrame.self).map { String(buffer: $0.data) } == "wallet-update:1")

        channel.isWritable = false
        for sequence in 2...5_000 { hub.publish(.walletUpdated(7, sequence: UInt32(sequence))) }
        channel.embeddedEventLoop.run()
        #expect(try channel.readOutbound(as: WebSocketFrame.self) == nil, "nothing queued while the peer does not read")

        channel.isWritable = true
        channel.pipeline.fireChannelWritabilityChanged()
        #expect(try channel.readOutbound(as: WebSocketFrame.self).map { String(buffer: $0.data) } == "wallet-update:5000")
        #expect(try channel.readOutbound(as: WebSocketFrame.self) == nil)
        hub.publish(.walletUpdated(7, sequence: 4_999))
        channel.embeddedEventLoop.run()
        #expect(try channel.readOutbound(as: WebSocketFrame.self) == nil, "never a lower sequence after a higher one")
        _ = try channel.finish()
        #expect(hub.socketCount == 0)
    }
}
